import { readdirSync, readFileSync } from 'node:fs';

import { adjustedRandIndex, SILENT_LOGGER } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { estimateBandwidth } from './estimate-bandwidth.js';
import { fitMeanShift } from './fit-mean-shift.js';

interface Fixture {
  name: string;
  dims: number;
  points: number[];
  quantile: number | null;
  estimatedBandwidth: number | null;
  bandwidth: number;
  binSeeding: boolean;
  minBinFrequency: number;
  clusterAll: boolean;
  maxIterations: number;
  warnings: string[];
  clusterCenters: number[];
  labels: number[];
  iterations: number;
}

const FIXTURES = new URL('../test/fixtures/', import.meta.url);
const fixtures: Fixture[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')));

describe.each(['fused', 'plain'] as const)('fitMeanShift (%s)', (engine) => {
  it.each(fixtures.map((f) => [f.name, f] as const))(
    'matches scikit-learn on %s',
    async (_name, fixture) => {
      const d = fixture.dims;
      const data = Float32Array.from(fixture.points);
      const warned: string[] = [];

      const model = await fitMeanShift(
        { data, rows: data.length / d, columns: d },
        {
          bandwidth: fixture.bandwidth,
          binSeeding: fixture.binSeeding,
          minBinFrequency: fixture.minBinFrequency,
          clusterAll: fixture.clusterAll,
          maxIterations: fixture.maxIterations,
          engine,
          logger: { ...SILENT_LOGGER, warn: (m: string) => warned.push(m) },
        },
      );

      const expected = Float32Array.from(fixture.clusterCenters);
      expect(model.clusterCount).toBe(expected.length / d);
      let worst = 0;
      for (let c = 0; c < model.clusterCount; c++) {
        for (let k = 0; k < d; k++) {
          const gap = model.clusterCenters[c * d + k]! - expected[c * d + k]!;
          worst = Math.max(worst, Math.abs(gap));
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-3 * fixture.bandwidth);
      const truth = Int32Array.from(fixture.labels);
      expect(adjustedRandIndex(truth, model.labels)).toBeGreaterThanOrEqual(
        0.999,
      );
      expect(model.labels.filter((l) => l < 0).length).toBe(
        fixture.labels.filter((l) => l < 0).length,
      );
      expect(model.iterations).toBe(fixture.iterations);
      expect(warned.length).toBe(fixture.warnings.length);
    },
  );
});

describe('estimateBandwidth', () => {
  it.each(
    fixtures
      .filter((f) => f.quantile !== null)
      .map((f) => [f.name, f] as const),
  )('matches scikit-learn on all points of %s', (_name, fixture) => {
    const d = fixture.dims;
    const data = Float32Array.from(fixture.points);

    const bandwidth = estimateBandwidth(
      { data, rows: data.length / d, columns: d },
      { quantile: fixture.quantile! },
    );

    expect(bandwidth).toBeCloseTo(fixture.estimatedBandwidth!, 9);
  });
});
