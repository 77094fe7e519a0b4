import { throttleProgress, toPointMatrix } from '@lesson11/tensor';
import type { PointsInput, ProgressCallback } from '@lesson11/tensor';

import { assignLabels } from './assign-labels.js';
import { binSeeds } from './bin-seeds.js';
import { estimateBandwidth } from './estimate-bandwidth.js';
import { resolveFitMeanShiftOptions } from './fit-options.js';
import type { FitMeanShiftOptions } from './fit-options.js';
import { openShiftSession } from './open-session.js';
import { suppressNearModes } from './suppress-modes.js';

/** A fitted mean-shift clustering, as {@link fitMeanShift} returns it. */
export class MeanShiftModel {
  constructor(
    /** Row-major `[k, d]` float32 centres, most points first. */
    readonly clusterCenters: Float32Array,
    /** `[n]` int32 cluster of each point; −1 is "no cluster". */
    readonly labels: Int32Array,
    /** The most steps any seed took after its first (`n_iter_`). */
    readonly iterations: number,
    /** The bandwidth used (estimated when it was `'auto'`). */
    readonly bandwidth: number,
    /** Seeds climbed. */
    readonly seedCount: number,
    /** d. */
    readonly dimensions: number,
  ) {}

  /** k. */
  get clusterCount(): number {
    return this.clusterCenters.length / this.dimensions;
  }

  /**
   * The nearest centre of each new point (no shifting, no −1), as
   * scikit-learn's `predict`.
   *
   * @param points - `[m, d]` points.
   * @returns `[m]` int32 cluster indices.
   * @throws RangeError for bad points or a wrong d.
   */
  predict(points: PointsInput): Int32Array {
    const matrix = toPointMatrix('MeanShiftModel.predict', points);
    if (matrix.columns !== this.dimensions) {
      throw new RangeError(
        `MeanShiftModel.predict: points must have ${this.dimensions} ` +
          `coordinates like the fitted data, got ${matrix.columns}.`,
      );
    }
    return assignLabels(matrix.data, this.clusterCenters, this.dimensions);
  }
}

/** Thrown when no seed had a point within the bandwidth. */
export class NoPointsInBandwidthError extends Error {
  readonly code = 'NO_POINTS_IN_BANDWIDTH';
  constructor(bandwidth: number) {
    super(
      `fitMeanShift: no point lies within bandwidth ${bandwidth} of any ` +
        'seed. Try a larger bandwidth.',
    );
    this.name = 'NoPointsInBandwidthError';
  }
}

/**
 * Climbs every seed on the fixed points until it stops moving: each step
 * moves a seed to the (kernel-weighted) mean of the points around it; a seed
 * stops once a step moves it less than 1e-3 · bandwidth, or after
 * `maxIterations` further steps; a seed with no point in its window is
 * dropped. Seeds that land on bit-identical positions climb on as one.
 */
async function climb(
  points: Float32Array,
  seeds: Float32Array,
  d: number,
  options: {
    bandwidth: number;
    kernel: 'flat' | 'gaussian';
    maxIterations: number;
    engine: 'auto' | 'fused' | 'plain';
    onProgress: ProgressCallback | undefined;
  },
): Promise<{
  modes: Float32Array;
  intensities: Float64Array;
  iterations: number;
}> {
  const m = seeds.length / d;
  const session = openShiftSession({
    source: points,
    dimensions: d,
    kernel: options.kernel,
    bandwidth: options.bandwidth,
    rows: m,
    engine: options.engine,
  });
  const rows = session.rowsView;
  rows.set(seeds);
  const intensities = new Float64Array(m);
  const steps = new Int32Array(m);
  const leader = Int32Array.from({ length: m }, (_, s) => s);
  const stop = 1e-3 * options.bandwidth;
  const report = throttleProgress(options.onProgress);
  let active = Int32Array.from({ length: m }, (_, s) => s);
  let done = 0;
  while (active.length > 0) {
    await session.accumulate(active);
    const sums = session.sumsView;
    const next: number[] = [];
    const positions = new Map<string, number>();
    for (const s of active) {
      const out = s * (d + 1);
      const weight = sums[out] as number;
      intensities[s] = weight;
      if (!(weight > 0)) {
        done++;
        continue;
      }
      let shift2 = 0;
      for (let k = 0; k < d; k++) {
        const old = rows[s * d + k] as number;
        const total = sums[out + 1 + k] as number;
        const moved = Math.fround(
          options.kernel === 'flat' ? total / weight : old + total / weight,
        );
        rows[s * d + k] = moved;
        shift2 += (moved - old) * (moved - old);
      }
      if (Math.sqrt(shift2) < stop || steps[s] === options.maxIterations) {
        done++;
        continue;
      }
      steps[s] = (steps[s] as number) + 1;
      // Identical positions have identical futures: climb one of them.
      const key = rows.subarray(s * d, (s + 1) * d).join(',');
      const first = positions.get(key);
      if (first === undefined) {
        positions.set(key, s);
        next.push(s);
      } else {
        leader[s] = first;
        done++;
      }
    }
    active = Int32Array.from(next);
    if (active.length > 0)
      report({ stage: 'climb', completed: done, total: m });
  }
  report({ stage: 'climb', completed: m, total: m }, true);

  // Followers end where their leaders (or leaders' leaders) end.
  const root = (s: number): number =>
    leader[s] === s ? s : root(leader[s] as number);
  let iterations = 0;
  for (let s = 0; s < m; s++) {
    const r = root(s);
    if (r !== s) {
      rows.copyWithin(s * d, r * d, (r + 1) * d);
      intensities[s] = intensities[r] as number;
      steps[s] = steps[r] as number;
    }
    iterations = Math.max(iterations, steps[s] as number);
  }
  return { modes: Float32Array.from(rows), intensities, iterations };
}

