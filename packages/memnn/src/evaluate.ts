import type { ResolvedMemN2NConfig } from './config.js';
import { FusedMemN2N } from './fused-cpu.js';
import type { MemN2NArrays } from './fused-cpu.js';
import { argMax } from './gradient-engine.js';
import type { MemN2NParameters } from './parameters.js';

/** Loss and accuracy of a model on a data set. */
export interface Evaluation {
  /** Mean cross-entropy per example (natural log). */
  loss: number;
  /** Share of correct answers, in [0, 1]. */
  accuracy: number;
  /** The predicted answer id of every example, int32 [n]. */
  predictions: Int32Array;
}

/**
 * Evaluates weights on examples with the fused CPU forward pass.
 *
 * @param config - The architecture.
 * @param parameters - The weights.
 * @param data - The examples (n may be 0: loss and accuracy are then NaN).
 * @param linear - Evaluate the linear-start model (no memory softmax).
 */
export function evaluateMemN2N(
  config: ResolvedMemN2NConfig,
  parameters: MemN2NParameters,
  data: MemN2NArrays,
  linear = false,
): Evaluation {
  const model = new FusedMemN2N(config);
  const predictions = new Int32Array(data.count);
  let loss = 0;
  let correct = 0;
  for (let n = 0; n < data.count; n++) {
    loss += model.forward(parameters, data, n, linear);
    predictions[n] = argMax(model.probabilities);
    if (predictions[n] === data.answers[n]) correct++;
  }
  return {
    loss: loss / data.count,
    accuracy: correct / data.count,
    predictions,
  };
}

/** An answer with the attention that led to it. */
export interface Prediction {
  /** The predicted answer id. */
  answer: number;
  /** Probabilities over the vocabulary, [V]. */
  probabilities: number[];
  /** Attention of every hop over the memory slots, [K][S] (0 past the story). */
  attention: number[][];
}

/**
 * Answers one example and returns the attention weights of every hop.
 *
 * @param config - The architecture.
 * @param parameters - The weights.
 * @param data - The examples.
 * @param index - Which example, in [0, n).
 * @throws RangeError when the index is out of range.
 */
export function predictMemN2N(
  config: ResolvedMemN2NConfig,
  parameters: MemN2NParameters,
  data: MemN2NArrays,
  index: number,
): Prediction {
  if (!Number.isInteger(index) || index < 0 || index >= data.count) {
    throw new RangeError(
      `predictMemN2N: index must be an integer in [0, ${data.count - 1}], got ${index}.`,
    );
  }
  const model = new FusedMemN2N(config);
  model.forward(parameters, data, index);
  const s = config.memorySize;
  return {
    answer: argMax(model.probabilities),
    probabilities: Array.from(model.probabilities),
    attention: Array.from({ length: config.hops }, (_, h) =>
      Array.from(model.attention.subarray(h * s, (h + 1) * s)),
    ),
  };
}
