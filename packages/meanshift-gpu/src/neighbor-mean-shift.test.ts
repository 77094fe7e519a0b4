import * as tf from '@tensorflow/tfjs-core';
import {
  adjustedRandIndex,
  makeBlobs,
  selectBackend,
  SILENT_LOGGER,
} from '@lesson11/tensor';
import type { PointMatrix } from '@lesson11/tensor';
import { beforeAll, describe, expect, it } from 'vitest';

import { meanShift } from './mean-shift.js';
import { mergeParticles } from './merge-particles.js';
import {
  NEIGHBOR_MEAN_SHIFT_DEFAULTS,
  neighborMeanShift,
} from './neighbor-mean-shift.js';
import type { NeighborIndexBuilder } from './neighbor-mean-shift.js';
import {
  neighborShiftBatch,
  neighborShiftTensor,
  neighborShiftTyped,
} from './neighbor-shift-batch.js';
import { gaussianShiftBatch } from './shift-batch.js';

/** Exact k nearest by a plain loop: the neighbour search the tests plug in. */
const exactBuilder: NeighborIndexBuilder = async (base: PointMatrix) => ({
  knn: async (queries: PointMatrix, k: number) => {
    const d = base.columns;
    const indices = new Int32Array(queries.rows * k);
    for (let q = 0; q < queries.rows; q++) {
      const order = Array.from({ length: base.rows }, (_, i) => {
        let s = 0;
        for (let c = 0; c < d; c++) {
          s += (base.data[i * d + c]! - queries.data[q * d + c]!) ** 2;
        }
        return [s, i] as const;
      }).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      order.slice(0, k).forEach(([, i], j) => (indices[q * k + j] = i));
    }
    return { indices, k };
  },
});

const BLOBS = makeBlobs({
  clusters: 3,
  pointsPerCluster: 60,
  dimensions: 2,
  seed: 1,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 2 };

describe('neighborMeanShift', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'cpu' });
  });

  it('keeps its defaults', () => {
    const { logger: _logger, ...rest } = NEIGHBOR_MEAN_SHIFT_DEFAULTS;
    expect(rest).toMatchInlineSnapshot(`
      {
        "bandwidth": 2.5,
        "exactBelow": 256,
        "maxIterations": 300,
        "mergeRadius": "auto",
        "neighbors": 50,
        "onProgress": undefined,
        "particleRadius": "auto",
        "refreshEvery": 1,
        "tolerance": "auto",
        "update": "blurring",
      }
    `);
  });

  it('collapses every blob to one mode with blurring and exact kNN', async () => {
    const result = await neighborMeanShift(POINTS, exactBuilder, {
      bandwidth: 2,
      neighbors: 20,
      logger: SILENT_LOGGER,
    });

    expect(result.converged).toBe(true);
    expect(result.clusterSizes.length).toBe(3);
    expect(adjustedRandIndex(result.labels, BLOBS.labels)).toBe(1);
    // Fully collapsed: a handful of particles, not one per point.
    expect(result.particleCounts.at(-1)).toBeLessThanOrEqual(6);
  });

  it('runs from meanShift when given a neighborIndex', async () => {
    let builds = 0;
    const counting: NeighborIndexBuilder = async (points) => {
      builds++;
      return exactBuilder(points);
    };
    const direct = await neighborMeanShift(POINTS, exactBuilder, {
      bandwidth: 2,
      neighbors: 20,
      logger: SILENT_LOGGER,
    });

    const viaOption = await meanShift(POINTS, {
      bandwidth: 2,
      neighborIndex: counting,
      neighbors: 20,
      logger: SILENT_LOGGER,
    });

    expect(viaOption.labels).toEqual(direct.labels);
    expect(viaOption.clusterCenters).toEqual(direct.clusterCenters);
    // Non-blurring through the option builds the index once, as directly.
    const fixed = await meanShift(POINTS, {
      bandwidth: 2,
      neighborIndex: counting,
      neighbors: 180,
      update: 'nonBlurring',
      maxIterations: 50,
    });
    expect(builds).toBe(1);
    expect(adjustedRandIndex(fixed.labels, BLOBS.labels)).toBe(1);
    await expect(
      meanShift(POINTS, { neighborIndex: exactBuilder, update: 'inPlace' }),
    ).rejects.toThrow(
      'meanShift: update must be "blurring" or "nonBlurring" with a ' +
        'neighborIndex, got "inPlace".',
    );
    await expect(
      meanShift(POINTS, { neighborIndex: exactBuilder, neighbors: 0 }),
    ).rejects.toThrow('meanShift: neighbors must be an integer >= 1, got 0.');
  });

  it('builds the index once in non-blurring mode', async () => {
    let builds = 0;
    const counting: NeighborIndexBuilder = async (points) => {
      builds++;
      return exactBuilder(points);
    };

    const result = await neighborMeanShift(POINTS, counting, {
      bandwidth: 2,
      neighbors: 180,
      update: 'nonBlurring',
      maxIterations: 50,
    });

    expect(builds).toBe(1);
    // With every point as a neighbour this is exact mean shift.
    expect(adjustedRandIndex(result.labels, BLOBS.labels)).toBe(1);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;

    await neighborMeanShift(POINTS, exactBuilder, {
      bandwidth: 2,
      neighbors: 10,
      maxIterations: 3,
    });

    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bandwidth ≤ 0 and a missing index builder', async () => {
    await expect(
      neighborMeanShift(POINTS, exactBuilder, { bandwidth: 0 }),
    ).rejects.toThrow(
      'neighborMeanShift: bandwidth must be a finite number > 0, got 0.',
    );
    await expect(
      neighborMeanShift(POINTS, undefined as unknown as NeighborIndexBuilder),
    ).rejects.toThrow(
      'neighborMeanShift: buildIndex must be a function, got undefined.',
    );
  });
});

