import { squaredDistanceBetweenRows } from '@lesson11/tensor';

import type { MeanShiftUpdate } from './options.js';

/**
 * Plain-loop Gaussian mean shift in float64: the reference the tensor
 * implementation is tested against. Same batches and update order as
 * {@link meanShift}, a fixed number of sweeps, no merging.
 *
 * @param points - Row-major `[n, d]`.
 * @returns Row-major `[n, d]` float64 moved points.
 * @remarks O(sweeps · n² · d) time; for small inputs only.
 */
export function meanShiftReference(
  points: ArrayLike<number>,
  dimensions: number,
  options: {
    bandwidth: number;
    batchSize: number;
    iterations: number;
    update: MeanShiftUpdate;
  },
): Float64Array {
  const n = points.length / dimensions;
  const data = Float64Array.from(points);
  let current = Float64Array.from(points);
  const scale = -0.5 / (options.bandwidth * options.bandwidth);
  for (let sweep = 0; sweep < options.iterations; sweep++) {
    const start = current.slice();
    const next = current.slice();
    for (let lo = 0; lo < n; lo += options.batchSize) {
      const hi = Math.min(n, lo + options.batchSize);
      // The rows move from `rows`; the weights come from `source`.
      const rows = options.update === 'inPlace' ? next.slice() : start;
      const source = options.update === 'nonBlurring' ? data : rows;
      for (let i = lo; i < hi; i++) {
        let total = 0;
        const sum = new Float64Array(dimensions);
        for (let j = 0; j < n; j++) {
          const d2 = squaredDistanceBetweenRows(rows, i, source, j, dimensions);
          const weight = Math.exp(d2 * scale);
          total += weight;
          for (let k = 0; k < dimensions; k++) {
            sum[k] =
              (sum[k] as number) +
              weight * (source[j * dimensions + k] as number);
          }
        }
        for (let k = 0; k < dimensions; k++) {
          next[i * dimensions + k] = (sum[k] as number) / total;
        }
      }
    }
    current = next;
  }
  return current;
}
