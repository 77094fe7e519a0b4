import {
  DEFAULT_LOGGER,
  integerRule,
  numberRule,
  oneOfRule,
  OPTIONAL_FUNCTION_RULE,
  resolveOptions,
  throttleProgress,
  toPointMatrix,
} from '@lesson11/tensor';
import type {
  Logger,
  OptionRule,
  OptionRules,
  PointMatrix,
  PointsInput,
  ProgressCallback,
} from '@lesson11/tensor';

import { assignLabels } from './assign-labels.js';
import type { MeanShiftResult } from './mean-shift.js';
import { mergeModes } from './merge-modes.js';
import { mergeParticles } from './merge-particles.js';
import { neighborShiftBatch } from './neighbor-shift-batch.js';

/**
 * Anything that finds the k nearest indexed points of a batch of queries:
 * an `@lesson11/lsh-ann` index, an exact search, or a caller's own. Rows
 * of `indices` are `[queries, k]`, nearest first; −1 marks a missing one.
 */
export interface NeighborSearch {
  knn(
    queries: PointMatrix,
    k: number,
  ): Promise<{ indices: Int32Array; k: number }>;
}

/** Builds a {@link NeighborSearch} over a set of points. */
export type NeighborIndexBuilder = (
  points: PointMatrix,
) => Promise<NeighborSearch>;

/** Options of {@link neighborMeanShift}. */
export interface NeighborMeanShiftOptions {
  /** Gaussian kernel standard deviation h. @defaultValue 2.5 */
  bandwidth?: number;
  /** Neighbours k each point's update uses. @defaultValue 50 */
  neighbors?: number;
  /**
   * `'blurring'`: the points themselves move (Gaussian blurring mean shift)
   * and the index is rebuilt every sweep over the moved particles;
   * `'nonBlurring'`: seeds climb the fixed data, indexed once.
   * @defaultValue 'blurring'
   */
  update?: 'blurring' | 'nonBlurring';
  /** @defaultValue 300 */
  maxIterations?: number;
  /** Stop below this largest shift; `'auto'` is 1e-3 · h. @defaultValue 'auto' */
  tolerance?: number | 'auto';
  /** Modes closer than this form one cluster; `'auto'` is h. @defaultValue 'auto' */
  mergeRadius?: number | 'auto';
  /**
   * Moved points in one grid cell of this side are merged into a weighted
   * particle after every sweep; `'auto'` is 1e-2 · h.
   * @defaultValue 'auto'
   */
  particleRadius?: number | 'auto';
  /**
   * Blurring only: once at most this many particles remain, every particle
   * is every other's neighbour (exact, and cheaper than an index). An
   * approximate index over a few particles can leave one unable to see its
   * own cluster, which would then stay apart as a spurious mode.
   * @defaultValue 256
   */
  exactBelow?: number;
  /**
   * Sweeps between rebuilds of the neighbour lists (and merges of
   * particles). 1 searches every sweep; more reuse each particle's list
   * while the particles move, which is much cheaper per sweep and, in high
   * dimensions where blurring over k neighbours needs many sweeps, faster.
   * @defaultValue 1
   */
  refreshEvery?: number;
  /** `'shift'` events per sweep with `maxShift` and `particles`. @defaultValue undefined */
  onProgress?: ProgressCallback;
  /** @defaultValue DEFAULT_LOGGER */
  logger?: Logger;
}

/** Defaults of {@link neighborMeanShift}. */
export const NEIGHBOR_MEAN_SHIFT_DEFAULTS = Object.freeze({
  bandwidth: 2.5,
  neighbors: 50,
  update: 'blurring',
  maxIterations: 300,
  tolerance: 'auto',
  mergeRadius: 'auto',
  particleRadius: 'auto',
  exactBelow: 256,
  refreshEvery: 1,
  onProgress: undefined,
  logger: DEFAULT_LOGGER,
} as const);

const positiveOrAuto = (): OptionRule => ({
  must: 'be a finite number > 0, or "auto"',
  kind: 'range',
  test: (v) =>
    v === 'auto' || (typeof v === 'number' && Number.isFinite(v) && v > 0),
});

