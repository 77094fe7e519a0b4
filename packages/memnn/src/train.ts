import { Random, throttleProgress } from '@lesson11/tensor';

import type { ResolvedMemN2NConfig } from './config.js';
import { evaluateMemN2N } from './evaluate.js';
import type { MemN2NArrays } from './fused-cpu.js';
import { fusedEngine, tfjsEngine } from './gradient-engine.js';
import { learningRateAt } from './learning-rate.js';
import { Optimizer } from './optimizer.js';
import {
  cloneParameters,
  initParameters,
  listParameters,
  zeroParameters,
} from './parameters.js';
import type { MemN2NParameters } from './parameters.js';
import { addEmptyMemories } from './random-noise.js';
import { resolveTrainOptions } from './train-options.js';
import type { TrainMemN2NOptions } from './train-options.js';

/** What one epoch of training did. */
export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  /** The rate of the epoch's first batch. */
  learningRate: number;
  /** Whether the epoch ran without memory softmaxes (linear start). */
  linear: boolean;
  /** Mean training loss per example, measured while training. */
  loss: number;
  /** Training accuracy measured while training. */
  accuracy: number;
  /** Validation loss and accuracy after the epoch; null with no validation set. */
  validationLoss: number | null;
  validationAccuracy: number | null;
  /** Wall time of the training part of the epoch (no evaluation). */
  elapsedMs: number;
  /** Training examples per second in the epoch. */
  examplesPerSecond: number;
}

/** The state after an epoch: its metrics and the current weights. */
export interface TrainingStep {
  metrics: EpochMetrics;
  /** NOTE: the live weights, updated in place by later epochs; clone to keep. */
  parameters: MemN2NParameters;
}

/** Training and validation examples for {@link memn2nTraining}. */
export interface TrainingData {
  train: MemN2NArrays;
  /** Examples for the validation loss (linear start) and metrics, or null. */
  validation: MemN2NArrays | null;
}

/**
 * Trains a memory network epoch by epoch, yielding after each one.
 *
 * Per batch: examples drawn by a seeded shuffle, random empty memories when
 * asked, gradients of the summed (or mean) cross-entropy, clipping, then an
 * SGD or RMSprop step at the scheduled rate (Sukhbaatar et al. 2015, §4.2).
 *
 * @param config - The architecture; its `memorySize` must be at least the
 *   data's.
 * @param data - Training and optional validation arrays.
 * @param options - See `TrainMemN2NOptions`; the defaults are the paper's.
 * @throws RangeError for a bad option or mismatched shapes; linear start
 *   with patience needs a validation set.
 * @see Sukhbaatar, Szlam, Weston, Fergus (2015), "End-To-End Memory Networks".
 */
