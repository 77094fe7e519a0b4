import * as tf from '@tensorflow/tfjs-core';
import { squaredEuclideanDistances } from '@lesson11/tensor';

/**
 * Moves each row to the Gaussian-weighted mean of the source points: the
 * dense step of mean shift, batched as in the lesson 11 notebook.
 *
 * The weight of source point j for row i is exp(−‖rᵢ − sⱼ‖² / (2h²)); the
 * kernel's constant cancels in the weighted mean. Distances come from one
 * matrix product. Before the exponential each row's smallest squared distance
 * is subtracted (the log-sum-exp trick): the weights change by a common
 * factor, which cancels, but the largest becomes exactly 1, so a row far from
 * every source point still gets finite weights instead of all zeros.
 *
 * @param rows - `[b, d]` float32 points to move.
 * @param source - `[n, d]` float32 points that pull them.
 * @param bandwidth - h > 0.
 * @returns `[b, d]` float32 moved rows; the caller disposes it.
 * @remarks O(b·n·d) time; O(b·n) memory for the weights.
 * @see Fukunaga & Hostetler 1975; Cheng 1995, "Mean shift, mode seeking, and
 *   clustering".
 */
export function gaussianShiftBatch(
  rows: tf.Tensor2D,
  source: tf.Tensor2D,
  bandwidth: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const squared = squaredEuclideanDistances(rows, source);
    const nearest = tf.min(squared, 1, true);
    const scale = -0.5 / (bandwidth * bandwidth);
    const weights = tf.exp(tf.mul(tf.sub(squared, nearest), scale));
    const totals = tf.sum(weights, 1, true);
    return tf.div(tf.matMul(weights, source), totals) as tf.Tensor2D;
  });
}

/**
 * The largest Euclidean distance between matching rows of two `[b, d]`
 * tensors, as a scalar tensor (the caller disposes it).
 */
export function largestRowShift(
  before: tf.Tensor2D,
  after: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() =>
    tf.sqrt(tf.max(tf.sum(tf.square(tf.sub(after, before)), 1))),
  ) as tf.Scalar;
}
