import { Random } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { fromCheckpoint, toCheckpoint } from './checkpoint.js';
import {
  MEMN2N_CONFIG_DEFAULTS,
  resolveMemN2NConfig,
  tableLayout,
} from './config.js';
import { learningRateAt } from './learning-rate.js';
import type { ScheduleSettings } from './learning-rate.js';
import { clipGradients, spectralNorm } from './optimizer.js';
import { initParameters, listParameters } from './parameters.js';
import { addEmptyMemories } from './random-noise.js';
import { tinyArrays, tinyConfig } from './test-models.js';

const SCHEDULE: ScheduleSettings = {
  schedule: 'step',
  learningRate: 0.01,
  annealEvery: 25,
  annealFactor: 0.5,
  maxLearningRate: 0.05,
  cycleStepEpochs: 2,
};

describe('resolveMemN2NConfig', () => {
  it('has the paper defaults', () => {
    expect(MEMN2N_CONFIG_DEFAULTS).toMatchSnapshot();
  });

  it('rejects a bad field with the full message', () => {
    expect(() => resolveMemN2NConfig({ hops: 0 })).toThrow(
      'resolveMemN2NConfig: hops must be an integer >= 1 and <= 10, got 0.',
    );
    expect(() => resolveMemN2NConfig({ weightTying: 'rnn' as 'none' })).toThrow(
      'resolveMemN2NConfig: weightTying must be one of "adjacent", "layerWise", "none", got "rnn".',
    );
    expect(() => resolveMemN2NConfig({ emptySlots: 'zero' as 'nil' })).toThrow(
      'resolveMemN2NConfig: emptySlots must be one of "masked", "nil", got "zero".',
    );
  });

  it('lays out the tables of each tying', () => {
    expect(tableLayout(resolveMemN2NConfig({ hops: 3 }))).toEqual({
      tableCount: 4,
      question: 0,
      memoryIn: [0, 1, 2],
      memoryOut: [1, 2, 3],
    });
    expect(
      tableLayout(resolveMemN2NConfig({ hops: 2, weightTying: 'none' })),
    ).toEqual({
      tableCount: 5,
      question: 0,
      memoryIn: [1, 3],
      memoryOut: [2, 4],
    });
  });
});

describe('learningRateAt', () => {
  it('halves every 25 epochs on the step schedule', () => {
    expect([0, 24, 25, 50, 99].map((e) => learningRateAt(SCHEDULE, e))).toEqual(
      [0.01, 0.01, 0.005, 0.0025, 0.00125],
    );
  });

  it('rises and falls linearly on the triangular schedule', () => {
    const settings = { ...SCHEDULE, schedule: 'triangular' as const };
    // 10 batches per epoch, half cycle = 2 epochs = 20 batches.
    const rates = [0, 10, 20, 30, 40].map((b) =>
      learningRateAt(settings, Math.floor(b / 10), b % 10, 10),
    );

    rates.forEach((r, i) =>
      expect(r).toBeCloseTo([0.01, 0.03, 0.05, 0.03, 0.01][i]!, 12),
    );
  });
});

describe('clipGradients', () => {
  it('rescales each matrix or all together', () => {
    const make = () => [
      { name: 'a', values: Float32Array.from([3, 4]) },
      { name: 'b', values: Float32Array.from([0, 1]) },
    ];
    const perMatrix = make();
    const global = make();

    const norm = clipGradients(perMatrix, 2, 'perMatrix');
    clipGradients(global, 2, 'global');

    expect(norm).toBeCloseTo(Math.sqrt(26), 6);
    expect(Array.from(perMatrix[0]!.values)).toEqual([
      1.2000000476837158, 1.600000023841858,
    ]);
    expect(Array.from(perMatrix[1]!.values)).toEqual([0, 1]);
    expect(global[1]!.values[1]).toBeCloseTo(2 / Math.sqrt(26), 6);
  });

  it('clips a matrix by its largest singular value with spectral', () => {
    // [[3, 0], [0, 4]] has l2 norm 5 and spectral norm 4; a vector's
    // spectral norm is its l2 norm.
    const gradients = [
      { name: 'table0', values: Float32Array.from([3, 0, 0, 4]) },
      { name: 'answerBias', values: Float32Array.from([0, 6]) },
    ];
    clipGradients(gradients, 2, 'spectral', 2);
    expect(Array.from(gradients[0]!.values)).toEqual([1.5, 0, 0, 2]);
    expect(Array.from(gradients[1]!.values)).toEqual([0, 2]);
  });
});

