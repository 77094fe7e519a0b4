import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

import type { MemN2NConfig } from './config.js';
import type { WordWeighting } from './word-weighting.js';
import { FusedMemN2N } from './fused-cpu.js';
import { embedWords } from './fused-kernels.js';
import {
  batchTensors,
  memn2nForward,
  memn2nLoss,
  toTensorParameters,
} from './memn2n-tfjs.js';
import type { TensorParameters } from './memn2n-tfjs.js';
import {
  initParameters,
  listParameters,
  zeroParameters,
} from './parameters.js';
import { tinyArrays, tinyConfig } from './test-models.js';

const VARIANTS: [string, MemN2NConfig, boolean][] = [
  ['adjacent, PE, TE, tied (the paper)', { hops: 3 }, false],
  ['adjacent, linear start', { hops: 3 }, true],
  [
    "adjacent, PE with J = padded length (the authors' code)",
    { hops: 3, positionEncodingLength: 'padded' },
    false,
  ],
  [
    "adjacent, centred PE weighting the temporal vectors (the authors' code)",
    { hops: 3, positionEncodingForm: 'centred', emptySlots: 'nil' },
    false,
  ],
  [
    'layer-wise, H u + o, dense',
    {
      weightTying: 'layerWise',
      stateUpdate: 'mapState',
      answerLayer: 'dense',
    },
    false,
  ],
  [
    'none, read only, bag of words (notebook 1-hop)',
    {
      hops: 1,
      weightTying: 'none',
      stateUpdate: 'readOnly',
      answerLayer: 'dense',
      positionEncoding: false,
      temporalEncoding: false,
    },
    false,
  ],
  [
    "adjacent, empty slots nil (the authors' memory)",
    { hops: 3, emptySlots: 'nil' },
    false,
  ],
  ['empty slots nil, linear start', { hops: 3, emptySlots: 'nil' }, true],
  [
    'adjacent, H o + u1 (notebook 2-hop)',
    {
      stateUpdate: 'mapReadAddQuestion',
      answerLayer: 'dense',
      temporalEncoding: false,
    },
    false,
  ],
];

/**
 * tinyArrays with the first slot of every story of two or more sentences
 * blanked, as random noise leaves it: it must hold no words (and, with
 * `emptySlots: 'nil'`, no temporal vector either) in both engines.
 */
