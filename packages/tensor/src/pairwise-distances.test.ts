import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { selectBackend } from './select-backend.js';
import {
  euclideanDistances,
  squaredDistanceBetweenRows,
  squaredEuclideanDistances,
  squaredEuclideanDistancesByDifference,
} from './pairwise-distances.js';
import { Random } from './random.js';

function randomMatrix(random: Random, rows: number, columns: number) {
  return Float32Array.from({ length: rows * columns }, () =>
    random.uniform(-30, 30),
  );
}

describe('squaredEuclideanDistances', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'cpu' });
  });

  it('agrees with a plain loop, in both formulations', () => {
    const random = new Random(11);
    const a = randomMatrix(random, 7, 3);
    const b = randomMatrix(random, 9, 3);
    const expected = Array.from({ length: 63 }, (_, k) =>
      squaredDistanceBetweenRows(a, Math.floor(k / 9), b, k % 9, 3),
    );

    const [gemm, difference] = tf.tidy(() => {
      const ta = tf.tensor2d(a, [7, 3]);
      const tb = tf.tensor2d(b, [9, 3]);
      return [
        squaredEuclideanDistances(ta, tb).dataSync(),
        squaredEuclideanDistancesByDifference(ta, tb).dataSync(),
      ];
    });

    for (let k = 0; k < 63; k++) {
      // The matrix-product form loses about 1e-7 · (|a|² + |b|²) ≈ 3e-4.
      expect(Math.abs(gemm![k]! - expected[k]!)).toBeLessThan(1e-3);
      expect(Math.abs(difference![k]! - expected[k]!)).toBeLessThan(
        1e-6 * expected[k]! + 1e-6,
      );
    }
  });

  it('never returns a negative distance for identical rows', () => {
    const values = tf.tidy(() => {
      const a = tf.tensor2d([[1e3, -1e3, 0.1]]);
      return squaredEuclideanDistances(a, a).dataSync();
    });

    expect(values[0]).toBeGreaterThanOrEqual(0);
  });

  it('takes the square root for euclideanDistances', () => {
    const value = tf.tidy(
      () =>
        euclideanDistances(
          tf.tensor2d([[0, 0]]),
          tf.tensor2d([[3, 4]]),
        ).dataSync()[0],
    );

    expect(value).toBeCloseTo(5, 5);
  });

  it('frees every intermediate tensor', () => {
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const before = tf.memory().numTensors;

    const result = squaredEuclideanDistances(a, a);
    result.dispose();

    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });

  it('names both shapes when the dimensions differ', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    const b = tf.zeros([2, 2]) as tf.Tensor2D;

    expect(() => squaredEuclideanDistances(a, b)).toThrow(
      new RangeError(
        'squaredEuclideanDistances: b must have as many columns as a ([2, 3]), got [2, 2].',
      ),
    );
    tf.dispose([a, b]);
  });
});
