import { squaredDistance } from './candidate-search.js';
import type { KnnResult } from './neighbor-index.js';

/**
 * n max-heaps of k (squared distance, index) pairs in flat arrays, started
 * full of (Infinity, −1), so the root `distances[i·k]` is always row i's
 * current k-th distance.
 */
export class NeighborHeaps {
  readonly distances: Float64Array;
  readonly indices: Int32Array;

  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    this.distances = new Float64Array(n * k).fill(Infinity);
    this.indices = new Int32Array(n * k).fill(-1);
  }

  /** Puts (dist, j) in row i's heap unless j is there or dist is too big. */
  offer(i: number, j: number, dist: number): void {
    const k = this.k;
    const base = i * k;
    const dists = this.distances;
    const ids = this.indices;
    if (dist >= (dists[base] as number)) return;
    for (let s = base; s < base + k; s++) if (ids[s] === j) return;
    // Sift (dist, j) down from the root, replacing the current worst.
    let p = 0;
    for (;;) {
      let child = 2 * p + 1;
      if (child >= k) break;
      const right = child + 1;
      if (
        right < k &&
        (dists[base + right] as number) > (dists[base + child] as number)
      ) {
        child = right;
      }
      if ((dists[base + child] as number) <= dist) break;
      dists[base + p] = dists[base + child] as number;
      ids[base + p] = ids[base + child] as number;
      p = child;
    }
    dists[base + p] = dist;
    ids[base + p] = j;
  }

  /** Replaces every kept distance by the exact one (heaps not restored). */
  recompute(data: Float32Array, d: number): void {
    for (let s = 0; s < this.indices.length; s++) {
      const j = this.indices[s] as number;
      const i = Math.floor(s / this.k);
      if (j >= 0) this.distances[s] = squaredDistance(data, i, data, j, d);
    }
  }

  /** Rows sorted nearest first (ties by index), distances as L2. */
  result(checked: number): KnnResult {
    const { n, k } = this;
    const indices = new Int32Array(n * k);
    const distances = new Float32Array(n * k);
    const order = Array.from({ length: k }, (_, s) => s);
    for (let i = 0; i < n; i++) {
      const base = i * k;
      const dists = this.distances;
      const ids = this.indices;
      order.sort((a, b) => {
        const da = dists[base + a] as number;
        const db = dists[base + b] as number;
        if (da !== db) return da - db || 0;
        const ia = ids[base + a] as number;
        const ib = ids[base + b] as number;
        // −1 padding (Infinity) goes last among equals.
        return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
      });
      order.forEach((slot, s) => {
        indices[base + s] = ids[base + slot] as number;
        distances[base + s] = Math.sqrt(dists[base + slot] as number);
      });
    }
    return { rows: n, k, indices, distances, candidatesChecked: checked };
  }
}
