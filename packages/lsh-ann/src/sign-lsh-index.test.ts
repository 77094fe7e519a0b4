import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { buildBruteForceIndex } from './brute-force-index.js';
import { radiusRecall, recallAtK } from './recall.js';
import { deserializeIndex } from './deserialize-index.js';
import { buildSignLshIndex, SIGN_LSH_DEFAULTS } from './sign-lsh-index.js';
import type { SignLshIndex } from './sign-lsh-index.js';

// Spread 35 around the origin: directions, not just positions, differ.
const BLOBS = makeBlobs({
  clusters: 8,
  pointsPerCluster: 250,
  dimensions: 16,
  seed: 7,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 16 };
const QUERIES = {
  data: BLOBS.points.slice(0, 150 * 16),
  rows: 150,
  columns: 16,
};

describe('buildSignLshIndex', () => {
  it('keeps its defaults', () => {
    expect(SIGN_LSH_DEFAULTS).toMatchInlineSnapshot(`
      {
        "bitsPerTable": 16,
        "center": true,
        "numProbes": 8,
        "numTables": 8,
        "projection": "auto",
        "seed": 0,
      }
    `);
  });

  it('reaches recall@10 ≥ 0.9 against exact cosine search', async () => {
    const exact = await buildBruteForceIndex(POINTS, { metric: 'cosine' });
    const index = await buildSignLshIndex(POINTS, { seed: 1 });

    const result = await index.knn(QUERIES, 10);

    expect(
      recallAtK(result, await exact.knn(QUERIES, 10)),
    ).toBeGreaterThanOrEqual(0.9);
    expect(index.metric).toBe('cosine');
  });

  it('answers cosine radius queries like brute force', async () => {
    const exact = await buildBruteForceIndex(POINTS, { metric: 'cosine' });
    const index = await buildSignLshIndex(POINTS, { seed: 1 });

    const result = await index.radius(QUERIES, 0.01);
    const truth = await exact.radius(QUERIES, 0.01);

    expect(radiusRecall(result, truth)).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...result.distances)).toBeLessThanOrEqual(0.01);
  });

  it('probes flipped bits to find more neighbours', async () => {
    const exact = await (
      await buildBruteForceIndex(POINTS, { metric: 'cosine' })
    ).knn(QUERIES, 10);
    const index = await buildSignLshIndex(POINTS, {
      seed: 3,
      numTables: 1,
      bitsPerTable: 20,
      numProbes: 0,
    });
    const without = recallAtK(await index.knn(QUERIES, 10), exact);

    index.numProbes = 64;

    expect(recallAtK(await index.knn(QUERIES, 10), exact)).toBeGreaterThan(
      without + 0.05,
    );
  });

  it('splits one-orthant data into small buckets when centred', async () => {
    // Every vector near the direction (1, …, 1): hyperplanes through the
    // origin almost never fall between two of them.
    const shifted = {
      ...POINTS,
      data: POINTS.data.map((x) => x + 200),
    };
    const queries = { ...QUERIES, data: QUERIES.data.map((x) => x + 200) };
    const exact = await (
      await buildBruteForceIndex(shifted, { metric: 'cosine' })
    ).knn(queries, 10);
    const options = { seed: 2, numTables: 4, bitsPerTable: 8, numProbes: 0 };
    const origin = await (
      await buildSignLshIndex(shifted, { ...options, center: false })
    ).knn(queries, 10);
    const centred = await buildSignLshIndex(shifted, options);
    const result = await centred.knn(queries, 10);

    expect(result.candidatesChecked).toBeLessThan(
      0.25 * origin.candidatesChecked,
    );
    expect(recallAtK(result, exact)).toBeGreaterThanOrEqual(0.8);
    const loaded = deserializeIndex(centred.serialize()) as SignLshIndex;
    expect(Array.from(loaded.thresholds)).toEqual(
      Array.from(centred.thresholds),
    );
    expect(Math.max(...centred.thresholds.map(Math.abs))).toBeGreaterThan(1);
  });

  it('rejects a center that is not a boolean', async () => {
    await expect(
      buildSignLshIndex(POINTS, { center: 'yes' as unknown as boolean }),
    ).rejects.toThrow(/buildSignLshIndex: center must be .*, got "yes"\./);
  });

  it('gives the same neighbours with typed and tensor projections', async () => {
    const a = await buildSignLshIndex(POINTS, { seed: 4, projection: 'typed' });
    const b = await buildSignLshIndex(POINTS, {
      seed: 4,
      projection: 'tensor',
    });

    expect(Array.from((await b.knn(QUERIES, 5)).indices)).toEqual(
      Array.from((await a.knn(QUERIES, 5)).indices),
    );
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;

    const index = await buildSignLshIndex(POINTS, {
      projection: 'tensor',
      numTables: 2,
    });
    await index.knn(QUERIES, 2);

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects more than 32 bits per table', async () => {
    await expect(
      buildSignLshIndex(POINTS, { bitsPerTable: 33 }),
    ).rejects.toThrow(
      'buildSignLshIndex: bitsPerTable must be an integer >= 1 and <= 32, got 33.',
    );
  });

  it('rejects k larger than the number of points and a dimension mismatch', async () => {
    const index = await buildSignLshIndex(POINTS, { numTables: 1 });

    await expect(index.knn(QUERIES, 2001)).rejects.toThrow(
      'SignLshIndex.knn: k must be an integer in [1, 2000] (the number of' +
        ' indexed points), got 2001.',
    );
    await expect(index.knn([[1, 2, 3]], 1)).rejects.toThrow(
      'SignLshIndex.knn: queries must have 16 columns like the index, got shape [1, 3].',
    );
  });
});
