import * as tf from '@tensorflow/tfjs-core';

/**
 * Squared Euclidean distances between every row of `a` and every row of `b`.
 *
 * Uses |a|² + |b|² − 2·a·bᵀ: one matrix product instead of an `[m, n, d]`
 * difference tensor. Cancellation can make a tiny distance slightly negative
 * in float32, so the result is clamped at 0; expect an absolute error of about
 * 1e-7 · (|a|² + |b|²).
 *
 * @param a - `[m, d]` float32.
 * @param b - `[n, d]` float32.
 * @returns `[m, n]` float32; the caller disposes it.
 * @throws RangeError when the inner dimensions differ.
 * @remarks O(m·n·d) time, O(m·n) memory.
 * @example
 * const d2 = squaredEuclideanDistances(tf.tensor2d([[0, 0]]), tf.tensor2d([[3, 4]]));
 * d2.dataSync()[0]; // 25
 */
export function squaredEuclideanDistances(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
): tf.Tensor2D {
  checkInnerDimensions('squaredEuclideanDistances', a, b);
  return tf.tidy(() => {
    const aNorms = tf.sum(tf.square(a), 1, true);
    const bNorms = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
    const cross = tf.matMul(a, b, false, true);
    return tf.relu(
      tf.sub(tf.add(aNorms, bNorms), tf.mul(cross, 2)),
    ) as tf.Tensor2D;
  });
}

/**
 * Squared Euclidean distances formed from differences, as the lesson's
 * notebook does: exact in float32 for near points, but it builds an
 * `[m, n, d]` temporary.
 *
 * @param a - `[m, d]` float32.
 * @param b - `[n, d]` float32.
 * @returns `[m, n]` float32; the caller disposes it.
 * @throws RangeError when the inner dimensions differ.
 * @remarks O(m·n·d) time and memory.
 */
export function squaredEuclideanDistancesByDifference(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
): tf.Tensor2D {
  checkInnerDimensions('squaredEuclideanDistancesByDifference', a, b);
  return tf.tidy(() => {
    const difference = tf.sub(tf.expandDims(a, 1), tf.expandDims(b, 0));
    return tf.sum(tf.square(difference), 2);
  });
}

/**
 * Euclidean distances between every row of `a` and every row of `b`: the
 * square root of {@link squaredEuclideanDistances}.
 *
 * @returns `[m, n]` float32; the caller disposes it.
 */
export function euclideanDistances(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
): tf.Tensor2D {
  return tf.tidy(() => tf.sqrt(squaredEuclideanDistances(a, b)));
}

/**
 * The squared distance between row `i` of `a` and row `j` of `b`, both
 * row-major with `d` columns: the plain-loop reference the tensor versions
 * are tested against.
 */
export function squaredDistanceBetweenRows(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  d: number,
): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const delta = (a[i * d + k] as number) - (b[j * d + k] as number);
    sum += delta * delta;
  }
  return sum;
}

function checkInnerDimensions(
  name: string,
  a: tf.Tensor2D,
  b: tf.Tensor2D,
): void {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[1] !== b.shape[1]) {
    throw new RangeError(
      `${name}: b must have as many columns as a ([${a.shape.join(', ')}]), ` +
        `got [${b.shape.join(', ')}].`,
    );
  }
}
