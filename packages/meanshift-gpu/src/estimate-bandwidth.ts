import {
  integerRule,
  nullableRule,
  numberRule,
  Random,
  resolveOptions,
  toPointMatrix,
} from '@lesson11/tensor';
import type { OptionRules, PointsInput } from '@lesson11/tensor';

/** Options of {@link estimateBandwidth}. */
export interface EstimateBandwidthOptions {
  /**
   * Which neighbour's distance to average: the k-th nearest with
   * k = ⌊quantile · n⌋ (at least 1), the point itself counting as the first.
   * @defaultValue 0.3
   */
  quantile?: number;
  /**
   * Use this many points drawn at random (without replacement), or `null`
   * for all points.
   * @defaultValue null
   */
  sampleSize?: number | null;
  /**
   * Seed of the sample.
   * @defaultValue 0
   */
  seed?: number;
}

/** Defaults of {@link estimateBandwidth} (scikit-learn's). */
export const ESTIMATE_BANDWIDTH_DEFAULTS = Object.freeze({
  quantile: 0.3,
  sampleSize: null,
  seed: 0,
} as const);

const RULES: OptionRules<EstimateBandwidthOptions> = {
  quantile: numberRule({ min: 0, max: 1 }),
  sampleSize: nullableRule(integerRule({ min: 1 })),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
};

/**
 * Estimates a mean-shift bandwidth: the mean, over the (sampled) points, of
 * the distance to their k-th nearest neighbour among the same points, with
 * k = max(1, ⌊quantile · n⌋) and each point its own first neighbour at
 * distance 0. This is scikit-learn's `estimate_bandwidth`.
 *
 * @param points - `[n, d]` points.
 * @param options - See {@link EstimateBandwidthOptions}.
 * @returns The bandwidth (0 when all the sampled points coincide).
 * @throws RangeError for bad points or options.
 * @remarks O(m²·d) time for m = sampleSize ?? n, O(m) memory: sample large
 *   data sets (a few thousand points is usual). With `sampleSize` the sample
 *   differs from scikit-learn's (another generator), so the result agrees
 *   only statistically; on all points it agrees to float64 rounding.
 * @example
 * const points = [[1, 1], [2, 1], [1, 0], [4, 7], [3, 5], [3, 6]];
 * estimateBandwidth(points, { quantile: 0.5 }); // 1.6191…
 */
export function estimateBandwidth(
  points: PointsInput,
  options: EstimateBandwidthOptions = {},
): number {
  const matrix = toPointMatrix('estimateBandwidth', points);
  const resolved = resolveOptions<EstimateBandwidthOptions>(
    'estimateBandwidth',
    options,
    ESTIMATE_BANDWIDTH_DEFAULTS,
    RULES,
  ) as Required<EstimateBandwidthOptions>;
  const d = matrix.columns;
  let rows: Int32Array = Int32Array.from({ length: matrix.rows }, (_, i) => i);
  if (resolved.sampleSize !== null && resolved.sampleSize < matrix.rows) {
    rows = new Random(resolved.seed).sampleIndices(
      matrix.rows,
      resolved.sampleSize,
    );
  }
  const m = rows.length;
  const k = Math.max(1, Math.trunc(m * resolved.quantile));

  // Squared distances to every sampled point, then the k-th smallest.
  const squared = new Float64Array(m);
  let total = 0;
  for (let a = 0; a < m; a++) {
    const i = (rows[a] as number) * d;
    for (let b = 0; b < m; b++) {
      const j = (rows[b] as number) * d;
      let d2 = 0;
      for (let c = 0; c < d; c++) {
        const v =
          (matrix.data[i + c] as number) - (matrix.data[j + c] as number);
        d2 += v * v;
      }
      squared[b] = d2;
    }
    total += Math.sqrt(kthSmallest(squared, k - 1));
  }
  return total / m;
}

/** The value of rank `rank` (0-based) in `values`; reorders `values`. */
function kthSmallest(values: Float64Array, rank: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (rank <= j) high = j;
    else if (rank >= i) low = i;
    else return values[rank] as number;
  }
  return values[rank] as number;
}