export async function* memn2nTraining(
  config: ResolvedMemN2NConfig,
  data: TrainingData,
  options: TrainMemN2NOptions = {},
): AsyncGenerator<TrainingStep> {
  const o = resolveTrainOptions(options);
  checkShapes(config, data);
  if (
    o.linearStart &&
    o.linearStartPatience !== null &&
    data.validation === null
  ) {
    throw new RangeError(
      'trainMemN2N: linearStartPatience needs a validation set, got null. ' +
        'Try linearStartPatience: null.',
    );
  }
  const random = new Random(o.seed);
  const parameters =
    o.initialParameters === null
      ? initParameters(config, random.nextUint32(), o.initStd)
      : cloneParameters(o.initialParameters);
  const gradients = zeroParameters(config);
  const named = listParameters(parameters);
  const namedGradients = listParameters(gradients);
  const optimizer = new Optimizer(
    { ...o, matrixColumns: config.embeddingDim },
    named,
  );
  const engine =
    o.engine === 'fused' ? fusedEngine(config) : tfjsEngine(config);
  const progress = throttleProgress(o.onProgress);
  const n = data.train.count;
  const batches = Math.ceil(n / o.batchSize);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let linear = o.linearStart;
  let bestValidationLoss = Infinity;
  let stale = 0;
  // The epoch the schedule counts from (moves when linear start ends and
  // `restartScheduleAfterLinearStart` is set).
  let scheduleStart = 0;
  const restart = o.restartScheduleAfterLinearStart && o.linearStart;
  const rateAt = (epoch: number, batch: number): number =>
    restart && linear
      ? o.learningRate
      : learningRateAt(o, epoch - scheduleStart, batch, batches);

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const start = performance.now();
    const learningRate = rateAt(epoch, 0);
    shuffle(order, random);
    let loss = 0;
    let correct = 0;
    for (let b = 0; b < batches; b++) {
      const indices = order.subarray(b * o.batchSize, (b + 1) * o.batchSize);
      for (const { values } of namedGradients) values.fill(0);
      const batch = o.randomNoise
        ? addEmptyMemories(data.train, indices, random, o.noiseFraction)
        : null;
      const result = await engine.accumulate(
        parameters,
        gradients,
        batch ?? data.train,
        batch === null ? indices : batch.answers.map((_, i) => i),
        linear,
      );
      loss += result.loss;
      correct += result.correct;
      if (o.lossReduction === 'mean') {
        for (const { values } of namedGradients)
          scale(values, 1 / indices.length);
      }
      optimizer.step(named, namedGradients, rateAt(epoch, b));
      progress({
        stage: 'train',
        completed: epoch * batches + b + 1,
        total: o.epochs * batches,
        metrics: { loss: loss / ((b + 1) * o.batchSize) },
      });
    }
    const elapsedMs = performance.now() - start;
    const validation =
      data.validation === null
        ? null
        : evaluateMemN2N(config, parameters, data.validation, linear);
    const metrics: EpochMetrics = {
      epoch: epoch + 1,
      learningRate,
      linear,
      loss: loss / n,
      accuracy: correct / n,
      validationLoss: validation?.loss ?? null,
      validationAccuracy: validation?.accuracy ?? null,
      elapsedMs,
      examplesPerSecond: n / (elapsedMs / 1000),
    };
    o.logger?.debug(
      `epoch ${epoch + 1}/${o.epochs}  loss ${metrics.loss.toFixed(4)}  ` +
        `val_acc ${metrics.validationAccuracy?.toFixed(3) ?? '-'}  ` +
        `${elapsedMs.toFixed(0)} ms`,
    );

    // Linear start ends when the validation loss stops falling (§4.2), or
    // after a fixed number of epochs as in the authors' code.
    if (linear) {
      const validationLoss = validation?.loss ?? Infinity;
      stale = validationLoss < bestValidationLoss ? 0 : stale + 1;
      bestValidationLoss = Math.min(bestValidationLoss, validationLoss);
      if (
        o.linearStartPatience === null
          ? epoch + 1 >= o.linearStartEpochs
          : stale >= o.linearStartPatience
      ) {
        linear = false;
        if (restart) scheduleStart = epoch + 1;
        o.logger?.info(`linear start ended after epoch ${epoch + 1}`);
      }
    }
    yield { metrics, parameters };
  }
}

/**
 * Trains to the end and returns the final weights with every epoch's metrics.
 *
 * @returns `{ parameters, history }`; the weights belong to the caller.
 * @example
 * const { parameters, history } = await trainMemN2N(config, { train, validation });
 */
export async function trainMemN2N(
  config: ResolvedMemN2NConfig,
  data: TrainingData,
  options: TrainMemN2NOptions = {},
): Promise<{ parameters: MemN2NParameters; history: EpochMetrics[] }> {
  const history: EpochMetrics[] = [];
  let parameters: MemN2NParameters | null = options.initialParameters ?? null;
  for await (const step of memn2nTraining(config, data, options)) {
    history.push(step.metrics);
    parameters = step.parameters;
  }
  // With 0 epochs nothing was yielded: the same draw the generator makes.
  const fresh = (): MemN2NParameters =>
    initParameters(
      config,
      new Random(options.seed ?? 0).nextUint32(),
      options.initStd ?? 0.1,
    );
  return { parameters: parameters ?? fresh(), history };
}

function checkShapes(config: ResolvedMemN2NConfig, data: TrainingData): void {
  for (const [name, arrays] of [
    ['train', data.train],
    ['validation', data.validation],
  ] as const) {
    if (arrays !== null && arrays.memorySize > config.memorySize) {
      throw new RangeError(
        `trainMemN2N: data.${name}.memorySize must be <= config.memorySize ` +
          `(${config.memorySize}), got ${arrays.memorySize}.`,
      );
    }
  }
}

function shuffle(order: Int32Array, random: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
}

function scale(values: Float32Array, factor: number): void {
  for (let i = 0; i < values.length; i++) values[i]! *= factor;
}
