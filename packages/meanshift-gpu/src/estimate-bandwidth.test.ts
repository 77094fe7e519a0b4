import { makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import {
  ESTIMATE_BANDWIDTH_DEFAULTS,
  estimateBandwidth,
} from './estimate-bandwidth.js';

describe('estimateBandwidth', () => {
  it('keeps its defaults', () => {
    expect(ESTIMATE_BANDWIDTH_DEFAULTS).toMatchInlineSnapshot(`
      {
        "quantile": 0.3,
        "sampleSize": null,
        "seed": 0,
      }
    `);
  });

  it('runs the TSDoc example (scikit-learn 1.2.1 gives 1.6191294403531442)', () => {
    const points = [
      [1, 1],
      [2, 1],
      [1, 0],
      [4, 7],
      [3, 5],
      [3, 6],
    ];

    expect(estimateBandwidth(points, { quantile: 0.5 })).toBeCloseTo(
      1.6191294403531442,
      12,
    );
  });

  it('counts the point itself as its first neighbour', () => {
    // quantile 0 still means k = 1: the point itself, at distance 0.
    expect(estimateBandwidth([[0], [3]], { quantile: 0 })).toBe(0);
    expect(estimateBandwidth([[0], [3]], { quantile: 1 })).toBe(3);
  });

  it('agrees statistically on a sample, reproducibly for a seed', () => {
    const blobs = makeBlobs({ seed: 4, pointsPerCluster: 400 });
    const input = { data: blobs.points, rows: blobs.n, columns: 2 };

    const full = estimateBandwidth(input, { quantile: 0.2 });
    const sampled = estimateBandwidth(input, {
      quantile: 0.2,
      sampleSize: 600,
      seed: 1,
    });

    expect(Math.abs(sampled / full - 1)).toBeLessThan(0.1);
    expect(
      estimateBandwidth(input, { quantile: 0.2, sampleSize: 600, seed: 1 }),
    ).toBe(sampled);
  });

  it('names a bad quantile', () => {
    expect(() => estimateBandwidth([[0]], { quantile: 2 })).toThrow(
      new RangeError(
        'estimateBandwidth: quantile must be a finite number >= 0 and <= 1, got 2.',
      ),
    );
  });
});