const RULES: OptionRules<NeighborMeanShiftOptions> = {
  bandwidth: numberRule({ min: 0, minExclusive: true }),
  neighbors: integerRule({ min: 1 }),
  update: oneOfRule(['blurring', 'nonBlurring']),
  maxIterations: integerRule({ min: 1 }),
  tolerance: positiveOrAuto(),
  mergeRadius: positiveOrAuto(),
  particleRadius: positiveOrAuto(),
  exactBelow: integerRule({ min: 0 }),
  refreshEvery: integerRule({ min: 1 }),
  onProgress: OPTIONAL_FUNCTION_RULE,
  logger: {
    must: 'be a logger',
    kind: 'type',
    test: (v) => typeof v === 'object' && v !== null,
  },
};

/** What {@link neighborMeanShift} returns: a mean-shift result plus its work. */
export interface NeighborMeanShiftResult extends MeanShiftResult {
  /** Particles left after each sweep (merged points count once). */
  particleCounts: number[];
  /** Time spent building indexes and querying them, in milliseconds. */
  searchMs: number;
}

/**
 * ANN-accelerated Gaussian mean shift: each point's update uses only its k
 * nearest neighbours, found by any index the caller builds (exact, LSH,
 * spill trees), instead of all n points.
 *
 * Points (or seeds) that land in the same cell of side `particleRadius` are
 * merged into one weighted particle after each sweep, so the work falls as
 * clusters collapse; with blurring this is what lets every cluster collapse
 * fully even though each particle sees only k neighbours. Modes closer than
 * `mergeRadius` then form clusters, and every point takes its particle's.
 *
 * @param points - `[n, d]` points.
 * @param buildIndex - Builds the neighbour search over given points; called
 *   once per sweep (`'blurring'`) or once in all (`'nonBlurring'`).
 * @returns Centres, labels, moved points and the work done.
 * @throws TypeError or RangeError naming the field for bad points or options.
 * @remarks Per sweep O(p·k·d) plus the index build and p queries for p
 *   particles; memory O(n·d + p·k). With `'nonBlurring'` and k much smaller
 *   than a cluster, seeds stop at local modes of the truncated kernel (on
 *   the notebook's 6 × 2500 points, k = 50 gave 50–109 modes): use
 *   blurring, or k near the cluster size.
 * @see Carreira-Perpiñán (2006), "Fast nonparametric clustering with
 *   Gaussian blurring mean-shift"; fast.ai lesson 11 (2017), the ball-tree
 *   "LSH" section.
 * @example
 * const exact: NeighborIndexBuilder = async (p) => ({
 *   knn: async (q, k) => myKnn(p, q, k) });
 * const result = await neighborMeanShift(points, exact, { bandwidth: 2 });
 */
