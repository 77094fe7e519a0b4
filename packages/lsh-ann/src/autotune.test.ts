import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { AUTOTUNE_DEFAULTS, autotuneIndex } from './autotune.js';
import { buildBruteForceIndex } from './brute-force-index.js';
import { recallAtK } from './recall.js';

const BLOBS = makeBlobs({
  clusters: 8,
  pointsPerCluster: 250,
  dimensions: 8,
  seed: 5,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 8 };

describe('autotuneIndex', () => {
  it('keeps its defaults', () => {
    const { logger: _logger, ...rest } = AUTOTUNE_DEFAULTS;
    expect(rest).toMatchInlineSnapshot(`
      {
        "k": 10,
        "maxTrees": 32,
        "method": "e2lsh",
        "onProgress": undefined,
        "projection": "auto",
        "queries": null,
        "sampleSize": 200,
        "seed": 0,
        "targetRecall": 0.9,
      }
    `);
  });

  it.each(['e2lsh', 'spill-forest'] as const)(
    'tunes %s to the target recall, which holds on fresh queries',
    async (method) => {
      const tuned = await autotuneIndex(POINTS, {
        method,
        targetRecall: 0.95,
        sampleSize: 100,
        maxTrees: 16,
        seed: 1,
      });
      const queries = {
        data: BLOBS.points.slice(800 * 8, 900 * 8),
        rows: 100,
        columns: 8,
      };

      const recall = recallAtK(
        await tuned.index.knn(queries, 10),
        await (await buildBruteForceIndex(POINTS)).knn(queries, 10),
      );

      expect(tuned.reached).toBe(true);
      expect(tuned.recall).toBeGreaterThanOrEqual(0.95);
      // A fresh sample of the same data: allow a little sampling noise.
      expect(recall).toBeGreaterThanOrEqual(0.9);
      expect(tuned.trials.length).toBeGreaterThan(1);
    },
  );

  it('tunes sign LSH against exact cosine search', async () => {
    const tuned = await autotuneIndex(POINTS, {
      method: 'sign-lsh',
      targetRecall: 0.9,
      sampleSize: 50,
    });

    expect(tuned.index.metric).toBe('cosine');
    expect(tuned.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('picks the same configuration for the same seed', async () => {
    const options = { targetRecall: 0.9, sampleSize: 50, seed: 4 } as const;

    const a = await autotuneIndex(POINTS, options);
    const b = await autotuneIndex(POINTS, options);

    expect(b.params).toEqual(a.params);
    expect(b.recall).toBe(a.recall);
  });

  it('reports a target it could not reach', async () => {
    const tuned = await autotuneIndex(POINTS, {
      method: 'spill-forest',
      targetRecall: 1,
      maxTrees: 1,
      sampleSize: 50,
    });

    expect(tuned.reached).toBe(false);
    expect(tuned.recall).toBeLessThan(1);
  });

  it('rejects a target recall above 1, k > n and query dimension mismatch', async () => {
    await expect(autotuneIndex(POINTS, { targetRecall: 1.5 })).rejects.toThrow(
      'autotuneIndex: targetRecall must be a finite number > 0 and <= 1, got 1.5.',
    );
    await expect(
      autotuneIndex(
        [
          [0, 0],
          [1, 1],
        ],
        { k: 3 },
      ),
    ).rejects.toThrow(
      'autotuneIndex: k must be an integer in [1, 2] (the number of indexed points), got 3.',
    );
    await expect(autotuneIndex(POINTS, { queries: [[1, 2]] })).rejects.toThrow(
      'autotuneIndex: queries must have 8 columns like the index, got shape [1, 2].',
    );
  });
});
