import * as tf from '@tensorflow/tfjs-core';
// Gradients of the core ops; `tf.grads` needs them and tfjs-core alone
// does not register them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';

import { tableLayout } from './config.js';
import { countWords } from './fused-kernels.js';
import {
  temporalWeights,
  wordWeight,
  wordWeighting,
} from './word-weighting.js';
import type { ResolvedMemN2NConfig } from './config.js';
import type { WordWeighting } from './word-weighting.js';
import type { MemN2NArrays } from './fused-cpu.js';
import type { MemN2NParameters } from './parameters.js';

/** The weights as tfjs tensors, same layout as {@link MemN2NParameters}. */
export interface TensorParameters {
  tables: tf.Tensor2D[];
  temporal: (tf.Tensor2D | null)[];
  stateMap: tf.Tensor2D | null;
  answerWeights: tf.Tensor2D | null;
  answerBias: tf.Tensor1D | null;
}

/** A batch as tfjs tensors, built by {@link batchTensors}. */
export interface TensorBatch {
  /**
   * The story words one-hot, float32 [B·S·L, V]. Embeddings are looked up
   * as a matrix product with it: its gradient is one more product, where
   * `gather`'s gradient (UnsortedSegmentSum) took seconds per batch.
   */
  stories: tf.Tensor2D;
  /** float32 [B, S, L, 1]: per word l = constant + slope · k (k = 1..d). */
  storyConstant: tf.Tensor4D;
  storySlope: tf.Tensor4D;
  /** The question words one-hot, [B·Lq, V], and their weights [B, Lq, 1]. */
  questions: tf.Tensor2D;
  questionConstant: tf.Tensor3D;
  questionSlope: tf.Tensor3D;
  /**
   * float32 [B, S]: 1 for a slot in the attention: the story's slots, or
   * every slot with `emptySlots: 'nil'`.
   */
  mask: tf.Tensor2D;
  /**
   * float32 [B, S]: 1 for a slot whose memory (embedding and temporal
   * vector) is kept: the story's slots, or with `emptySlots: 'nil'` only
   * those holding a sentence.
   */
  contentMask: tf.Tensor2D;
  /** int32 [B]. */
  answers: tf.Tensor1D;
}

/**
 * The per-word weights of rows of ids: l_kj = constant_j + slope_j · k, as
 * `weighting` gives them; 0 for padding.
 */
export function wordWeights(
  ids: Int32Array,
  rowLength: number,
  weighting: WordWeighting,
  embeddingDim: number,
): { constant: Float32Array; slope: Float32Array } {
  const constant = new Float32Array(ids.length);
  const slope = new Float32Array(ids.length);
  for (let row = 0; row < ids.length; row += rowLength) {
    const words = countWords(ids, row, rowLength);
    let j = 0;
    for (let w = 0; w < rowLength; w++) {
      if (ids[row + w] === 0) continue;
      j++;
      const weight = wordWeight(weighting, j, words, rowLength, embeddingDim);
      constant[row + w] = weight.constant;
      slope[row + w] = weight.slope;
    }
  }
  return { constant, slope };
}

/**
 * Uploads examples `indices` of `data` as a batch (caller disposes every
 * tensor, e.g. with `tf.dispose(batch)`).
 */
export function batchTensors(
  data: MemN2NArrays,
  indices: ArrayLike<number>,
  config: ResolvedMemN2NConfig,
): TensorBatch {
  const b = indices.length;
  const { memorySize: s, sentenceLength: l, questionLength: lq } = data;
  const stories = new Int32Array(b * s * l);
  const questions = new Int32Array(b * lq);
  const nil = config.emptySlots === 'nil';
  const mask = new Float32Array(b * s);
  const contentMask = new Float32Array(b * s);
  const answers = new Int32Array(b);
  for (let r = 0; r < b; r++) {
    const n = indices[r]!;
    stories.set(data.stories.subarray(n * s * l, (n + 1) * s * l), r * s * l);
    questions.set(data.questions.subarray(n * lq, (n + 1) * lq), r * lq);
    const count = Math.min(data.storyLengths[n]!, s);
    mask.fill(1, r * s, r * s + (nil ? s : count));
    for (let i = 0; i < count; i++) {
      const row = stories.subarray((r * s + i) * l, (r * s + i + 1) * l);
      contentMask[r * s + i] = !nil || row.some((id) => id !== 0) ? 1 : 0;
    }
    answers[r] = data.answers[n]!;
  }
  const d = config.embeddingDim;
  const weighting = wordWeighting(config, l, lq);
  const sw = wordWeights(stories, l, weighting, d);
  const qw = wordWeights(questions, lq, weighting, d);
  return {
    stories: oneHot(stories, config.vocabularySize),
    storyConstant: tf.tensor4d(sw.constant, [b, s, l, 1]),
    storySlope: tf.tensor4d(sw.slope, [b, s, l, 1]),
    questions: oneHot(questions, config.vocabularySize),
    questionConstant: tf.tensor3d(qw.constant, [b, lq, 1]),
    questionSlope: tf.tensor3d(qw.slope, [b, lq, 1]),
    mask: tf.tensor2d(mask, [b, s]),
    contentMask: tf.tensor2d(contentMask, [b, s]),
    answers: tf.tensor1d(answers, 'int32'),
  };
}

/** Ids as one-hot rows, float32 [ids.length, V] (padding id 0 included). */
function oneHot(ids: Int32Array, vocabularySize: number): tf.Tensor2D {
  const values = new Float32Array(ids.length * vocabularySize);
  ids.forEach((id, row) => (values[row * vocabularySize + id] = 1));
  return tf.tensor2d(values, [ids.length, vocabularySize]);
}

