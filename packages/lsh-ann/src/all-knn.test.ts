import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { ALL_KNN_DEFAULTS, allKnn } from './all-knn.js';
import { buildBruteForceIndex } from './brute-force-index.js';
import { buildE2lshIndex } from './e2lsh-index.js';
import { recallAtK } from './recall.js';
import { buildSpillForestIndex } from './spill-forest-index.js';

const BLOBS = makeBlobs({
  clusters: 8,
  pointsPerCluster: 250,
  dimensions: 8,
  seed: 5,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 8 };
const SMALL = { data: BLOBS.points.slice(0, 120 * 8), rows: 120, columns: 8 };

describe('allKnn', () => {
  it('keeps its defaults', () => {
    expect(ALL_KNN_DEFAULTS).toEqual({ includeSelf: true, refineRounds: 0 });
  });

  it('reaches recall@10 ≥ 0.9 on seeded blobs (spill forest, E2LSH)', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(POINTS, 10);
    const forest = await buildSpillForestIndex(POINTS, {
      numTrees: 4,
      seed: 1,
    });
    const e2lsh = await buildE2lshIndex(POINTS, { numTables: 12, seed: 1 });

    const fromForest = allKnn(forest, 10, { refineRounds: 1 });
    const fromE2lsh = allKnn(e2lsh, 10, { refineRounds: 1 });

    expect(recallAtK(fromForest, exact)).toBeGreaterThanOrEqual(0.9);
    expect(recallAtK(fromE2lsh, exact)).toBeGreaterThanOrEqual(0.9);
    // Far fewer pair distances than brute force's n² / 2.
    expect(fromForest.candidatesChecked).toBeLessThan(POINTS.rows ** 2 / 8);
  });

  it('gains recall from a refinement round', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(POINTS, 10);
    const forest = await buildSpillForestIndex(POINTS, { numTrees: 1 });

    const plain = recallAtK(allKnn(forest, 10), exact);
    const refined = recallAtK(allKnn(forest, 10, { refineRounds: 1 }), exact);

    expect(refined).toBeGreaterThan(plain + 0.05);
  });

  it('equals the per-query path when one leaf holds every point', async () => {
    const forest = await buildSpillForestIndex(SMALL, {
      numTrees: 1,
      leafSize: SMALL.rows,
    });

    const all = allKnn(forest, 7);
    const perQuery = await forest.knn(SMALL, 7);
    const exact = await (await buildBruteForceIndex(SMALL)).knn(SMALL, 7);

    expect(Array.from(all.indices)).toEqual(Array.from(perQuery.indices));
    expect(Array.from(all.indices)).toEqual(Array.from(exact.indices));
    for (let i = 0; i < all.distances.length; i++) {
      expect(all.distances[i]).toBeCloseTo(perQuery.distances[i] as number, 4);
    }
    expect(all.candidatesChecked).toBe((SMALL.rows * (SMALL.rows - 1)) / 2);
  });

  it('leaves self out with includeSelf: false', async () => {
    const forest = await buildSpillForestIndex(SMALL, {
      numTrees: 1,
      leafSize: SMALL.rows,
    });

    const others = allKnn(forest, 5, { includeSelf: false });
    const withSelf = allKnn(forest, 6);

    for (let i = 0; i < SMALL.rows; i++) {
      expect(Array.from(others.indices.subarray(i * 5, i * 5 + 5))).toEqual(
        Array.from(withSelf.indices.subarray(i * 6 + 1, i * 6 + 6)),
      );
      expect(withSelf.indices[i * 6]).toBe(i);
    }
  });

  it('pads rows that met fewer than k points with −1 / Infinity', async () => {
    const tiny = { data: SMALL.data.slice(0, 16 * 8), rows: 16, columns: 8 };
    const forest = await buildSpillForestIndex(tiny, {
      numTrees: 1,
      leafSize: 4,
      overlap: 0,
    });

    const result = allKnn(forest, 12);

    expect(result.indices[11]).toBe(-1);
    expect(result.distances[11]).toBe(Infinity);
    expect(result.indices[0]).toBe(0);
  });

  it('creates no tensors', async () => {
    const forest = await buildSpillForestIndex(SMALL, { numTrees: 2 });
    const before = tf.memory().numTensors;

    allKnn(forest, 5, { refineRounds: 1 });

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad k or option with a full message', async () => {
    const forest = await buildSpillForestIndex(SMALL, { numTrees: 1 });

    expect(() => allKnn(forest, 0)).toThrow(
      'allKnn: k must be an integer in [1, 120] (the number of indexed ' +
        'points), got 0.',
    );
    expect(() => allKnn(forest, 120, { includeSelf: false })).toThrow(
      'allKnn: k must be an integer in [1, 119] (the number of indexed ' +
        'points − 1, self excluded), got 120.',
    );
    expect(() => allKnn(forest, 2.5)).toThrow('got 2.5.');
    expect(() => allKnn(forest, 5, { refineRounds: -1 })).toThrow(
      'allKnn: refineRounds must be an integer >= 0 and <= 16, got -1.',
    );
  });
});
