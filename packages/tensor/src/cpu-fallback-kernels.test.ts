import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { WASM_MISSING_TRAINING_KERNELS } from './cpu-fallback-kernels.js';
import { Random } from './random.js';
import { selectBackend } from './select-backend.js';

/** Gradients of a loss through `gather` and `conv2d`, on the active backend. */
function gradients(): { embedding: Float32Array; filter: Float32Array } {
  return tf.tidy(() => {
    const random = new Random(1);
    const table = tf.tensor2d(
      Array.from({ length: 40 }, () => random.normal()),
      [10, 4],
    );
    const ids = tf.tensor1d([1, 3, 3, 7, 1], 'int32');
    const image = tf.tensor4d(
      Array.from({ length: 2 * 6 * 6 * 2 }, () => random.normal()),
      [2, 6, 6, 2],
    );
    const filter = tf.tensor4d(
      Array.from({ length: 3 * 3 * 2 * 3 }, () => random.normal()),
      [3, 3, 2, 3],
    );
    const tableVariable = tf.variable(table);
    const filterVariable = tf.variable(filter);
    const { grads } = tf.variableGrads(() => {
      const embedded = tf.sum(tf.square(tf.gather(tableVariable, ids)));
      const convolved = tf.sum(
        tf.square(tf.conv2d(image, filterVariable as tf.Tensor4D, 1, 'same')),
      );
      return tf.add(embedded, convolved) as tf.Scalar;
    });
    const result = {
      embedding: grads[tableVariable.name]!.dataSync() as Float32Array,
      filter: grads[filterVariable.name]!.dataSync() as Float32Array,
    };
    tf.dispose([grads, tableVariable, filterVariable]);
    return result;
  });
}

describe('registerCpuFallbackKernels', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'wasm' });
  });

  afterEach(() => {
    tf.disposeVariables();
  });

  it('gives wasm the kernels that embedding and conv gradients need', () => {
    for (const name of WASM_MISSING_TRAINING_KERNELS) {
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
    }
  });

  it('computes the same gradients on wasm as on cpu', async () => {
    const onWasm = gradients();
    await tf.setBackend('cpu');
    const onCpu = gradients();
    await tf.setBackend('wasm');

    for (const [a, b] of [
      [onWasm.embedding, onCpu.embedding],
      [onWasm.filter, onCpu.filter],
    ] as const) {
      expect(a.length).toBe(b.length);
      for (let k = 0; k < a.length; k++) {
        expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(
          1e-4 * (1 + Math.abs(b[k]!)),
        );
      }
    }
  });

  it('trains an embedding and a conv layer on wasm without leaking', async () => {
    const warn = vi.spyOn(console, 'warn');
    const random = new Random(2);
    const model = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: 12, outputDim: 8, inputLength: 16 }),
        tfl.layers.reshape({ targetShape: [4, 4, 8] }),
        tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const optimizer = tf.train.adam(0.01);
    model.compile({
      optimizer,
      loss: 'categoricalCrossentropy',
    });
    const ids = Array.from({ length: 64 * 16 }, () => random.integer(12));
    const classes = Array.from({ length: 64 }, (_, i) =>
      ids[i * 16]! < 6 ? [1, 0] : [0, 1],
    );
    const x = tf.tensor2d(ids, [64, 16]);
    const y = tf.tensor2d(classes);
    // The first epoch creates Adam's moment tensors, which are its state
    // between steps, not a leak; count tensors from then on.
    const first = await model.fit(x, y, {
      epochs: 1,
      batchSize: 16,
      verbose: 0,
    });
    const before = tf.memory().numTensors;

    const history = await model.fit(x, y, {
      epochs: 12,
      batchSize: 16,
      verbose: 0,
    });

    const losses = [
      ...(first.history['loss'] as number[]),
      ...(history.history['loss'] as number[]),
    ];
    expect(tf.getBackend()).toBe('wasm');
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
    expect(tf.memory().numTensors).toBe(before);
    expect(warn).not.toHaveBeenCalled();
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
    warn.mockRestore();
  });
});
