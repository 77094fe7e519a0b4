import { Random } from '@lesson11/tensor';

import type { SourceCells } from './fused-cpu.js';

/**
 * Groups points into cells around pivots so the flat kernel can skip whole
 * cells: pivots are chosen greedily farthest-first from a random sample,
 * every point joins its nearest pivot, and each cell records its centroid
 * and its radius (the largest distance from the centroid to its points).
 * A row at distance r from a centroid can only reach that cell's points
 * within the bandwidth h when r ≤ radius + h (triangle inequality), so
 * skipping the others changes no result.
 *
 * @param points - Row-major `[n, d]` float32.
 * @param dimensions - d.
 * @param cellCount - Pivots wanted (fewer when n is small).
 * @param seed - Seed of the sample and the first pivot.
 * @returns The cells; `order` lists the points cell by cell.
 * @remarks O(n·c·d) time, O(n) memory.
 */
export function buildSourceCells(
  points: Float32Array,
  dimensions: number,
  cellCount: number,
  seed = 0,
): SourceCells {
  const d = dimensions;
  const n = points.length / d;
  const random = new Random(seed);
  const sample = random.sampleIndices(n, Math.min(n, 32 * cellCount));
  const c = Math.min(cellCount, sample.length);
  const distance2 = (
    a: ArrayLike<number>,
    i: number,
    b: ArrayLike<number>,
    j: number,
  ) => {
    let total = 0;
    for (let k = 0; k < d; k++) {
      const v = (a[i * d + k] as number) - (b[j * d + k] as number);
      total += v * v;
    }
    return total;
  };

  // 1. Farthest-first pivots among the sample.
  const pivots = new Float32Array(c * d);
  const gap = new Float64Array(sample.length).fill(Infinity);
  let next = random.integer(sample.length);
  for (let p = 0; p < c; p++) {
    const row = sample[next] as number;
    pivots.set(points.subarray(row * d, (row + 1) * d), p * d);
    let farthest = 0;
    for (let s = 0; s < sample.length; s++) {
      const value = Math.min(
        gap[s] as number,
        distance2(points, sample[s] as number, pivots, p),
      );
      gap[s] = value;
      if (value > (gap[farthest] as number)) farthest = s;
    }
    next = farthest;
  }

  // 2. Every point joins its nearest pivot (a hot loop: kept inline).
  const cell = new Int32Array(n);
  const sizes = new Int32Array(c + 1);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDistance = Infinity;
    const row = i * d;
    for (let p = 0; p < c; p++) {
      let total = 0;
      const pivot = p * d;
      for (let k = 0; k < d && total < bestDistance; k++) {
        const v = (points[row + k] as number) - (pivots[pivot + k] as number);
        total += v * v;
      }
      if (total < bestDistance) {
        bestDistance = total;
        best = p;
      }
    }
    cell[i] = best;
    sizes[best + 1] = (sizes[best + 1] as number) + 1;
  }
  const starts = new Int32Array(c + 1);
  for (let p = 0; p < c; p++) {
    starts[p + 1] = (starts[p] as number) + (sizes[p + 1] as number);
  }
  const order = new Int32Array(n);
  const fill = starts.slice(0, c);
  for (let i = 0; i < n; i++) {
    const p = cell[i] as number;
    order[fill[p] as number] = i;
    fill[p] = (fill[p] as number) + 1;
  }

  // 3. Centroids and radii.
  const centroids = new Float32Array(c * d);
  const radii = new Float32Array(c);
  for (let p = 0; p < c; p++) {
    const count = (starts[p + 1] as number) - (starts[p] as number);
    const sum = new Float64Array(d);
    for (let q = starts[p] as number; q < (starts[p + 1] as number); q++) {
      for (let k = 0; k < d; k++) {
        sum[k] =
          (sum[k] as number) + (points[(order[q] as number) * d + k] as number);
      }
    }
    for (let k = 0; k < d; k++) {
      centroids[p * d + k] = count === 0 ? 0 : (sum[k] as number) / count;
    }
    let largest = 0;
    for (let q = starts[p] as number; q < (starts[p + 1] as number); q++) {
      largest = Math.max(
        largest,
        distance2(points, order[q] as number, centroids, p),
      );
    }
    // Rounded up a little: the radius is stored in float32.
    radii[p] = Math.sqrt(largest) * (1 + 1e-6) + 1e-6;
  }
  return { order, starts, centroids, radii };
}
