import { adjustedRandIndex, makeBlobs } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { K_MEANS_DEFAULTS, kMeans } from './k-means.js';

describe('kMeans', () => {
  it('keeps its defaults', () => {
    expect(K_MEANS_DEFAULTS).toMatchInlineSnapshot(`
      {
        "init": "farthestPoint",
        "maxIterations": 300,
        "seed": 0,
        "tolerance": 0,
      }
    `);
  });

  it('runs the TSDoc example', () => {
    const points = [
      [0, 0],
      [0, 1],
      [9, 9],
      [9, 8],
    ];

    const result = kMeans(points, 2, { seed: 1 });

    expect(Array.from(result.clusterSizes)).toEqual([2, 2]);
    expect(result.inertia).toBeCloseTo(1, 6);
    expect(result.converged).toBe(true);
  });

  it.each(['farthestPoint', 'kMeansPlusPlus'] as const)(
    'finds the notebook blobs from a %s start',
    (init) => {
      const blobs = makeBlobs({ seed: 3, pointsPerCluster: 80 });
      const input = { data: blobs.points, rows: blobs.n, columns: 2 };

      const result = kMeans(input, 6, { init, seed: 3 });

      expect(adjustedRandIndex(blobs.labels, result.labels)).toBe(1);
      expect(result.converged).toBe(true);
      expect(result.iterations).toBeLessThan(20);
    },
  );

  it('starts farthest-first from the edge of the cloud', () => {
    const points = [
      [0, 0],
      [1, 0],
      [2, 0],
      [10, 0],
    ];

    const result = kMeans(points, 2, { maxIterations: 1 });

    const starts = Array.from(result.initialCenters).filter(
      (_, i) => i % 2 === 0,
    );
    expect(starts.sort((a, b) => a - b)).toEqual([0, 10]);
  });

  it('refills a cluster left empty instead of making NaN centres', () => {
    // Two distinct positions and k = 3: the third start duplicates one, so
    // a cluster empties and takes the worst-fitted point every iteration.
    const points = [
      [0, 0],
      [0, 0],
      [0, 0],
      [5, 5],
    ];

    const result = kMeans(points, 3, { seed: 2, maxIterations: 5 });

    expect(result.emptyClustersRefilled).toBeGreaterThan(0);
    expect(result.centers.every(Number.isFinite)).toBe(true);
    expect(result.inertia).toBe(0);
  });

  it('names a bad k and a bad option', () => {
    expect(() => kMeans([[0], [1]], 3)).toThrow(
      new RangeError(
        'kMeans: k must be an integer in [1, 2] (the number of points), got 3.',
      ),
    );
    expect(() => kMeans([[0], [1]], 1, { init: 'random' as never })).toThrow(
      new RangeError(
        'kMeans: init must be one of "farthestPoint", "kMeansPlusPlus", got "random".',
      ),
    );
  });
});
