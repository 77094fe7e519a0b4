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
    expect(ALL_KNN_DEFAULTS).toEqual({
      includeSelf: true,
      refineRounds: 0,
      boundDimensions: 0,
      groupProducts: false,
      blockRows: 256,
      maxBucketSize: 4096,
      seed: 0,
    });
  });

  it('compares a bucket above maxBucketSize in overlapping blocks', async () => {
    // One leaf of 120 points, cap 50 → blocks of 25: 5 blocks (4 × 25 + 20),
    // each with itself (4 · 300 + 190) and with the next (3 · 625 + 500).
    const forest = await buildSpillForestIndex(SMALL, {
      numTrees: 1,
      leafSize: SMALL.rows,
    });
    const exact = await (await buildBruteForceIndex(SMALL)).knn(SMALL, 7);

    const capped = await allKnn(forest, 7, { maxBucketSize: 50 });
    const refined = await allKnn(forest, 7, {
      maxBucketSize: 50,
      refineRounds: 2,
    });

    expect(capped.candidatesChecked).toBe(4 * 300 + 190 + 3 * 625 + 500);
    expect(recallAtK(capped, exact)).toBeLessThan(1);
    expect(recallAtK(refined, exact)).toBeGreaterThan(recallAtK(capped, exact));
  });

  it('reaches recall@10 ≥ 0.9 on seeded blobs (spill forest, E2LSH)', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(POINTS, 10);
    const forest = await buildSpillForestIndex(POINTS, {
      numTrees: 4,
      seed: 1,
    });
    const e2lsh = await buildE2lshIndex(POINTS, { numTables: 12, seed: 1 });

    const fromForest = await allKnn(forest, 10, { refineRounds: 1 });
    const fromE2lsh = await allKnn(e2lsh, 10, { refineRounds: 1 });

    expect(recallAtK(fromForest, exact)).toBeGreaterThanOrEqual(0.9);
    expect(recallAtK(fromE2lsh, exact)).toBeGreaterThanOrEqual(0.9);
    // Far fewer pair distances than brute force's n² / 2.
    expect(fromForest.candidatesChecked).toBeLessThan(POINTS.rows ** 2 / 8);
  });

  it('gains recall from a refinement round', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(POINTS, 10);
    const forest = await buildSpillForestIndex(POINTS, { numTrees: 1 });

    const plain = recallAtK(await allKnn(forest, 10), exact);
    const refined = recallAtK(
      await allKnn(forest, 10, { refineRounds: 1 }),
      exact,
    );

    expect(refined).toBeGreaterThan(plain + 0.05);
  });

  it('equals the per-query path when one leaf holds every point', async () => {
    const forest = await buildSpillForestIndex(SMALL, {
      numTrees: 1,
      leafSize: SMALL.rows,
    });

    const all = await allKnn(forest, 7);
    const perQuery = await forest.knn(SMALL, 7);
    const exact = await (await buildBruteForceIndex(SMALL)).knn(SMALL, 7);

    expect(Array.from(all.indices)).toEqual(Array.from(perQuery.indices));
    expect(Array.from(all.indices)).toEqual(Array.from(exact.indices));
    for (let i = 0; i < all.distances.length; i++) {
      expect(all.distances[i]).toBeCloseTo(perQuery.distances[i] as number, 4);
    }
    expect(all.candidatesChecked).toBe((SMALL.rows * (SMALL.rows - 1)) / 2);
  });

  it('gives the same lists with the bound and with Gram blocks', async () => {
    const forest = await buildSpillForestIndex(POINTS, {
      numTrees: 2,
      seed: 3,
    });
    const before = tf.memory().numTensors;

    const plain = await allKnn(forest, 10, { refineRounds: 1 });
    const bounded = await allKnn(forest, 10, {
      refineRounds: 1,
      boundDimensions: 3,
    });
    const gram = await allKnn(forest, 10, {
      groupProducts: true,
      blockRows: 2,
    });
    const gramPlain = await allKnn(forest, 10);

    expect(tf.memory().numTensors).toBe(before);
    // The bound is exact: it only skips pairs that cannot enter a list.
    expect(Array.from(bounded.indices)).toEqual(Array.from(plain.indices));
    expect(bounded.candidatesChecked).toBeLessThan(plain.candidatesChecked);
    // blockRows 2 merges no leaves: the same pairs, float32 products.
    let same = 0;
    for (let i = 0; i < gram.indices.length; i++) {
      if (gram.indices[i] === gramPlain.indices[i]) same++;
      expect(gram.distances[i]).toBeCloseTo(
        gramPlain.distances[i] as number,
        4,
      );
    }
    expect(same / gram.indices.length).toBeGreaterThan(0.99);
  });

  it('finds more with bigger Gram blocks', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(POINTS, 10);
    const forest = await buildSpillForestIndex(POINTS, { numTrees: 1 });

    const small = await allKnn(forest, 10, {
      groupProducts: true,
      blockRows: 2,
    });
    const big = await allKnn(forest, 10, {
      groupProducts: true,
      blockRows: 128,
    });

    expect(recallAtK(big, exact)).toBeGreaterThan(
      recallAtK(small, exact) + 0.05,
    );
  });

  it('leaves self out with includeSelf: false', async () => {
    const forest = await buildSpillForestIndex(SMALL, {
      numTrees: 1,
      leafSize: SMALL.rows,
    });

    const others = await allKnn(forest, 5, { includeSelf: false });
    const withSelf = await allKnn(forest, 6);

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

    const result = await allKnn(forest, 12);

    expect(result.indices[11]).toBe(-1);
    expect(result.distances[11]).toBe(Infinity);
    expect(result.indices[0]).toBe(0);
  });

  it('creates no tensors', async () => {
    const forest = await buildSpillForestIndex(SMALL, { numTrees: 2 });
    const before = tf.memory().numTensors;

    await allKnn(forest, 5, { refineRounds: 1 });

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad k or option with a full message', async () => {
    const forest = await buildSpillForestIndex(SMALL, { numTrees: 1 });

    await expect(allKnn(forest, 0)).rejects.toThrow(
      'allKnn: k must be an integer in [1, 120] (the number of indexed ' +
        'points), got 0.',
    );
    await expect(allKnn(forest, 120, { includeSelf: false })).rejects.toThrow(
      'allKnn: k must be an integer in [1, 119] (the number of indexed ' +
        'points − 1, self excluded), got 120.',
    );
    await expect(allKnn(forest, 2.5)).rejects.toThrow('got 2.5.');
    await expect(allKnn(forest, 5, { refineRounds: -1 })).rejects.toThrow(
      'allKnn: refineRounds must be an integer >= 0 and <= 16, got -1.',
    );
  });
});
