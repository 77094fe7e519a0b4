import { BOOLEAN_RULE, integerRule, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

import { squaredDistance } from './candidate-search.js';
import type { E2lshIndex } from './e2lsh-index.js';
import type { KnnResult } from './neighbor-index.js';
import { NeighborHeaps } from './neighbor-heaps.js';
import { groupPairsByProducts, squaredNorms } from './group-products.js';
import { buildPairBound } from './pair-bound.js';
import type { PairBound } from './pair-bound.js';
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
  /**
   * Principal directions of a lower bound that skips pairs which cannot
   * enter either point's list (see `PairBound`); 0 turns it off. Worth it
   * in high dimensions (e.g. 32 for 784-D), a loss in 16-D.
   * @defaultValue 0
   */
  boundDimensions?: number;
  /**
   * Whether the in-bucket pairs come from batched Gram matrices on the
   * tfjs backend (`X Xᵀ` per bucket, fast in high dimensions) instead of
   * typed-array loops; kept neighbours get exact distances at the end.
   * @defaultValue false
   */
  groupProducts?: boolean;
  /**
   * With `groupProducts`: rows per Gram block (consecutive buckets or
   * leaves are merged up to this size; all pairs of a block are offered).
   * @defaultValue 256
   */
  blockRows?: number;
  /**
   * Largest bucket or leaf whose pairs are all compared: a bigger one (a
   * too-wide E2LSH bucket, a duplicate-heavy data set) is cut into blocks
   * of half this size, each compared with itself and the next block, so
   * the work stays near |B| · maxBucketSize / 2 instead of |B|² / 2.
   * Refinement rounds walk the chain of blocks to recover neighbours the
   * cut separated. Typed-loop path only (`groupProducts: false`).
   * @defaultValue 4096
   */
  maxBucketSize?: number;
  /**
   * Seed of the bound's subspace iteration.
   * @defaultValue 0
   */
  seed?: number;
}

/** Defaults of {@link allKnn}. */
export const ALL_KNN_DEFAULTS: Readonly<Required<AllKnnOptions>> =
  Object.freeze({
    includeSelf: true,
    refineRounds: 0,
    boundDimensions: 0,
    groupProducts: false,
    blockRows: 256,
    maxBucketSize: 4096,
    seed: 0,
  });