describe('neighborShiftBatch', () => {
  it('equals the dense step when every point is a neighbour', async () => {
    const n = POINTS.rows;
    const all = Int32Array.from({ length: n * n }, (_, e) => e % n);

    const sparse = await neighborShiftBatch(
      POINTS.data,
      POINTS.data,
      new Float32Array(n).fill(1),
      all,
      n,
      2,
      2,
    );
    const dense = tf.tidy(() => {
      const x = tf.tensor2d(POINTS.data, [n, 2]);
      return gaussianShiftBatch(x, x, 2).dataSync();
    });

    for (let i = 0; i < sparse.length; i++) {
      expect(Math.abs(sparse[i]! - dense[i]!)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('agrees between the tensor and typed paths', async () => {
    const n = POINTS.rows;
    const neighbors = Int32Array.from({ length: n * 7 }, (_, e) =>
      e % 7 === 6 ? -1 : (Math.floor(e / 7) * 13 + e) % n,
    );
    const masses = Float32Array.from({ length: n }, (_, i) => 1 + (i % 3));

    const tensor = await neighborShiftTensor(
      POINTS.data,
      POINTS.data,
      masses,
      neighbors,
      7,
      2,
      1.5,
    );
    const typed = neighborShiftTyped(
      POINTS.data,
      POINTS.data,
      masses,
      neighbors,
      7,
      2,
      1.5,
    );

    for (let i = 0; i < typed.length; i++) {
      expect(Math.abs(typed[i]! - tensor[i]!)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('weights by mass and ignores missing neighbours', async () => {
    const source = Float32Array.from([0, 0, 4, 0]);

    const moved = await neighborShiftBatch(
      Float32Array.from([2, 0]),
      source,
      Float32Array.from([3, 1]),
      Int32Array.from([0, 1, -1]),
      3,
      2,
      100,
    );

    // Equal distances, so the weights are the masses: (3·0 + 1·4) / 4.
    expect(moved[0]).toBeCloseTo(1, 4);
  });
});

describe('mergeParticles', () => {
  it('merges points in one cell at their weighted mean and keeps others', () => {
    const merged = mergeParticles(
      Float32Array.from([0.1, 0.1, 0.15, 0.12, 5, 5]),
      Float32Array.from([1, 3, 2]),
      2,
      1,
    );

    expect(Array.from(merged.mapping)).toEqual([0, 0, 1]);
    expect(Array.from(merged.masses)).toEqual([4, 2]);
    expect(merged.positions[0]).toBeCloseTo((0.1 + 3 * 0.15) / 4, 6);
  });
});
