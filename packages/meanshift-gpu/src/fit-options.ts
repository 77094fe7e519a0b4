import {
  BOOLEAN_RULE,
  DEFAULT_LOGGER,
  integerRule,
  numberRule,
  oneOfRule,
  OPTIONAL_FUNCTION_RULE,
  ANY_RULE,
  resolveOptions,
} from '@lesson11/tensor';
import type {
  Logger,
  OptionRule,
  OptionRules,
  PointsInput,
  ProgressCallback,
} from '@lesson11/tensor';

import type { FusedKernel } from './wasm-kernel.js';

/**
 * Which step engine runs the climb: `'fused'` the SIMD WebAssembly kernel in
 * worker threads, `'plain'` one-thread TypeScript, `'auto'` fused when it
 * can run (d ≤ 64 and worker threads available).
 */
export type MeanShiftEngine = 'auto' | 'fused' | 'plain';

/** Options of {@link fitMeanShift}; the defaults are scikit-learn's. */
export interface FitMeanShiftOptions {
  /**
   * Kernel radius (flat) or standard deviation (Gaussian); `'auto'` calls
   * {@link estimateBandwidth} with quantile 0.3 on all points.
   * @defaultValue 'auto'
   */
  bandwidth?: number | 'auto';
  /**
   * `'flat'`: the mean of the points within the bandwidth, boundary
   * included (scikit-learn); `'gaussian'`: all points, Gaussian weights.
   * @defaultValue 'flat'
   */
  kernel?: FusedKernel;
  /**
   * Starting points `[s, d]`; `null` seeds from the points or their bins.
   * @defaultValue null
   */
  seeds?: PointsInput | null;
  /**
   * Seed from a grid of bandwidth-sized bins (see {@link binSeeds}).
   * @defaultValue false
   */
  binSeeding?: boolean;
  /**
   * With `binSeeding`, bins with fewer points give no seed.
   * @defaultValue 1
   */
  minBinFrequency?: number;
  /**
   * Label every point; `false` gives −1 to points farther than the
   * bandwidth from every centre.
   * @defaultValue true
   */
  clusterAll?: boolean;
  /**
   * Steps per seed after the first (scikit-learn's `max_iter`).
   * @defaultValue 300
   */
  maxIterations?: number;
  /**
   * The step engine; see {@link MeanShiftEngine}.
   * @defaultValue 'auto'
   */
  engine?: MeanShiftEngine;
  /**
   * Receives a `'seed'` event (with the seed count), `'climb'` events
   * (converged seeds of all) and a `'label'` event.
   * @defaultValue undefined
   */
  onProgress?: ProgressCallback;
  /**
   * Where warnings go (e.g. bin seeding falling back to all points).
   * @defaultValue DEFAULT_LOGGER
   */
  logger?: Logger;
}

/** Defaults of {@link fitMeanShift}. */
export const FIT_MEAN_SHIFT_DEFAULTS = Object.freeze({
  bandwidth: 'auto',
  kernel: 'flat',
  seeds: null,
  binSeeding: false,
  minBinFrequency: 1,
  clusterAll: true,
  maxIterations: 300,
  engine: 'auto',
  onProgress: undefined,
  logger: DEFAULT_LOGGER,
} as const);

const LOGGER_RULE: OptionRule = {
  must: 'be a logger with error, warn, info and debug methods',
  kind: 'type',
  test: (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['error', 'warn', 'info', 'debug'].every(
      (key) => typeof (value as Record<string, unknown>)[key] === 'function',
    ),
};

const bandwidthRule = numberRule({ min: 0, minExclusive: true });
const RULES: OptionRules<FitMeanShiftOptions> = {
  bandwidth: {
    must: `${bandwidthRule.must}, or "auto"`,
    kind: 'range',
    test: (value) => value === 'auto' || bandwidthRule.test(value),
  },
  kernel: oneOfRule(['flat', 'gaussian']),
  seeds: ANY_RULE,
  binSeeding: BOOLEAN_RULE,
  minBinFrequency: integerRule({ min: 1 }),
  clusterAll: BOOLEAN_RULE,
  maxIterations: integerRule({ min: 0 }),
  engine: oneOfRule(['auto', 'fused', 'plain']),
  onProgress: OPTIONAL_FUNCTION_RULE,
  logger: LOGGER_RULE,
};

/** Options of {@link fitMeanShift} with every field set. */
export type ResolvedFitMeanShiftOptions = Required<
  Omit<FitMeanShiftOptions, 'onProgress'>
> &
  Pick<FitMeanShiftOptions, 'onProgress'>;

/**
 * Merges options over {@link FIT_MEAN_SHIFT_DEFAULTS} and checks each field.
 *
 * @throws TypeError or RangeError naming the field and the value.
 */
export function resolveFitMeanShiftOptions(
  options: FitMeanShiftOptions = {},
): ResolvedFitMeanShiftOptions {
  return resolveOptions<FitMeanShiftOptions>(
    'fitMeanShift',
    options,
    FIT_MEAN_SHIFT_DEFAULTS,
    RULES,
  ) as ResolvedFitMeanShiftOptions;
}
