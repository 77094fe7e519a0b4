import {
  DEFAULT_LOGGER,
  integerRule,
  numberRule,
  oneOfRule,
  OPTIONAL_FUNCTION_RULE,
  resolveOptions,
} from '@lesson11/tensor';
import type {
  Logger,
  OptionRule,
  OptionRules,
  ProgressCallback,
} from '@lesson11/tensor';

import type { NeighborIndexBuilder } from './neighbor-mean-shift.js';

/**
 * How the points move during a sweep.
 *
 * - `'inPlace'`: the notebook's. One array both moves and gives the weights,
 *   and each batch is written back at once, so later batches of a sweep see
 *   rows that earlier ones moved (Gauss–Seidel order of blurring mean shift).
 * - `'blurring'`: Gaussian blurring mean shift (Carreira-Perpiñán 2006): the
 *   data moves, but every batch of a sweep reads the sweep's starting points,
 *   so the result does not depend on the batch size.
 * - `'nonBlurring'`: the standard algorithm (Comaniciu & Meer 2002): the
 *   points climb the density of the fixed, original data.
 */
export type MeanShiftUpdate = 'inPlace' | 'blurring' | 'nonBlurring';

/**
 * What computes the sweeps: `'tfjs'` the batched tensor formulation on the
 * current tfjs backend (GPU included); `'fused'` the streaming SIMD
 * WebAssembly kernel in worker threads (never stores batch × n weights);
 * `'plain'` one-thread TypeScript; `'auto'` picks `'fused'` on the cpu and
 * wasm backends when d ≤ 64, else `'tfjs'`.
 */
export type MeanShiftStepEngine = 'auto' | 'tfjs' | 'fused' | 'plain';

/** Options of {@link meanShift}. */
export interface MeanShiftOptions {
  /**
   * The Gaussian kernel's standard deviation, in the units of the points.
   * @defaultValue 2.5
   */
  bandwidth?: number;
  /**
   * Rows updated together; memory is O(batchSize · n).
   * @defaultValue 500
   */
  batchSize?: number;
  /**
   * Sweeps at most; the notebook runs exactly 5 (pass `tolerance: 0`).
   * @defaultValue 300
   */
  maxIterations?: number;
  /**
   * Stop once the largest shift of a sweep is below this; `'auto'` is
   * 1e-3 · bandwidth (as scikit-learn). With 0, all `maxIterations` sweeps
   * run.
   * @defaultValue 'auto'
   */
  tolerance?: number | 'auto';
  /**
   * How points move; see {@link MeanShiftUpdate}.
   * @defaultValue 'inPlace'
   */
  update?: MeanShiftUpdate;
  /**
   * What computes the sweeps; see {@link MeanShiftStepEngine}.
   * @defaultValue 'auto'
   */
  engine?: MeanShiftStepEngine;
  /**
   * Converged points closer than this to a cluster's first point join it;
   * `'auto'` is the bandwidth.
   * @defaultValue 'auto'
   */
  mergeRadius?: number | 'auto';
  /**
   * Use only each point's nearest neighbours, found by this index builder
   * (e.g. `(p) => buildSpillForestIndex(p)` from `@lesson11/lsh-ann`):
   * `meanShift` then runs {@link neighborMeanShift}, in `'blurring'` mode
   * unless `update` says `'nonBlurring'` (where the index is built once);
   * `batchSize` and `engine` do not apply. `undefined`: dense sweeps.
   * @defaultValue undefined
   */
  neighborIndex?: NeighborIndexBuilder;
  /**
   * k, the neighbours of each update when `neighborIndex` is given.
   * @defaultValue 50
   */
  neighbors?: number;
  /**
   * Receives `stage: 'shift'` events (`completed` sweeps, `maxShift`) and a
   * `'merge'` event.
   * @defaultValue undefined
   */
  onProgress?: ProgressCallback;
  /**
   * Where warnings go.
   * @defaultValue DEFAULT_LOGGER
   */
  logger?: Logger;
}

/** Defaults of {@link meanShift}. */
export const MEAN_SHIFT_DEFAULTS = Object.freeze({
  bandwidth: 2.5,
  batchSize: 500,
  maxIterations: 300,
  tolerance: 'auto',
  update: 'inPlace',
  engine: 'auto',
  mergeRadius: 'auto',
  neighborIndex: undefined,
  neighbors: 50,
  onProgress: undefined,
  logger: DEFAULT_LOGGER,
} as const satisfies Required<
  Omit<MeanShiftOptions, 'onProgress' | 'neighborIndex'>
> & {
  onProgress: undefined;
  neighborIndex: undefined;
});

/** Options with every field set and `'auto'` resolved. */
export interface ResolvedMeanShiftOptions {
  bandwidth: number;
  batchSize: number;
  maxIterations: number;
  tolerance: number;
  update: MeanShiftUpdate;
  engine: MeanShiftStepEngine;
  mergeRadius: number;
  onProgress: ProgressCallback | undefined;
  logger: Logger;
}

function autoOr(rule: OptionRule): OptionRule {
  return {
    must: `${rule.must}, or "auto"`,
    kind: rule.kind,
    test: (value) => value === 'auto' || rule.test(value),
  };
}

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

const RULES: OptionRules<MeanShiftOptions> = {
  bandwidth: numberRule({ min: 0, minExclusive: true }),
  batchSize: integerRule({ min: 1 }),
  maxIterations: integerRule({ min: 1 }),
  tolerance: autoOr(numberRule({ min: 0 })),
  update: oneOfRule(['inPlace', 'blurring', 'nonBlurring']),
  engine: oneOfRule(['auto', 'tfjs', 'fused', 'plain']),
  mergeRadius: autoOr(numberRule({ min: 0 })),
  neighborIndex: OPTIONAL_FUNCTION_RULE,
  neighbors: integerRule({ min: 1 }),
  onProgress: OPTIONAL_FUNCTION_RULE,
  logger: LOGGER_RULE,
};

/**
 * Merges options over {@link MEAN_SHIFT_DEFAULTS}, checks each field and
 * resolves `'auto'`.
 *
 * @throws TypeError or RangeError naming the field and the value.
 */
export function resolveMeanShiftOptions(
  options: MeanShiftOptions = {},
  functionName = 'meanShift',
): ResolvedMeanShiftOptions {
  const merged = resolveOptions<MeanShiftOptions>(
    functionName,
    options,
    MEAN_SHIFT_DEFAULTS,
    RULES,
  ) as Required<Omit<MeanShiftOptions, 'onProgress'>> &
    Pick<MeanShiftOptions, 'onProgress'>;
  return {
    bandwidth: merged.bandwidth,
    batchSize: merged.batchSize,
    maxIterations: merged.maxIterations,
    tolerance:
      merged.tolerance === 'auto' ? 1e-3 * merged.bandwidth : merged.tolerance,
    update: merged.update,
    engine: merged.engine,
    mergeRadius:
      merged.mergeRadius === 'auto' ? merged.bandwidth : merged.mergeRadius,
    onProgress: merged.onProgress,
    logger: merged.logger,
  };
}
