import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadBabiTask } from '@lesson11/babi-data/node';
import { beforeAll, describe, expect, it } from 'vitest';

import { prepareBabiData } from './babi-task-data.js';
import { resolveMemN2NConfig } from './config.js';
import { evaluateMemN2N } from './evaluate.js';
import { tfjsEngine, fusedEngine } from './gradient-engine.js';
import {
  initParameters,
  listParameters,
  zeroParameters,
} from './parameters.js';
import { SHARED_DATA_DIR } from './test-paths.js';
import { tinyArrays, tinyConfig } from './test-models.js';
import { memn2nTraining, trainMemN2N } from './train.js';
import { TRAIN_MEMN2N_DEFAULTS } from './train-options.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainMemN2N', () => {
  it('has the paper defaults', () => {
    expect(TRAIN_MEMN2N_DEFAULTS).toMatchSnapshot();
  });

  it('reaches 95% test accuracy on task 1 (1k) within 25 epochs', async () => {
    const task = await loadBabiTask(SHARED_DATA_DIR, { taskId: 1 });
    const data = prepareBabiData(task.train, task.test);
    const config = resolveMemN2NConfig({
      vocabularySize: data.vocabulary.size,
      memorySize: data.memorySize,
    });

    const { parameters, history } = await trainMemN2N(config, data, {
      epochs: 25,
      seed: 1,
    });

    expect(history).toHaveLength(25);
    expect(history[24]!.loss).toBeLessThan(history[0]!.loss);
    expect(
      evaluateMemN2N(config, parameters, data.test).accuracy,
    ).toBeGreaterThanOrEqual(0.95);
  });

  it('runs linear start, random noise and the triangular schedule', async () => {
    const config = tinyConfig();
    const data = { train: tinyArrays(40, 3), validation: tinyArrays(10, 4) };

    const { history } = await trainMemN2N(config, data, {
      epochs: 4,
      linearStart: true,
      linearStartPatience: null,
      linearStartEpochs: 2,
      randomNoise: true,
      schedule: 'triangular',
      learningRate: 0.001,
      maxLearningRate: 0.01,
      cycleStepEpochs: 1,
    });

    expect(history.map((m) => m.linear)).toEqual([true, true, false, false]);
    // A half cycle of one epoch: each epoch starts at the base or the peak.
    history.forEach((m, e) =>
      expect(m.learningRate).toBeCloseTo([0.001, 0.01, 0.001, 0.01][e]!, 12),
    );
    expect(history.every((m) => Number.isFinite(m.loss))).toBe(true);
  });

  it('starts the step schedule afresh after linear start when asked', async () => {
    const config = tinyConfig();
    const data = { train: tinyArrays(40, 3), validation: tinyArrays(10, 4) };
    const options = {
      epochs: 6,
      learningRate: 0.008,
      annealEvery: 2,
      linearStart: true,
      linearStartPatience: null,
      linearStartEpochs: 3,
    };

    const restarted = await trainMemN2N(config, data, {
      ...options,
      restartScheduleAfterLinearStart: true,
    });
    const shared = await trainMemN2N(config, data, options);

    // Linear epochs 1-3 hold 0.008; the softmax phase counts from epoch 4.
    expect(restarted.history.map((m) => m.learningRate)).toEqual([
      0.008, 0.008, 0.008, 0.008, 0.008, 0.004,
    ]);
    expect(shared.history.map((m) => m.learningRate)).toEqual([
      0.008, 0.008, 0.004, 0.004, 0.002, 0.002,
    ]);
    expect(restarted.history.map((m) => m.linear)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('gives the same weights on the tfjs and the fused engine', async () => {
    const config = tinyConfig({ hops: 3 });
    const data = { train: tinyArrays(20, 5), validation: null };
    const before = tf.memory().numTensors;

    const fused = await trainMemN2N(config, data, { epochs: 2, batchSize: 8 });
    const tfjs = await trainMemN2N(config, data, {
      epochs: 2,
      batchSize: 8,
      engine: 'tfjs',
    });

    expect(tf.memory().numTensors).toBe(before);
    const a = listParameters(fused.parameters);
    listParameters(tfjs.parameters).forEach(({ values }, p) => {
      values.forEach((v, i) => expect(v).toBeCloseTo(a[p]!.values[i]!, 4));
    });
  });

  it('rejects linear start with patience but no validation set', async () => {
    const steps = memn2nTraining(
      tinyConfig(),
      { train: tinyArrays(4, 1), validation: null },
      {
        linearStart: true,
      },
    );

    await expect(steps.next()).rejects.toThrow(
      'trainMemN2N: linearStartPatience needs a validation set, got null. ' +
        'Try linearStartPatience: null.',
    );
  });

  it('rejects a bad option with the full message', async () => {
    const steps = memn2nTraining(
      tinyConfig(),
      { train: tinyArrays(4, 1), validation: null },
      {
        optimizer: 'adam' as 'sgd',
      },
    );

    await expect(steps.next()).rejects.toThrow(
      'trainMemN2N: optimizer must be one of "sgd", "rmsprop", got "adam".',
    );
  });
});

describe('tfjsEngine', () => {
  it('adds the same gradients as the fused engine and leaks nothing', async () => {
    const config = tinyConfig();
    const data = tinyArrays(6, 2);
    const parameters = initParameters(config, 3);
    const fromFused = zeroParameters(config);
    const fromTfjs = zeroParameters(config);
    const before = tf.memory().numTensors;

    const a = await fusedEngine(config).accumulate(
      parameters,
      fromFused,
      data,
      [0, 2, 5],
      false,
    );
    const b = await tfjsEngine(config).accumulate(
      parameters,
      fromTfjs,
      data,
      [0, 2, 5],
      false,
    );

    expect(tf.memory().numTensors).toBe(before);
    expect(b.loss).toBeCloseTo(a.loss, 4);
    expect(b.correct).toBe(a.correct);
    const expected = listParameters(fromFused);
    listParameters(fromTfjs).forEach(({ values }, p) =>
      values.forEach((v, i) =>
        expect(v).toBeCloseTo(expected[p]!.values[i]!, 4),
      ),
    );
  });
});
