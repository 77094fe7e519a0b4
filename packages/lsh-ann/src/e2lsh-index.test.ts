import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { buildBruteForceIndex } from './brute-force-index.js';
import { buildE2lshIndex } from './e2lsh-index.js';
import { E2LSH_DEFAULTS } from './e2lsh-options.js';
import { radiusRecall, recallAtK } from './recall.js';

const BLOBS = makeBlobs({
  clusters: 8,
  pointsPerCluster: 250,
  dimensions: 8,
  seed: 5,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 8 };
/** Every 10th point: 200 queries that are also in the index. */
const QUERIES = {
  data: Float32Array.from(
    { length: 200 * 8 },
    (_, i) => BLOBS.points[Math.floor(i / 8) * 10 * 8 + (i % 8)]!,
  ),
  rows: 200,
  columns: 8,
};

describe('buildE2lshIndex', () => {
  it('keeps its defaults', () => {
    expect(E2LSH_DEFAULTS).toMatchInlineSnapshot(`
      {
        "bucketWidth": "auto",
        "hashesPerTable": 8,
        "numProbes": 8,
        "numTables": 8,
        "projection": "auto",
        "seed": 0,
        "targetBucketSize": 16,
      }
    `);
  });

  it('reaches recall@10 ≥ 0.9 against brute force on seeded blobs', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(QUERIES, 10);
    const index = await buildE2lshIndex(POINTS, { seed: 1 });

    const result = await index.knn(QUERIES, 10);

    expect(recallAtK(result, exact)).toBeGreaterThanOrEqual(0.9);
    // Fewer candidates than a full scan: the index prunes.
    expect(result.candidatesChecked / QUERIES.rows).toBeLessThan(
      POINTS.rows / 2,
    );
  });

  it('gains recall with more probes', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(QUERIES, 10);
    const index = await buildE2lshIndex(POINTS, {
      seed: 1,
      numTables: 2,
      numProbes: 0,
    });
    const without = recallAtK(await index.knn(QUERIES, 10), exact);

    index.numProbes = 32;
    const withProbes = recallAtK(await index.knn(QUERIES, 10), exact);

    expect(withProbes).toBeGreaterThan(without + 0.05);
  });

  it('answers radius queries with exact distances, a subset of brute force', async () => {
    const exact = await (
      await buildBruteForceIndex(POINTS)
    ).radius(QUERIES, 2.5);
    const index = await buildE2lshIndex(POINTS, { seed: 1 });

    const result = await index.radius(QUERIES, 2.5);

    expect(radiusRecall(result, exact)).toBeGreaterThanOrEqual(0.9);
    for (let q = 0; q < result.rows; q++) {
      const truth = new Set(
        exact.indices.subarray(exact.offsets[q], exact.offsets[q + 1]),
      );
      for (let p = result.offsets[q]!; p < result.offsets[q + 1]!; p++) {
        expect(truth.has(result.indices[p]!)).toBe(true);
        expect(result.distances[p]!).toBeLessThanOrEqual(2.5);
      }
    }
  });

  it('gives the same neighbours with typed and tensor projections', async () => {
    const typed = await buildE2lshIndex(POINTS, {
      seed: 2,
      projection: 'typed',
    });
    const tensor = await buildE2lshIndex(POINTS, {
      seed: 2,
      projection: 'tensor',
    });

    const a = await typed.knn(QUERIES, 5);
    const b = await tensor.knn(QUERIES, 5);

    // Bucket keys can differ only for projections within float32 rounding
    // of a boundary; on this data none are.
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
    expect(tensor.hash.bucketWidth).toBeCloseTo(typed.hash.bucketWidth, 3);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;

    const index = await buildE2lshIndex(POINTS, {
      projection: 'tensor',
      numTables: 2,
    });
    await index.knn(QUERIES, 3);
    await index.radius(QUERIES, 1);

    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible for a seed', async () => {
    const a = await buildE2lshIndex(POINTS, { seed: 9, numTables: 3 });
    const b = await buildE2lshIndex(POINTS, { seed: 9, numTables: 3 });

    expect(b.hash.bucketWidth).toBe(a.hash.bucketWidth);
    expect(Array.from((await b.knn(QUERIES, 4)).indices)).toEqual(
      Array.from((await a.knn(QUERIES, 4)).indices),
    );
  });

  it('rejects a bucket width ≤ 0', async () => {
    await expect(buildE2lshIndex(POINTS, { bucketWidth: 0 })).rejects.toThrow(
      'buildE2lshIndex: bucketWidth must be a finite number > 0 or "auto", got 0.',
    );
  });

  it('rejects k larger than the number of points', async () => {
    const index = await buildE2lshIndex(
      [
        [0, 0],
        [1, 1],
      ],
      { bucketWidth: 1 },
    );

    await expect(index.knn([[0, 0]], 3)).rejects.toThrow(
      'E2lshIndex.knn: k must be an integer in [1, 2] (the number of indexed points), got 3.',
    );
  });

  it('rejects queries of another dimension', async () => {
    const index = await buildE2lshIndex(POINTS, { numTables: 1 });

    await expect(index.radius([[1, 2]], 1)).rejects.toThrow(
      'E2lshIndex.radius: queries must have 8 columns like the index, got shape [1, 2].',
    );
  });

  it('rejects a bad probe count and a misspelt option', async () => {
    const index = await buildE2lshIndex(POINTS, { numTables: 1 });

    expect(() => {
      index.numProbes = -1;
    }).toThrow(
      'E2lshIndex.numProbes: numProbes must be an integer >= 0 and <= 256, got -1.',
    );
    await expect(
      buildE2lshIndex(POINTS, { numTabels: 3 } as unknown as {
        numTables: number;
      }),
    ).rejects.toThrow(
      'buildE2lshIndex: options has an unknown field "numTabels".',
    );
  });
});
