import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

import { resolveMemN2NConfig } from './config.js';
import { FusedMemN2N } from './fused-cpu.js';
import type { MemN2NArrays } from './fused-cpu.js';
import {
  batchTensors,
  memn2nForward,
  memn2nLoss,
  toTensorParameters,
} from './memn2n-tfjs.js';
import { zeroParameters } from './parameters.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// A 1-hop model worked by hand: V = 3 (pad, a, b), d = 2, bag of words,
// adjacent tying (B = A = E0, C = W^T = E1), no temporal encoding.
const CONFIG = resolveMemN2NConfig({
  vocabularySize: 3,
  memorySize: 2,
  embeddingDim: 2,
  hops: 1,
  positionEncoding: false,
  temporalEncoding: false,
});
const PARAMETERS = zeroParameters(CONFIG);
PARAMETERS.tables[0]!.set([0, 0, 1, 0, 0, 1]);
PARAMETERS.tables[1]!.set([0, 0, 2, 0, 0, -1]);
// Story: slot 0 = "a", slot 1 = "b"; question "a"; answer "b".
const DATA: MemN2NArrays = {
  count: 1,
  memorySize: 2,
  sentenceLength: 1,
  questionLength: 1,
  stories: Int32Array.from([1, 2]),
  storyLengths: Int32Array.from([2]),
  questions: Int32Array.from([1]),
  answers: Int32Array.from([2]),
};
// u = [1, 0]; scores = [1, 0]; p = [e, 1] / (e + 1) = [0.731059, 0.268941];
// o = 2 p0 [1, 0] + p1 [0, −1] = [1.462117, −0.268941]; u + o =
// [2.462117, −0.268941]; logits = E1 (u + o) = [0, 4.924234, 0.268941];
// loss = logsumexp(logits) − 0.268941 = 4.671933.
const ATTENTION = [0.731059, 0.268941];
const LOGITS = [0, 4.924234, 0.268941];
const LOSS = 4.671933;

describe('memn2nForward', () => {
  it('matches the hand-computed tiny model', () => {
    const tensors = toTensorParameters(PARAMETERS, CONFIG);
    const batch = batchTensors(DATA, [0], CONFIG);

    const { logits, attention } = memn2nForward(tensors, batch, CONFIG);
    const loss = memn2nLoss(logits, batch.answers);

    Array.from(logits.dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(LOGITS[i]!, 5),
    );
    Array.from(attention[0]!.dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(ATTENTION[i]!, 5),
    );
    expect(loss.dataSync()[0]).toBeCloseTo(LOSS, 5);
    tf.dispose([logits, loss, ...attention, ...Object.values(batch)]);
    tf.dispose([...tensors.tables]);
  });

  it('leaks no tensors inside tf.tidy', () => {
    const tensors = toTensorParameters(PARAMETERS, CONFIG);
    const before = tf.memory().numTensors;

    tf.tidy(() => {
      const batch = batchTensors(DATA, [0], CONFIG);
      memn2nForward(tensors, batch, CONFIG, true);
    });

    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...tensors.tables]);
  });
});

describe('FusedMemN2N', () => {
  it('matches the hand-computed tiny model', () => {
    const model = new FusedMemN2N(CONFIG);

    const loss = model.forward(PARAMETERS, DATA, 0);

    expect(loss).toBeCloseTo(LOSS, 5);
    expect(model.attention[0]).toBeCloseTo(ATTENTION[0]!, 6);
    expect(model.attention[1]).toBeCloseTo(ATTENTION[1]!, 6);
  });
});
