import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { buildBruteForceIndex } from './brute-force-index.js';
import { radiusRecall, recallAtK } from './recall.js';
import {
  buildSpillForestIndex,
  SPILL_FOREST_DEFAULTS,
} from './spill-forest-index.js';

const BLOBS = makeBlobs({
  clusters: 8,
  pointsPerCluster: 250,
  dimensions: 8,
  seed: 5,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 8 };
const QUERIES = { data: BLOBS.points.slice(0, 200 * 8), rows: 200, columns: 8 };

describe('buildSpillForestIndex', () => {
  it('keeps its defaults', () => {
    expect(SPILL_FOREST_DEFAULTS).toMatchInlineSnapshot(`
      {
        "leafSize": 32,
        "numTrees": 4,
        "overlap": 0.05,
        "projection": "auto",
        "seed": 0,
      }
    `);
  });

  it('reaches recall@10 ≥ 0.9 with 16 trees on seeded blobs', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(QUERIES, 10);
    const forest = await buildSpillForestIndex(POINTS, {
      numTrees: 16,
      seed: 1,
    });

    const result = await forest.knn(QUERIES, 10);

    expect(recallAtK(result, exact)).toBeGreaterThanOrEqual(0.9);
    expect(result.candidatesChecked / QUERIES.rows).toBeLessThan(
      POINTS.rows / 2,
    );
  });

  it('gains recall with more trees and with overlap', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).knn(QUERIES, 10);
    const plain = await buildSpillForestIndex(POINTS, {
      numTrees: 8,
      overlap: 0,
      seed: 2,
    });
    const spill = await buildSpillForestIndex(POINTS, {
      numTrees: 8,
      overlap: 0.15,
      seed: 2,
    });

    const one = recallAtK(await plain.firstTrees(1).knn(QUERIES, 10), exact);
    const eight = recallAtK(await plain.knn(QUERIES, 10), exact);
    const spilled = recallAtK(await spill.knn(QUERIES, 10), exact);

    expect(eight).toBeGreaterThan(one + 0.1);
    expect(spilled).toBeGreaterThan(eight);
  });

  it('answers radius queries as a subset of brute force', async () => {
    const exact = await (await buildBruteForceIndex(POINTS)).radius(QUERIES, 2);
    const forest = await buildSpillForestIndex(POINTS, {
      numTrees: 16,
      seed: 1,
    });

    const result = await forest.radius(QUERIES, 2);

    expect(radiusRecall(result, exact)).toBeGreaterThanOrEqual(0.9);
    expect(result.indices.length).toBeLessThanOrEqual(exact.indices.length);
  });

  it('gives the same neighbours with typed and tensor projections', async () => {
    const a = await buildSpillForestIndex(POINTS, {
      seed: 3,
      projection: 'typed',
    });
    const b = await buildSpillForestIndex(POINTS, {
      seed: 3,
      projection: 'tensor',
    });

    expect(Array.from((await b.knn(QUERIES, 5)).indices)).toEqual(
      Array.from((await a.knn(QUERIES, 5)).indices),
    );
  });

  it('handles a forest that is a single leaf, and duplicate points', async () => {
    const forest = await buildSpillForestIndex(
      [
        [1, 1],
        [1, 1],
        [1, 1],
        [5, 5],
      ],
      { leafSize: 2 },
    );

    const result = await forest.knn([[5, 4]], 1);

    expect(Array.from(result.indices)).toEqual([3]);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;

    const forest = await buildSpillForestIndex(POINTS, {
      projection: 'tensor',
      numTrees: 2,
    });
    await forest.knn(QUERIES, 2);

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an overlap of one half or more', async () => {
    await expect(
      buildSpillForestIndex(POINTS, { overlap: 0.5 }),
    ).rejects.toThrow(
      'buildSpillForestIndex: overlap must be a finite number >= 0 and < 0.5, got 0.5.',
    );
  });

  it('rejects k > n, a dimension mismatch and too many trees searched', async () => {
    const forest = await buildSpillForestIndex(POINTS, { numTrees: 2 });

    await expect(forest.knn(QUERIES, 2001)).rejects.toThrow(
      'SpillForestIndex.knn: k must be an integer in [1, 2000] (the number' +
        ' of indexed points), got 2001.',
    );
    await expect(forest.knn([[0]], 1)).rejects.toThrow(
      'SpillForestIndex.knn: queries must have 8 columns like the index, got shape [1, 1].',
    );
    expect(() => {
      forest.treesSearched = 3;
    }).toThrow(
      'SpillForestIndex.treesSearched: treesSearched must be an integer >= 1 and <= 2, got 3.',
    );
  });
});
