import {
  BOOLEAN_RULE,
  integerRule,
  nullableRule,
  numberRule,
  oneOfRule,
  OPTIONAL_FUNCTION_RULE,
  ANY_RULE,
  resolveOptions,
} from '@lesson11/tensor';
import type { Logger, OptionRules, ProgressCallback } from '@lesson11/tensor';

import type { EngineName } from './gradient-engine.js';
import type { LearningRateSchedule } from './learning-rate.js';
import type { ClipScope, OptimizerName } from './optimizer.js';
import type { MemN2NParameters } from './parameters.js';

/** Options of `trainMemN2N`; the defaults are the paper's (§4.2). */
export interface TrainMemN2NOptions {
  /** @defaultValue 100 */
  epochs?: number;
  /** @defaultValue 32 */
  batchSize?: number;
  /** @defaultValue 'sgd' */
  optimizer?: OptimizerName;
  /** The base learning rate. @defaultValue 0.01 */
  learningRate?: number;
  /** @defaultValue 'step' */
  schedule?: LearningRateSchedule;
  /** Epochs between two annealing steps (`'step'`). @defaultValue 25 */
  annealEvery?: number;
  /** Factor of each annealing step. @defaultValue 0.5 */
  annealFactor?: number;
  /** Peak rate of the `'triangular'` schedule. @defaultValue 0.05 */
  maxLearningRate?: number;
  /** Half a triangular cycle, in epochs. @defaultValue 4 */
  cycleStepEpochs?: number;
  /** Gradient l2-norm limit, `Infinity` for none. @defaultValue 40 */
  maxGradientNorm?: number;
  /**
   * Clip each matrix by its l2 norm (`'perMatrix'`), by its largest
   * singular value (`'spectral'`, as the authors' code), or all together.
   * @defaultValue 'perMatrix'
   */
  clipScope?: ClipScope;
  /**
   * `'sum'` over the batch (the paper) or `'mean'` (Keras, the notebook).
   * @defaultValue 'sum'
   */
  lossReduction?: 'sum' | 'mean';
  /**
   * Start without memory softmaxes and insert them when the validation loss
   * stops falling (§4.2).
   * @defaultValue false
   */
  linearStart?: boolean;
  /**
   * Epochs without a new best validation loss that end linear start, or
   * `null` to use {@link TrainMemN2NOptions.linearStartEpochs}.
   * @defaultValue 1
   */
  linearStartPatience?: number | null;
  /**
   * A fixed number of linear epochs (the authors' code uses 20), used when
   * the patience is null.
   * @defaultValue 20
   */
  linearStartEpochs?: number;
  /**
   * Hold the base rate during linear start and start the schedule afresh
   * when it ends, as the authors' code does (its softmax phase is a full
   * run of its own); otherwise the schedule counts from the first epoch.
   * @defaultValue false
   */
  restartScheduleAfterLinearStart?: boolean;
  /** Insert random empty memories while training (§4.1). @defaultValue false */
  randomNoise?: boolean;
  /** Largest share of empty memories per story. @defaultValue 0.1 */
  noiseFraction?: number;
  /** σ of the N(0, σ²) initialisation. @defaultValue 0.1 */
  initStd?: number;
  /** RMSprop's ρ. @defaultValue 0.9 */
  rmspropDecay?: number;
  /** RMSprop's ε. @defaultValue 1e-8 */
  rmspropEpsilon?: number;
  /** @defaultValue 'fused' */
  engine?: EngineName;
  /** Seeds initialisation, shuffling and noise. @defaultValue 0 */
  seed?: number;
  /** Start from these weights (copied) instead of a fresh draw. @defaultValue null */
  initialParameters?: MemN2NParameters | null;
  /** @defaultValue undefined */
  onProgress?: ProgressCallback;
  /** @defaultValue undefined */
  logger?: Logger;
}

/** Defaults of `trainMemN2N`. */
export const TRAIN_MEMN2N_DEFAULTS: Readonly<
  Required<Omit<TrainMemN2NOptions, 'onProgress' | 'logger'>>
> = Object.freeze({
  epochs: 100,
  batchSize: 32,
  optimizer: 'sgd',
  learningRate: 0.01,
  schedule: 'step',
  annealEvery: 25,
  annealFactor: 0.5,
  maxLearningRate: 0.05,
  cycleStepEpochs: 4,
  maxGradientNorm: 40,
  clipScope: 'perMatrix',
  lossReduction: 'sum',
  linearStart: false,
  linearStartPatience: 1,
  linearStartEpochs: 20,
  restartScheduleAfterLinearStart: false,
  randomNoise: false,
  noiseFraction: 0.1,
  initStd: 0.1,
  rmspropDecay: 0.9,
  rmspropEpsilon: 1e-8,
  engine: 'fused',
  seed: 0,
  initialParameters: null,
});

const POSITIVE = numberRule({ min: 0, minExclusive: true });
const RULES: OptionRules<Required<TrainMemN2NOptions>> = {
  epochs: integerRule({ min: 0 }),
  batchSize: integerRule({ min: 1 }),
  optimizer: oneOfRule(['sgd', 'rmsprop']),
  learningRate: POSITIVE,
  schedule: oneOfRule(['constant', 'step', 'triangular']),
  annealEvery: integerRule({ min: 1 }),
  annealFactor: numberRule({ min: 0, max: 1, minExclusive: true }),
  maxLearningRate: POSITIVE,
  cycleStepEpochs: POSITIVE,
  maxGradientNorm: numberRule({
    min: 0,
    minExclusive: true,
    allowInfinity: true,
  }),
  clipScope: oneOfRule(['perMatrix', 'spectral', 'global']),
  lossReduction: oneOfRule(['sum', 'mean']),
  linearStart: BOOLEAN_RULE,
  linearStartPatience: nullableRule(integerRule({ min: 1 })),
  linearStartEpochs: integerRule({ min: 0 }),
  restartScheduleAfterLinearStart: BOOLEAN_RULE,
  randomNoise: BOOLEAN_RULE,
  noiseFraction: numberRule({ min: 0, max: 1 }),
  initStd: POSITIVE,
  rmspropDecay: numberRule({ min: 0, max: 1, maxExclusive: true }),
  rmspropEpsilon: POSITIVE,
  engine: oneOfRule(['fused', 'tfjs']),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
  initialParameters: ANY_RULE,
  onProgress: OPTIONAL_FUNCTION_RULE,
  logger: ANY_RULE,
};

/** Options with every field but the callbacks set. */
export type ResolvedTrainOptions = Required<
  Omit<TrainMemN2NOptions, 'onProgress' | 'logger'>
> &
  Pick<TrainMemN2NOptions, 'onProgress' | 'logger'>;

/** Merges over {@link TRAIN_MEMN2N_DEFAULTS} and checks every field. */
export function resolveTrainOptions(
  options: TrainMemN2NOptions = {},
): ResolvedTrainOptions {
  return resolveOptions(
    'trainMemN2N',
    options,
    TRAIN_MEMN2N_DEFAULTS as Required<TrainMemN2NOptions>,
    RULES,
  );
}
