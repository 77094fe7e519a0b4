import { adjustedRandIndex, makeBlobs, SILENT_LOGGER } from '@lesson11/tensor';
import { describe, expect, expectTypeOf, it } from 'vitest';

import {
  fitMeanShift,
  MeanShiftModel,
  NoPointsInBandwidthError,
} from './fit-mean-shift.js';
import { FIT_MEAN_SHIFT_DEFAULTS } from './fit-options.js';

const SIX = [
  [1, 1],
  [2, 1],
  [1, 0],
  [4, 7],
  [3, 5],
  [3, 6],
];

describe('fitMeanShift', () => {
  it('has the documented types', () => {
    expectTypeOf(fitMeanShift).returns.resolves.toEqualTypeOf<MeanShiftModel>();
    expectTypeOf<MeanShiftModel['labels']>().toEqualTypeOf<Int32Array>();
    expectTypeOf<
      NonNullable<Parameters<typeof fitMeanShift>[1]>['kernel']
    >().toEqualTypeOf<'flat' | 'gaussian' | undefined>();
  });

  it('keeps its defaults (scikit-learn’s)', () => {
    const { logger: _logger, ...rest } = FIT_MEAN_SHIFT_DEFAULTS;
    expect(rest).toMatchInlineSnapshot(`
      {
        "bandwidth": "auto",
        "binSeeding": false,
        "clusterAll": true,
        "engine": "auto",
        "kernel": "flat",
        "maxIterations": 300,
        "minBinFrequency": 1,
        "onProgress": undefined,
        "seeds": null,
      }
    `);
  });

  it.each(['fused', 'plain'] as const)(
    'runs the TSDoc example and predicts (%s)',
    async (engine) => {
      const model = await fitMeanShift(SIX, { bandwidth: 2, engine });

      expect(model).toBeInstanceOf(MeanShiftModel);
      expect(Array.from(model.labels)).toEqual([1, 1, 1, 0, 0, 0]);
      expect(model.clusterCenters[0]).toBeCloseTo(10 / 3, 5);
      expect(model.clusterCenters[1]).toBeCloseTo(6, 5);
      expect(model.iterations).toBe(2);
      expect(
        Array.from(
          model.predict([
            [0, 0],
            [5, 5],
          ]),
        ),
      ).toEqual([1, 0]);
    },
  );

  it('estimates the bandwidth when it is "auto"', async () => {
    const blobs = makeBlobs({ seed: 38, pointsPerCluster: 30 });
    const input = { data: blobs.points, rows: blobs.n, columns: 2 };

    const model = await fitMeanShift(input, { binSeeding: true });

    // Quantile 0.3 is a large bandwidth: it merges clusters (see the README).
    expect(model.bandwidth).toBeGreaterThan(2);
    expect(model.clusterCount).toBeGreaterThanOrEqual(1);
    expect(model.clusterCount).toBeLessThanOrEqual(6);
  });

  it('climbs only the given seeds', async () => {
    const model = await fitMeanShift(SIX, { bandwidth: 2, seeds: [[1, 1]] });

    expect(model.seedCount).toBe(1);
    expect(model.clusterCount).toBe(1);
  });

  it('finds the blobs with the Gaussian kernel too', async () => {
    const blobs = makeBlobs({ seed: 38, pointsPerCluster: 60 });
    const input = { data: blobs.points, rows: blobs.n, columns: 2 };

    const model = await fitMeanShift(input, {
      bandwidth: 2,
      kernel: 'gaussian',
      binSeeding: true,
    });

    expect(model.clusterCount).toBe(6);
    expect(adjustedRandIndex(blobs.labels, model.labels)).toBe(1);
  });

  it('reports progress while seeds converge', async () => {
    const stages = new Set<string>();

    await fitMeanShift(SIX, {
      bandwidth: 2,
      onProgress: (event) => stages.add(event.stage),
    });

    expect([...stages]).toEqual(['seed', 'climb', 'label']);
  });

  it('throws NoPointsInBandwidthError when no seed sees a point', async () => {
    const run = fitMeanShift(SIX, { bandwidth: 1, seeds: [[50, 50]] });

    await expect(run).rejects.toThrow(NoPointsInBandwidthError);
    await expect(run).rejects.toThrow(
      'fitMeanShift: no point lies within bandwidth 1 of any seed. Try a larger bandwidth.',
    );
  });

  it('names bad options and bad seeds', async () => {
    await expect(fitMeanShift(SIX, { bandwidth: -1 })).rejects.toThrow(
      new RangeError(
        'fitMeanShift: bandwidth must be a finite number > 0, or "auto", got -1.',
      ),
    );
    await expect(
      fitMeanShift(SIX, { kernel: 'epanechnikov' as never }),
    ).rejects.toThrow(
      new RangeError(
        'fitMeanShift: kernel must be one of "flat", "gaussian", got "epanechnikov".',
      ),
    );
    await expect(
      fitMeanShift(SIX, { bandwidth: 2, seeds: [[1, 2, 3]] }),
    ).rejects.toThrow(
      new RangeError(
        'fitMeanShift: seeds must have 2 coordinates like the points, got 3.',
      ),
    );
    const model = await fitMeanShift(SIX, {
      bandwidth: 2,
      logger: SILENT_LOGGER,
    });
    expect(() => model.predict([[1]])).toThrow(
      new RangeError(
        'MeanShiftModel.predict: points must have 2 coordinates like the fitted data, got 1.',
      ),
    );
  });
});