describe('spectralNorm', () => {
  it('matches hand-computed singular values', () => {
    expect(spectralNorm(Float32Array.from([3, 0, 0, 4]), 2, 2)).toBeCloseTo(
      4,
      6,
    );
    // Rank one: u vᵀ with |u| = 3, |v| = 5 → 15.
    const u = [1, 2, 2];
    const v = [3, 4];
    const outer = Float32Array.from(u.flatMap((a) => v.map((b) => a * b)));
    expect(spectralNorm(outer, 3, 2)).toBeCloseTo(15, 5);
    // [[1, 1], [0, 1]]: σ_max = golden ratio.
    expect(spectralNorm(Float32Array.from([1, 1, 0, 1]), 2, 2)).toBeCloseTo(
      (1 + Math.sqrt(5)) / 2,
      6,
    );
    expect(spectralNorm(new Float32Array(6), 3, 2)).toBe(0);
  });

  it('lies between the largest column norm and the l2 norm on random data', () => {
    const random = new Random(5);
    const rows = 40;
    const columns = 8;
    const values = Float32Array.from({ length: rows * columns }, () =>
      random.normal(),
    );
    const sigma = spectralNorm(values, rows, columns);
    let l2 = 0;
    for (const x of values) l2 += x * x;
    const columnNorms = Array.from({ length: columns }, (_, c) => {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += values[r * columns + c]! ** 2;
      return Math.sqrt(sum);
    });
    expect(sigma).toBeGreaterThanOrEqual(Math.max(...columnNorms) - 1e-6);
    expect(sigma).toBeLessThan(Math.sqrt(l2));
  });
});

describe('addEmptyMemories', () => {
  it('keeps the sentences in order and adds at most ceil(10%) blanks', () => {
    const data = tinyArrays(30, 9);
    const indices = Array.from({ length: 30 }, (_, i) => i);

    const noisy = addEmptyMemories(data, indices, new Random(1), 0.5);

    for (let n = 0; n < 30; n++) {
      const count = data.storyLengths[n]!;
      const blanks = noisy.storyLengths[n]! - count;
      expect(blanks).toBeGreaterThanOrEqual(0);
      expect(blanks).toBeLessThanOrEqual(
        Math.min(Math.ceil(0.5 * count), 4 - count),
      );
      const rows = (a: Int32Array, i: number) =>
        Array.from(a.subarray(i * 12, i * 12 + 12));
      const kept = [0, 1, 2, 3]
        .map((s) => rows(noisy.stories, n).slice(s * 3, s * 3 + 3))
        .filter((r) => r.some((w) => w !== 0));
      const original = [0, 1, 2, 3]
        .map((s) => rows(data.stories, n).slice(s * 3, s * 3 + 3))
        .filter((r) => r.some((w) => w !== 0));
      expect(kept).toEqual(original);
    }
  });
});

describe('toCheckpoint', () => {
  it('round-trips a model through JSON', () => {
    const config = tinyConfig({
      answerLayer: 'dense',
      stateUpdate: 'mapState',
    });
    const parameters = initParameters(config, 4);

    const text = JSON.stringify(toCheckpoint(config, parameters, { epoch: 3 }));
    const restored = fromCheckpoint(JSON.parse(text));

    expect(restored.config).toEqual(config);
    expect(restored.metadata).toEqual({ epoch: 3 });
    const original = listParameters(parameters);
    listParameters(restored.parameters).forEach(({ name, values }, p) => {
      expect(name).toBe(original[p]!.name);
      expect(Array.from(values)).toEqual(Array.from(original[p]!.values));
    });
  });

  it('rejects a wrong length with the full message', () => {
    const config = tinyConfig();
    const checkpoint = toCheckpoint(config, initParameters(config, 1));
    checkpoint.parameters['table0'] = [1, 2];

    expect(() => fromCheckpoint(checkpoint)).toThrow(
      'fromCheckpoint: parameters.table0 must have 21 numbers, got 2.',
    );
  });
});
