import { squaredDistanceBetweenRows } from '@lesson11/tensor';

/**
 * Labels each point with the index of its nearest centre (the first one on a
 * tie).
 *
 * @param points - Row-major `[n, d]`.
 * @param centers - Row-major `[k, d]`, k ≥ 1.
 * @param dimensions - d.
 * @returns `[n]` int32 labels in [0, k).
 * @remarks O(n·k·d) time.
 */
export function assignLabels(
  points: Float32Array,
  centers: Float32Array,
  dimensions: number,
): Int32Array {
  const n = points.length / dimensions;
  const k = centers.length / dimensions;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < k; c++) {
      const d2 = squaredDistanceBetweenRows(points, i, centers, c, dimensions);
      if (d2 < bestDistance) {
        bestDistance = d2;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}
