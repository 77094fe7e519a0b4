import { BOOLEAN_RULE, integerRule, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

import { squaredDistance } from './candidate-search.js';
import type { E2lshIndex } from './e2lsh-index.js';
import type { KnnResult } from './neighbor-index.js';
import type { SpillForestIndex } from './spill-forest-index.js';

/** Options of {@link allKnn}. */
export interface AllKnnOptions {
  /**
   * Whether each point is its own first neighbour (distance 0), as in
   * `index.knn(points, k)`; with `false` the k neighbours are other points.
   * @defaultValue true
   */
  includeSelf?: boolean;
  /**
   * Rounds of neighbour-of-neighbour refinement after the bucket pass: each
   * point checks the current neighbours of its neighbours (k² candidates).
   * @defaultValue 0
   */
  refineRounds?: number;
}

/** Defaults of {@link allKnn}. */
export const ALL_KNN_DEFAULTS: Readonly<Required<AllKnnOptions>> =
  Object.freeze({ includeSelf: true, refineRounds: 0 });

const RULES: OptionRules<Required<AllKnnOptions>> = {
  includeSelf: BOOLEAN_RULE,
  refineRounds: integerRule({ min: 0, max: 16 }),
};

/** Point groups: members of group g are `ids[starts[g] .. starts[g + 1])`. */
interface Groups {
  ids: Int32Array;
  starts: Int32Array;
}

/**
 * Every indexed point's k nearest indexed points (batch all-kNN), from the
 * index's own buckets (E2LSH: every table's buckets; spill forest: the
 * leaves of the searched trees): the exact distances between all pairs
 * inside a bucket are computed once and offered to both points.
 *
 * @param index - An E2LSH index or a spill forest (euclidean).
 * @param k - Neighbours per point, self included when `includeSelf`.
 * @returns Row i holds point i's neighbours, nearest first (ties by
 *   index); −1 / Infinity pad rows that met fewer than k points.
 *   `candidatesChecked` counts the pair distances computed.
 * @throws RangeError when k is not an integer in [1, n] (self included) or
 *   [1, n − 1] (self excluded), or an option is out of range.
 * @remarks Cost Σ over buckets of |B|²·d / 2 (each pair once per table),
 *   plus n·k²·d per refinement round. Unlike `knn`, E2LSH multi-probe is not
 *   used: only points sharing a bucket meet, so it takes more tables for the
 *   same recall. A huge bucket costs |B|² (no cap).
 * @example
 * const index = await buildSpillForestIndex(points, { numTrees: 8 });
 * const { indices } = allKnn(index, 10);
 */
export function allKnn(
  index: E2lshIndex | SpillForestIndex,
  k: number,
  options: AllKnnOptions = {},
): KnnResult {
  const resolved = resolveOptions('allKnn', options, ALL_KNN_DEFAULTS, RULES);
  const n = index.size;
  const most = resolved.includeSelf ? n : n - 1;
  if (!Number.isInteger(k) || k < 1 || k > most) {
    throw new RangeError(
      `allKnn: k must be an integer in [1, ${most}] (the number of indexed ` +
        `points${resolved.includeSelf ? '' : ' − 1, self excluded'}), ` +
        `got ${String(k)}.`,
    );
  }
  const groups: Groups[] =
    index.kind === 'e2lsh'
      ? index.tables
      : index.trees
          .slice(0, index.treesSearched)
          .map((t) => ({ ids: t.leafIds, starts: t.leafStarts }));
  const heaps = new NeighborHeaps(n, k);
  if (resolved.includeSelf) {
    for (let i = 0; i < n; i++) heaps.offer(i, i, 0);
  }
  const { data, columns: d } = index.points;
  let checked = 0;
  for (const { ids, starts } of groups) {
    checked += pairsInGroups(heaps, data, d, ids, starts);
  }
  for (let round = 0; round < resolved.refineRounds; round++) {
    checked += refine(heaps, data, d);
  }
  return heaps.result(checked);
}

function pairsInGroups(
  heaps: NeighborHeaps,
  data: Float32Array,
  d: number,
  ids: Int32Array,
  starts: Int32Array,
): number {
  const worst = heaps.distances;
  const k = heaps.k;
  let checked = 0;
  for (let g = 0; g + 1 < starts.length; g++) {
    const end = starts[g + 1] as number;
    for (let a = starts[g] as number; a < end; a++) {
      const i = ids[a] as number;
      for (let b = a + 1; b < end; b++) {
        const j = ids[b] as number;
        const dist = squaredDistance(data, i, data, j, d);
        if (dist < (worst[i * k] as number)) heaps.offer(i, j, dist);
        if (dist < (worst[j * k] as number)) heaps.offer(j, i, dist);
      }
    }
    const size = end - (starts[g] as number);
    checked += (size * (size - 1)) / 2;
  }
  return checked;
}

/** One neighbour-of-neighbour round over a snapshot of the lists. */
function refine(heaps: NeighborHeaps, data: Float32Array, d: number): number {
  const k = heaps.k;
  const worst = heaps.distances;
  const lists = heaps.indices.slice();
  let checked = 0;
  for (let i = 0; i < heaps.n; i++) {
    for (let a = 0; a < k; a++) {
      const j = lists[i * k + a] as number;
      if (j < 0 || j === i) continue;
      for (let b = 0; b < k; b++) {
        const l = lists[j * k + b] as number;
        if (l < 0 || l === i || l === j) continue;
        const dist = squaredDistance(data, i, data, l, d);
        checked++;
        if (dist < (worst[i * k] as number)) heaps.offer(i, l, dist);
        if (dist < (worst[l * k] as number)) heaps.offer(l, i, dist);
      }
    }
  }
  return checked;
}

/**
 * n max-heaps of k (squared distance, index) pairs in flat arrays, started
 * full of (Infinity, −1), so the root `distances[i·k]` is always row i's
 * current k-th distance.
 */
class NeighborHeaps {
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