function arraysWithBlanks(count: number, seed: number) {
  const data = tinyArrays(count, seed);
  const { memorySize: s, sentenceLength: l } = data;
  for (let n = 0; n < count; n++) {
    if (data.storyLengths[n]! >= 2)
      data.stories.fill(0, n * s * l, n * s * l + l);
  }
  return data;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('FusedMemN2N', () => {
  it.each(VARIANTS)(
    'matches tfjs loss and gradients: %s',
    (_, overrides, linear) => {
      const config = tinyConfig(overrides);
      const data = arraysWithBlanks(5, 1);
      expect(data.stories.subarray(0, 3)).toEqual(new Int32Array(3));
      const parameters = initParameters(config, 7, 0.5);
      const indices = [0, 1, 2, 3, 4];

      const fused = new FusedMemN2N(config);
      const gradients = zeroParameters(config);
      let loss = 0;
      for (const n of indices) {
        loss += fused.forward(parameters, data, n, linear);
        fused.backward(parameters, gradients, data, n);
      }

      const batch = batchTensors(data, indices, config);
      const tensors = toTensorParameters(parameters, config);
      const flat = listParameters(tensors as never) as unknown as {
        values: tf.Tensor;
      }[];
      const rebuild = (list: tf.Tensor[]): TensorParameters => {
        let i = 0;
        const next = (): tf.Tensor => list[i++]!;
        return {
          tables: tensors.tables.map(() => next() as tf.Tensor2D),
          temporal: tensors.temporal.map((t) => t && (next() as tf.Tensor2D)),
          stateMap: tensors.stateMap && (next() as tf.Tensor2D),
          answerWeights: tensors.answerWeights && (next() as tf.Tensor2D),
          answerBias: tensors.answerBias && (next() as tf.Tensor1D),
        };
      };
      const { value, grads } = tf.valueAndGrads((...list: tf.Tensor[]) =>
        memn2nLoss(
          memn2nForward(rebuild(list), batch, config, linear).logits,
          batch.answers,
        ),
      )(flat.map((p) => p.values));

      // float32 sums in a different order: 1e-4 relative, 1e-5 absolute.
      expect(loss).toBeCloseTo(value.dataSync()[0]!, 4);
      listParameters(gradients).forEach(({ name, values }, p) => {
        const expected = grads[p]!.dataSync();
        for (let i = 0; i < values.length; i++) {
          const tolerance = 1e-5 + 1e-4 * Math.abs(expected[i]!);
          expect(
            Math.abs(values[i]! - expected[i]!),
            `${name}[${i}]`,
          ).toBeLessThanOrEqual(tolerance);
        }
      });
      tf.dispose([
        value,
        ...grads,
        batch as never,
        ...flat.map((p) => p.values),
      ]);
    },
  );

  it('returns the attention of the last example, zero past the story', () => {
    const config = tinyConfig();
    const data = tinyArrays(3, 2);
    const fused = new FusedMemN2N(config);

    fused.forward(initParameters(config, 1), data, 0);

    const count = data.storyLengths[0]!;
    const hop = Array.from(fused.attention.subarray(0, 4));
    expect(hop.slice(0, count).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(hop.slice(count)).toEqual(new Array(4 - count).fill(0));
  });
});

describe("emptySlots: 'nil'", () => {
  it('attends every slot; a slot without a sentence scores 0 and reads nothing', () => {
    const data = arraysWithBlanks(3, 2);
    const n = [0, 1, 2].find(
      (i) => data.storyLengths[i]! >= 2 && data.storyLengths[i]! < 4,
    )!;
    expect(n).toBeDefined();
    const nil = new FusedMemN2N(tinyConfig({ emptySlots: 'nil' }));
    const masked = new FusedMemN2N(tinyConfig());
    const parameters = initParameters(tinyConfig(), 1, 0.5);

    const lossNil = nil.forward(parameters, data, n);
    const lossMasked = masked.forward(parameters, data, n);

    const count = data.storyLengths[n]!;
    const hop = Array.from(nil.attention.subarray(0, 4));
    expect(hop.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // Slot 0 (blank) and the slots past the story all have score 0: equal weights.
    for (let i = count; i < 4; i++) expect(hop[i]).toBeCloseTo(hop[0]!, 6);
    expect(hop[count]!).toBeGreaterThan(0);
    expect(Array.from(masked.attention.subarray(count, 4))).toEqual(
      new Array(4 - count).fill(0),
    );
    expect(lossNil).not.toBeCloseTo(lossMasked, 4);
  });
});

describe('embedWords', () => {
  // Row [1, 2, 0]: two words in a row of 3; d = 2, table rows all ones.
  const ids = Int32Array.from([1, 2, 0]);
  const table = new Float32Array(3 * 2).fill(1);
  const embed = (weighting: WordWeighting): Float32Array => {
    const out = new Float32Array(2);
    embedWords(ids, 0, 3, table, out, 0, 2, weighting);
    return out;
  };

  it('weights words with J = the word count or the padded length', () => {
    const weight = (j: number, J: number, k: number): number =>
      1 - j / J - (k / 2) * (1 - (2 * j) / J);

    const sentence = embed({ form: 'paper', padded: false });
    const padded = embed({ form: 'paper', padded: true });

    for (const k of [1, 2]) {
      expect(sentence[k - 1]).toBeCloseTo(weight(1, 2, k) + weight(2, 2, k), 6);
      expect(padded[k - 1]).toBeCloseTo(weight(1, 3, k) + weight(2, 3, k), 6);
    }
    expect(padded[1]).not.toBeCloseTo(sentence[1]!, 3);
  });

  it('weights words with the centred form at a fixed J, worked by hand', () => {
    // J = 4, d = 2: l_kj = 1 + (2k − 3)(2j − 5)/8; j = 1: 1.375, 0.625;
    // j = 2: 1.125, 0.875; sums 2.5 and 1.5.
    const centred = embed({ form: 'centred', length: 4 });

    expect(centred[0]).toBeCloseTo(2.5, 6);
    expect(centred[1]).toBeCloseTo(1.5, 6);
    expect(Array.from(embed({ form: 'bag' }))).toEqual([2, 2]);
  });
});