/** Uploads weights (caller disposes). */
export function toTensorParameters(
  parameters: MemN2NParameters,
  config: ResolvedMemN2NConfig,
): TensorParameters {
  const { vocabularySize: v, memorySize: s, embeddingDim: d } = config;
  return {
    tables: parameters.tables.map((a) => tf.tensor2d(a, [v, d])),
    temporal: parameters.temporal.map((a) => a && tf.tensor2d(a, [s, d])),
    stateMap: parameters.stateMap && tf.tensor2d(parameters.stateMap, [d, d]),
    answerWeights:
      parameters.answerWeights && tf.tensor2d(parameters.answerWeights, [v, d]),
    answerBias: parameters.answerBias && tf.tensor1d(parameters.answerBias),
  };
}

/**
 * The memory network's forward pass in tfjs, on any backend: the same
 * function as the fused CPU path (Sukhbaatar et al. 2015, §2).
 *
 * @param parameters - Weights as tensors.
 * @param batch - From {@link batchTensors}.
 * @param config - The architecture.
 * @param linear - Linear start: no memory softmax (§4.2).
 * @returns logits float32 [B, V] and the attention of every hop, float32
 *   [B, S] each (caller disposes).
 */
export function memn2nForward(
  parameters: TensorParameters,
  batch: TensorBatch,
  config: ResolvedMemN2NConfig,
  linear = false,
): { logits: tf.Tensor2D; attention: tf.Tensor2D[] } {
  const layout = tableLayout(config);
  const d = config.embeddingDim;
  const s = batch.mask.shape[1];
  const coordinates = tf.reshape(tf.range(1, d + 1), [1, 1, 1, d]);
  const storyWeights = tf.add(
    batch.storyConstant,
    tf.mul(batch.storySlope, coordinates),
  );
  const memoryMask = tf.expandDims(batch.contentMask, 2);
  const timeWeights = temporalWeights(
    wordWeighting(
      config,
      batch.storyConstant.shape[2],
      batch.questionConstant.shape[1],
    ),
    d,
  );
  const memories = new Map<number, tf.Tensor3D>();
  const memory = (t: number): tf.Tensor3D => {
    const cached = memories.get(t);
    if (cached !== undefined) return cached;
    const words = tf.reshape(tf.matMul(batch.stories, parameters.tables[t]!), [
      ...batch.storyConstant.shape.slice(0, 3),
      d,
    ]);
    let embedded: tf.Tensor = tf.sum(tf.mul(words, storyWeights), 2);
    const temporal = parameters.temporal[t];
    if (temporal) {
      let ages: tf.Tensor = tf.slice(temporal, [0, 0], [s, d]);
      if (timeWeights !== null) ages = tf.mul(ages, tf.tensor1d(timeWeights));
      embedded = tf.add(embedded, ages);
    }
    const masked = tf.mul(embedded, memoryMask) as tf.Tensor3D;
    memories.set(t, masked);
    return masked;
  };
  const questionWeights = tf.add(
    batch.questionConstant,
    tf.mul(batch.questionSlope, tf.reshape(coordinates, [1, 1, d])),
  );
  const questionWords = tf.reshape(
    tf.matMul(batch.questions, parameters.tables[layout.question]!),
    [...batch.questionConstant.shape.slice(0, 2), d],
  );
  const question = tf.sum(
    tf.mul(questionWords, questionWeights),
    1,
  ) as tf.Tensor2D;

  let state = question;
  const attention: tf.Tensor2D[] = [];
  const map = parameters.stateMap;
  for (let h = 0; h < config.hops; h++) {
    const keys = memory(layout.memoryIn[h]!);
    const scores = tf.sum(
      tf.mul(keys, tf.expandDims(state, 1)),
      2,
    ) as tf.Tensor2D;
    // Masked slots get −1e9 before the softmax, so they weigh exactly 0.
    const p = linear
      ? tf.mul(scores, batch.mask)
      : tf.softmax(tf.add(scores, tf.mul(tf.sub(batch.mask, 1), 1e9)));
    attention.push(p as tf.Tensor2D);
    const values = memory(layout.memoryOut[h]!);
    const read = tf.sum(tf.mul(values, tf.expandDims(p, 2)), 1) as tf.Tensor2D;
    switch (config.stateUpdate) {
      case 'addRead':
        state = tf.add(state, read);
        break;
      case 'mapState':
        state = tf.add(tf.matMul(state, map!, false, true), read);
        break;
      case 'readOnly':
        state = read;
        break;
      case 'mapReadAddQuestion':
        state = tf.add(tf.matMul(read, map!, false, true), question);
        break;
    }
  }
  const weights =
    config.answerLayer === 'tied'
      ? parameters.tables[layout.memoryOut[config.hops - 1]!]!
      : parameters.answerWeights!;
  let logits: tf.Tensor2D = tf.matMul(state, weights, false, true);
  if (parameters.answerBias !== null) {
    logits = tf.add(logits, parameters.answerBias) as tf.Tensor2D;
  }
  return { logits, attention };
}

/**
 * The summed cross-entropy of a batch (Sukhbaatar et al. 2015, §4.2 sums
 * over the batch), a scalar tensor (caller disposes).
 */
export function memn2nLoss(
  logits: tf.Tensor2D,
  answers: tf.Tensor1D,
): tf.Scalar {
  const labels = tf.oneHot(answers, logits.shape[1]);
  return tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(logits)))) as tf.Scalar;
}
