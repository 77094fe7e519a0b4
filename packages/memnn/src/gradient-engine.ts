import * as tf from '@tensorflow/tfjs-core';

import type { ResolvedMemN2NConfig } from './config.js';
import { FusedMemN2N } from './fused-cpu.js';
import type { MemN2NArrays } from './fused-cpu.js';
import {
  batchTensors,
  memn2nForward,
  memn2nLoss,
  toTensorParameters,
} from './memn2n-tfjs.js';
import type { TensorParameters } from './memn2n-tfjs.js';
import { listParameters } from './parameters.js';
import type { MemN2NParameters } from './parameters.js';

/**
 * Where gradients are computed: `'fused'` (plain TypeScript, one example at a
 * time; fastest for these small models) or `'tfjs'` (the active tfjs
 * backend, e.g. a GPU).
 */
export type EngineName = 'fused' | 'tfjs';

/** Loss and gradients of a batch, summed over its examples. */
export interface GradientEngine {
  /**
   * Adds the summed loss gradients of examples `indices` of `data` to
   * `gradients`.
   * @returns The summed loss and the number of correct answers.
   */
  accumulate(
    parameters: MemN2NParameters,
    gradients: MemN2NParameters,
    data: MemN2NArrays,
    indices: ArrayLike<number>,
    linear: boolean,
  ): Promise<{ loss: number; correct: number }>;
}

/** The index of the largest value. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! > values[best]!) best = i;
  }
  return best;
}

/** The fused CPU engine. */
export function fusedEngine(config: ResolvedMemN2NConfig): GradientEngine {
  const model = new FusedMemN2N(config);
  return {
    accumulate(parameters, gradients, data, indices, linear) {
      let loss = 0;
      let correct = 0;
      for (let r = 0; r < indices.length; r++) {
        const n = indices[r]!;
        loss += model.forward(parameters, data, n, linear);
        if (argMax(model.probabilities) === data.answers[n]) correct++;
        model.backward(parameters, gradients, data, n);
      }
      return Promise.resolve({ loss, correct });
    },
  };
}

function rebuild(shape: TensorParameters, list: tf.Tensor[]): TensorParameters {
  let i = 0;
  const next = <T extends tf.Tensor>(): T => list[i++] as T;
  return {
    tables: shape.tables.map(() => next<tf.Tensor2D>()),
    temporal: shape.temporal.map((t) => t && next<tf.Tensor2D>()),
    stateMap: shape.stateMap && next<tf.Tensor2D>(),
    answerWeights: shape.answerWeights && next<tf.Tensor2D>(),
    answerBias: shape.answerBias && next<tf.Tensor1D>(),
  };
}

/**
 * The tfjs engine: uploads the weights and the batch, differentiates
 * {@link memn2nForward} with `tf.valueAndGrads` and reads the gradients back.
 * On wasm, `gather`'s gradient needs the kernel bridge of `selectBackend`.
 */
export function tfjsEngine(config: ResolvedMemN2NConfig): GradientEngine {
  return {
    async accumulate(parameters, gradients, data, indices, linear) {
      const tensors = toTensorParameters(parameters, config);
      const flat = listParameters(tensors as never) as unknown as {
        values: tf.Tensor;
      }[];
      const batch = batchTensors(data, indices, config);
      let predicted: tf.Tensor | null = null;
      const { value, grads } = tf.valueAndGrads((...list: tf.Tensor[]) => {
        const { logits } = memn2nForward(
          rebuild(tensors, list),
          batch,
          config,
          linear,
        );
        predicted = tf.keep(tf.argMax(logits, 1));
        return memn2nLoss(logits, batch.answers);
      })(flat.map((p) => p.values));
      const targets = listParameters(gradients);
      const [loss, guesses, ...values] = await Promise.all([
        value.data(),
        (predicted as unknown as tf.Tensor).data(),
        ...grads.map((g) => g.data()),
      ]);
      tf.dispose([value, ...grads, predicted as unknown as tf.Tensor]);
      tf.dispose(Object.values(batch));
      tf.dispose(flat.map((p) => p.values));
      values.forEach((g, p) => {
        const target = targets[p]!.values;
        for (let i = 0; i < target.length; i++) target[i]! += g[i] as number;
      });
      let correct = 0;
      for (let r = 0; r < indices.length; r++) {
        if (guesses![r] === data.answers[indices[r]!]) correct++;
      }
      return { loss: loss![0] as number, correct };
    },
  };
}
