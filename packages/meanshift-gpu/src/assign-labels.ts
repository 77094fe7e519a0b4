import { squaredDistanceBetweenRows } from '@lesson11/tensor';

/**
 * Labels each point with the index of its nearest centre (the first one on a
 * tie), or −1 when even that centre is farther than `maxDistance`.
 *
 * @param points - Row-major `[n, d]`.
 * @param centers - Row-major `[k, d]`, k ≥ 1.
 * @param dimensions - d.
 * @param maxDistance - Farther points get −1 (boundary included in the
 *   cluster); `Infinity` labels every point.
 * @returns `[n]` int32 labels in [0, k), or −1.
 * @remarks O(n·k·d) time.
 */
export function assignLabels(
  points: Float32Array,
  centers: Float32Array,
  dimensions: number,
  maxDistance = Infinity,
): Int32Array {
  const limit = maxDistance * maxDistance;
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
    labels[i] = bestDistance <= limit ? best : -1;
  }
  return labels;
}