export async function neighborMeanShift(
  points: PointsInput,
  buildIndex: NeighborIndexBuilder,
  options: NeighborMeanShiftOptions = {},
): Promise<NeighborMeanShiftResult> {
  const name = 'neighborMeanShift';
  const o = resolveOptions(name, options, NEIGHBOR_MEAN_SHIFT_DEFAULTS, RULES);
  if (typeof buildIndex !== 'function') {
    throw new TypeError(
      `${name}: buildIndex must be a function, got ${typeof buildIndex}.`,
    );
  }
  const matrix = toPointMatrix(name, points);
  const { rows: n, columns: d } = matrix;
  const h = o.bandwidth as number;
  const tolerance = o.tolerance === 'auto' ? 1e-3 * h : (o.tolerance as number);
  const cell =
    o.particleRadius === 'auto' ? 1e-2 * h : (o.particleRadius as number);
  const report = throttleProgress(o.onProgress as ProgressCallback | undefined);

  // 1. Every point starts as its own particle of mass 1.
  let positions: Float32Array = Float32Array.from(matrix.data);
  let masses: Float32Array = new Float32Array(n).fill(1);
  const owner = Int32Array.from({ length: n }, (_, i) => i);
  const fixed = o.update === 'nonBlurring' ? await buildIndex(matrix) : null;
  const ones = new Float32Array(n).fill(1);
  const iterationMs: number[] = [];
  const particleCounts: number[] = [];
  let searchMs = 0;
  let maxShift = Infinity;
  let converged = false;
  let graph: { indices: Int32Array; k: number } | null = null;

  // 2. Sweep: neighbours of every particle, weighted means, then merging.
  for (
    let iteration = 1;
    iteration <= (o.maxIterations as number);
    iteration++
  ) {
    const started = performance.now();
    const p = masses.length;
    const current = { data: positions, rows: p, columns: d };
    // 2a. Neighbour lists, refreshed every `refreshEvery` sweeps; between
    // refreshes the particles keep their lists and move along them.
    const fresh = graph === null;
    if (graph === null) {
      const everyone = fixed === null && p <= (o.exactBelow as number);
      const k = everyone
        ? p
        : Math.min(o.neighbors as number, fixed === null ? p : n);
      const { indices } = everyone
        ? { indices: Int32Array.from({ length: p * p }, (_, e) => e % p) }
        : await (fixed ?? (await buildIndex(current))).knn(current, k);
      graph = { indices, k };
      searchMs += performance.now() - started;
    }
    const { indices, k } = graph;
    const moved =
      fixed === null
        ? await neighborShiftBatch(
            positions,
            positions,
            masses,
            indices,
            k,
            d,
            h,
          )
        : await neighborShiftBatch(
            positions,
            matrix.data,
            ones,
            indices,
            k,
            d,
            h,
          );
    maxShift = largestShift(positions, moved, d);
    // Still on stale lists, a part of a cluster can settle on its own:
    // only a sweep on fresh lists may end the run.
    const settled = maxShift < tolerance;
    converged = settled && fresh;
    positions = moved;

    // 2b. Merging renumbers the particles, so it runs only when the lists
    // are about to be rebuilt anyway.
    if (iteration % (o.refreshEvery as number) === 0 || settled) {
      const merged = mergeParticles(moved, masses, d, cell);
      for (let i = 0; i < n; i++) {
        owner[i] = merged.mapping[owner[i] as number] as number;
      }
      positions = merged.positions;
      masses = merged.masses;
      graph = null;
    }
    particleCounts.push(masses.length);
    iterationMs.push(performance.now() - started);
    report({
      stage: 'shift',
      completed: iteration,
      total: converged ? iteration : (o.maxIterations as number),
      metrics: { maxShift, particles: masses.length },
    });
    if (converged) break;
  }

  // 3. Modes closer than mergeRadius become one cluster.
  const mergeRadius = o.mergeRadius === 'auto' ? h : (o.mergeRadius as number);
  const modes = mergeModes(positions, d, mergeRadius);
  const particleLabels = assignLabels(positions, modes.centers, d);
  const shiftedPoints = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const from = (owner[i] as number) * d;
    shiftedPoints.set(positions.subarray(from, from + d), i * d);
  }
  const { labels, centers, sizes } = relabelBySize(
    Int32Array.from(owner, (particle) => particleLabels[particle] as number),
    shiftedPoints,
    modes.sizes.length,
    d,
  );
  report({ stage: 'merge', completed: 1, total: 1 }, true);
  return {
    clusterCenters: centers,
    labels,
    clusterSizes: sizes,
    shiftedPoints,
    iterations: iterationMs.length,
    converged,
    maxShift,
    // The neighbour sums run in TypeScript loops over the candidates.
    engine: 'plain',
    iterationMs,
    dimensions: d,
    particleCounts,
    searchMs,
  };
}

function largestShift(
  before: Float32Array,
  after: Float32Array,
  d: number,
): number {
  let largest = 0;
  for (let i = 0; i < before.length; i += d) {
    let sum = 0;
    for (let j = 0; j < d; j++)
      sum += ((after[i + j] as number) - (before[i + j] as number)) ** 2;
    largest = Math.max(largest, sum);
  }
  return Math.sqrt(largest);
}

/** Centres as the mean of their points, clusters numbered largest first. */
function relabelBySize(
  raw: Int32Array,
  points: Float32Array,
  k: number,
  d: number,
): { labels: Int32Array; centers: Float32Array; sizes: Int32Array } {
  const counts = new Int32Array(k);
  const sums = new Float64Array(k * d);
  raw.forEach((c, i) => {
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < d; j++)
      sums[c * d + j] =
        (sums[c * d + j] as number) + (points[i * d + j] as number);
  });
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => (counts[c] as number) > 0)
    .sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const rank = new Int32Array(k);
  order.forEach((c, r) => (rank[c] = r));
  const centers = new Float32Array(order.length * d);
  order.forEach((c, r) => {
    for (let j = 0; j < d; j++)
      centers[r * d + j] = (sums[c * d + j] as number) / (counts[c] as number);
  });
  return {
    labels: Int32Array.from(raw, (c) => rank[c] as number),
    centers,
    sizes: Int32Array.from(order, (c) => counts[c] as number),
  };
}