const RULES: OptionRules<Required<AllKnnOptions>> = {
  includeSelf: BOOLEAN_RULE,
  refineRounds: integerRule({ min: 0, max: 16 }),
  boundDimensions: integerRule({ min: 0, max: 1024 }),
  groupProducts: BOOLEAN_RULE,
  blockRows: integerRule({ min: 2, max: 8192 }),
  maxBucketSize: integerRule({ min: 2 }),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
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
 *   `candidatesChecked` counts the d-dimensional pair distances computed.
 * @throws RangeError when k is not an integer in [1, n] (self included) or
 *   [1, n − 1] (self excluded), or an option is out of range.
 * @remarks Cost Σ over buckets of |B|²·d / 2 (each pair once per table),
 *   plus n·k²·d per refinement round. Unlike `knn`, E2LSH multi-probe is not
 *   used: only points sharing a bucket meet, so it takes more tables for the
 *   same recall. A bucket above `maxBucketSize` is compared in overlapping
 *   blocks, so no bucket costs much more than |B| · maxBucketSize / 2.
 * @example
 * const index = await buildSpillForestIndex(points, { numTrees: 8 });
 * const { indices } = allKnn(index, 10);
 */
export async function allKnn(
  index: E2lshIndex | SpillForestIndex,
  k: number,
  options: AllKnnOptions = {},
): Promise<KnnResult> {
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
  const bound =
    resolved.boundDimensions > 0
      ? await buildPairBound(
          index.points,
          resolved.boundDimensions,
          index.projection,
          resolved.seed,
        )
      : null;
  const pair = pairOffer(heaps, data, d, bound);
  let checked = 0;
  const norms = resolved.groupProducts ? squaredNorms(index.points) : null;
  const worst = heaps.distances;
  const visit = (i: number, j: number, squared: number): void => {
    if (squared < (worst[i * k] as number)) heaps.offer(i, j, squared);
    if (squared < (worst[j * k] as number)) heaps.offer(j, i, squared);
  };
  for (const { ids, starts } of groups) {
    checked += norms
      ? await groupPairsByProducts(
          index.points,
          norms,
          ids,
          starts,
          resolved.blockRows,
          visit,
        )
      : pairsInGroups(pair, ids, starts, resolved.maxBucketSize);
  }
  for (let round = 0; round < resolved.refineRounds; round++) {
    checked += refine(heaps, pair);
  }
  if (norms) heaps.recompute(data, d);
  return heaps.result(checked);
}

/** Offers the pair (i, j) to both rows; returns 1 when its distance was computed. */
type PairOffer = (i: number, j: number) => number;

/** Relative slack on the float32 bound. */
const BOUND_SLACK = 1 - 1e-4;

function pairOffer(
  heaps: NeighborHeaps,
  data: Float32Array,
  d: number,
  bound: PairBound | null,
): PairOffer {
  const worst = heaps.distances;
  const k = heaps.k;
  if (bound === null) {
    return (i, j) => {
      const dist = squaredDistance(data, i, data, j, d);
      if (dist < (worst[i * k] as number)) heaps.offer(i, j, dist);
      if (dist < (worst[j * k] as number)) heaps.offer(j, i, dist);
      return 1;
    };
  }
  const { r, coordinates, residuals } = bound;
  return (i, j) => {
    const limit = Math.max(worst[i * k] as number, worst[j * k] as number);
    const gap = (residuals[i] as number) - (residuals[j] as number);
    let low = gap * gap;
    const a = i * r;
    const b = j * r;
    for (let c = 0; c < r && low * BOUND_SLACK < limit; c++) {
      const x = (coordinates[a + c] as number) - (coordinates[b + c] as number);
      low += x * x;
    }
    if (low * BOUND_SLACK >= limit) return 0;
    const dist = squaredDistance(data, i, data, j, d);
    if (dist < (worst[i * k] as number)) heaps.offer(i, j, dist);
    if (dist < (worst[j * k] as number)) heaps.offer(j, i, dist);
    return 1;
  };
}

function pairsInGroups(
  pair: PairOffer,
  ids: Int32Array,
  starts: Int32Array,
  cap: number,
): number {
  let checked = 0;
  const within = (from: number, to: number): void => {
    for (let a = from; a < to; a++) {
      const i = ids[a] as number;
      for (let b = a + 1; b < to; b++) checked += pair(i, ids[b] as number);
    }
  };
  for (let g = 0; g + 1 < starts.length; g++) {
    const start = starts[g] as number;
    const end = starts[g + 1] as number;
    if (end - start <= cap) {
      within(start, end);
      continue;
    }
    // Blocks of half the cap: each block with itself and with the next, so
    // every window of `cap` consecutive members is covered once and the
    // blocks form a chain that refinement rounds can walk along.
    const half = Math.max(1, Math.floor(cap / 2));
    for (let block = start; block < end; block += half) {
      const blockEnd = Math.min(block + half, end);
      within(block, blockEnd);
      const nextEnd = Math.min(blockEnd + half, end);
      for (let a = block; a < blockEnd; a++) {
        const i = ids[a] as number;
        for (let b = blockEnd; b < nextEnd; b++) {
          checked += pair(i, ids[b] as number);
        }
      }
    }
  }
  return checked;
}

/** One neighbour-of-neighbour round over a snapshot of the lists. */
function refine(heaps: NeighborHeaps, pair: PairOffer): number {
  const k = heaps.k;
  const lists = heaps.indices.slice();
  let checked = 0;
  for (let i = 0; i < heaps.n; i++) {
    for (let a = 0; a < k; a++) {
      const j = lists[i * k + a] as number;
      if (j < 0 || j === i) continue;
      for (let b = 0; b < k; b++) {
        const l = lists[j * k + b] as number;
        if (l < 0 || l === i || l === j) continue;
        checked += pair(i, l);
      }
    }
  }
  return checked;
}