/**
 * Clusters points with mean shift the way scikit-learn's `MeanShift` does,
 * with the same answers, on a fused multi-threaded SIMD step.
 *
 * Seeds are the given `seeds`, the bins of `binSeeding` or every point.
 * Each seed climbs on the fixed data (non-blurring mean shift) until a step
 * moves it less than 1e-3 · bandwidth; converged seeds are merged by the
 * number of points in their window (see {@link suppressNearModes}); points
 * take their nearest centre, or −1 beyond the bandwidth with
 * `clusterAll: false`.
 *
 * @param points - `[n, d]` points.
 * @param options - See {@link FitMeanShiftOptions}.
 * @returns The fitted model, with `predict`.
 * @throws RangeError or TypeError for bad points or options;
 *   {@link NoPointsInBandwidthError} when no seed has a point in its window.
 * @remarks Each step costs O(s·n·d) for s active seeds (the flat kernel
 *   skips far cells of points, exactly); memory is O(n·d + s·d), never
 *   s × n.
 * @see Comaniciu & Meer 2002, "Mean shift: a robust approach toward feature
 *   space analysis"; scikit-learn's `sklearn.cluster.MeanShift`.
 * @example
 * const points = [[1, 1], [2, 1], [1, 0], [4, 7], [3, 5], [3, 6]];
 * const model = await fitMeanShift(points, { bandwidth: 2 });
 * model.labels; // Int32Array [1, 1, 1, 0, 0, 0]
 */
export async function fitMeanShift(
  points: PointsInput,
  options: FitMeanShiftOptions = {},
): Promise<MeanShiftModel> {
  const resolved = resolveFitMeanShiftOptions(options);
  const matrix = toPointMatrix('fitMeanShift', points);
  const d = matrix.columns;
  const bandwidth =
    resolved.bandwidth === 'auto'
      ? estimateBandwidth(matrix)
      : resolved.bandwidth;
  if (!(bandwidth > 0)) {
    throw new RangeError(
      `fitMeanShift: bandwidth must be > 0, got ${bandwidth} from ` +
        'estimateBandwidth. Try passing a bandwidth.',
    );
  }

  // 1. Seeds: given, binned or every point.
  let seeds = matrix.data;
  if (resolved.seeds !== null) {
    const given = toPointMatrix('fitMeanShift', resolved.seeds);
    if (given.columns !== d) {
      throw new RangeError(
        `fitMeanShift: seeds must have ${d} coordinates like the points, ` +
          `got ${given.columns}.`,
      );
    }
    seeds = given.data;
  } else if (resolved.binSeeding) {
    const binned = binSeeds(
      matrix.data,
      d,
      bandwidth,
      resolved.minBinFrequency,
    );
    if (binned.fellBack) {
      resolved.logger.warn(
        'fitMeanShift: bin seeding kept every point, so all points are ' +
          'used as seeds. Try a larger bandwidth or minBinFrequency.',
      );
    }
    seeds = binned.seeds;
  }

  resolved.onProgress?.({
    stage: 'seed',
    completed: 1,
    total: 1,
    metrics: { seeds: seeds.length / d },
  });

  // 2. Climb every seed, 3. merge the modes, 4. label the points.
  const { modes, intensities, iterations } = await climb(
    matrix.data,
    seeds,
    d,
    { ...resolved, onProgress: resolved.onProgress, bandwidth },
  );
  const live = [...intensities.keys()].filter((s) => intensities[s]! > 0);
  if (live.length === 0) throw new NoPointsInBandwidthError(bandwidth);
  const { centers } = suppressNearModes(
    Float32Array.from(
      live.flatMap((s) => [...modes.subarray(s * d, (s + 1) * d)]),
    ),
    live.map((s) => intensities[s]!),
    d,
    bandwidth,
  );
  const labels = assignLabels(
    matrix.data,
    centers,
    d,
    resolved.clusterAll ? Infinity : bandwidth,
  );
  resolved.onProgress?.({ stage: 'label', completed: 1, total: 1 });
  return new MeanShiftModel(
    centers,
    labels,
    iterations,
    bandwidth,
    seeds.length / d,
    d,
  );
}
