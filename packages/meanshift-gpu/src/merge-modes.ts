import { squaredDistanceBetweenRows } from '@lesson11/tensor';

/** Clusters found among converged points. */
export interface MergedModes {
  /** Row-major `[k, d]` float32 cluster centres, largest cluster first. */
  centers: Float32Array;
  /** `[k]` points in each cluster. */
  sizes: Int32Array;
}

/**
 * Groups converged points into clusters: each point joins the first cluster
 * whose first point lies within `radius`, or starts a new one. A cluster's
 * centre is the mean of its points; clusters are sorted by size, largest
 * first (ties keep the order they were found in).
 *
 * Mean shift drives a cluster's points to nearly one place, so after
 * convergence the order of the points hardly matters; with a radius near the
 * bandwidth, separate modes stay apart.
 *
 * @param points - Row-major `[n, d]` converged points.
 * @param dimensions - d.
 * @param radius - Joining distance (≥ 0), usually the bandwidth.
 * @returns Centres and sizes.
 * @remarks O(n·k·d) time for k clusters; O(n) memory.
 */
export function mergeModes(
  points: Float32Array,
  dimensions: number,
  radius: number,
): MergedModes {
  const n = points.length / dimensions;
  const radiusSquared = radius * radius;
  const anchors: number[] = [];
  const membership = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let joined = -1;
    for (let c = 0; c < anchors.length; c++) {
      const anchor = anchors[c] as number;
      const d2 = squaredDistanceBetweenRows(
        points,
        i,
        points,
        anchor,
        dimensions,
      );
      if (d2 <= radiusSquared) {
        joined = c;
        break;
      }
    }
    if (joined === -1) {
      joined = anchors.length;
      anchors.push(i);
    }
    membership[i] = joined;
  }

  const k = anchors.length;
  const sums = new Float64Array(k * dimensions);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = membership[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < dimensions; j++) {
      sums[c * dimensions + j] =
        (sums[c * dimensions + j] as number) +
        (points[i * dimensions + j] as number);
    }
  }
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => (counts[b] as number) - (counts[a] as number) || a - b,
  );
  const centers = new Float32Array(k * dimensions);
  const sizes = new Int32Array(k);
  order.forEach((c, rank) => {
    sizes[rank] = counts[c] as number;
    for (let j = 0; j < dimensions; j++) {
      centers[rank * dimensions + j] =
        (sums[c * dimensions + j] as number) / (counts[c] as number);
    }
  });
  return { centers, sizes };
}
