import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import {
  BRUTE_FORCE_DEFAULTS,
  buildBruteForceIndex,
} from './brute-force-index.js';

const SQUARE = [
  [0, 0],
  [1, 0],
  [0, 2],
  [3, 4],
];

/** Plain-loop k nearest, the reference. */
function loopKnn(
  points: Float32Array,
  queries: Float32Array,
  d: number,
  k: number,
) {
  const n = points.length / d;
  const rows: number[][] = [];
  for (let q = 0; q < queries.length / d; q++) {
    const order = Array.from({ length: n }, (_, i) => i).map((i) => {
      let s = 0;
      for (let c = 0; c < d; c++)
        s += (points[i * d + c]! - queries[q * d + c]!) ** 2;
      return [s, i] as const;
    });
    order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    rows.push(order.slice(0, k).map(([, i]) => i));
  }
  return rows;
}

describe('buildBruteForceIndex', () => {
  it('keeps its defaults', () => {
    expect(BRUTE_FORCE_DEFAULTS).toMatchInlineSnapshot(`
      {
        "chunkElements": 16777216,
        "metric": "euclidean",
      }
    `);
  });

  it('finds the hand-worked nearest neighbours and distances', async () => {
    const index = await buildBruteForceIndex(SQUARE);

    const result = await index.knn([[0.9, 0.1]], 3);

    expect(Array.from(result.indices)).toEqual([1, 0, 2]);
    expect(result.distances[0]).toBeCloseTo(Math.hypot(0.1, 0.1), 6);
    expect(result.distances[1]).toBeCloseTo(Math.hypot(0.9, 0.1), 6);
    expect(result.distances[2]).toBeCloseTo(Math.hypot(0.9, 1.9), 6);
  });

  it('agrees with a plain loop on seeded blobs, in small chunks', async () => {
    const blobs = makeBlobs({
      clusters: 4,
      pointsPerCluster: 100,
      dimensions: 5,
      seed: 3,
    });
    const points = { data: blobs.points, rows: blobs.n, columns: 5 };
    const index = await buildBruteForceIndex(points, { chunkElements: 4000 });

    const result = await index.knn(points, 7);

    const expected = loopKnn(blobs.points, blobs.points, 5, 7);
    for (let q = 0; q < blobs.n; q++) {
      expect(Array.from(result.indices.subarray(q * 7, q * 7 + 7))).toEqual(
        expected[q],
      );
    }
  });

  it('returns every point within the radius, sorted, and no other', async () => {
    const index = await buildBruteForceIndex(SQUARE);

    const result = await index.radius(
      [
        [0, 0],
        [3, 3.5],
      ],
      2,
    );

    expect(Array.from(result.offsets)).toEqual([0, 3, 4]);
    expect(Array.from(result.indices)).toEqual([0, 1, 2, 3]);
    expect(result.distances[2]).toBeCloseTo(2, 6);
    expect(result.distances[3]).toBeCloseTo(0.5, 6);
  });

  it('measures cosine distance as 1 − cos θ', async () => {
    const index = await buildBruteForceIndex(
      [
        [1, 0],
        [0, 5],
        [-2, 0],
      ],
      { metric: 'cosine' },
    );

    const result = await index.knn([[3, 3]], 3);

    expect(Array.from(result.indices)).toEqual([0, 1, 2]);
    expect(result.distances[0]).toBeCloseTo(1 - Math.SQRT1_2, 6);
    expect(result.distances[2]).toBeCloseTo(1 + Math.SQRT1_2, 6);
  });

  it('leaks no tensors', async () => {
    const index = await buildBruteForceIndex(SQUARE);
    const before = tf.memory().numTensors;

    await index.knn(SQUARE, 2);
    await index.radius(SQUARE, 1);

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects k larger than the number of points', async () => {
    const index = await buildBruteForceIndex(SQUARE);

    await expect(index.knn(SQUARE, 5)).rejects.toThrow(
      'BruteForceIndex.knn: k must be an integer in [1, 4] (the number of indexed points), got 5.',
    );
  });

  it('rejects queries of another dimension', async () => {
    const index = await buildBruteForceIndex(SQUARE);

    await expect(index.knn([[1, 2, 3]], 1)).rejects.toThrow(
      'BruteForceIndex.knn: queries must have 2 columns like the index, got shape [1, 3].',
    );
  });

  it('rejects a radius that is not positive', async () => {
    const index = await buildBruteForceIndex(SQUARE);

    await expect(index.radius(SQUARE, 0)).rejects.toThrow(
      'BruteForceIndex.radius: radius must be a finite number > 0, got 0.',
    );
  });

  it('rejects an unknown metric', async () => {
    await expect(
      buildBruteForceIndex(SQUARE, { metric: 'manhattan' as 'cosine' }),
    ).rejects.toThrow(
      'buildBruteForceIndex: metric must be one of "euclidean", "cosine", got "manhattan".',
    );
  });
});
