import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { unsortedSegmentSumValues } from './segment-sum-kernel.js';
import { selectBackend } from './select-backend.js';

describe('unsortedSegmentSumValues', () => {
  it('sums rows by segment and drops ids out of range', () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8);

    const sums = unsortedSegmentSumValues(x, [2, 0, 2, -1], 3, 2);

    expect(Array.from(sums)).toEqual([3, 4, 0, 0, 6, 8]);
  });
});

describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'wasm' });
  });

  it('agrees with the cpu backend for rows with an inner shape', async () => {
    const ids = [0, 3, 3, 1];
    const values = Array.from({ length: 4 * 3 * 2 }, (_, k) => k * 0.5 - 3);
    const run = () =>
      tf.tidy(() =>
        tf
          .unsortedSegmentSum(
            tf.tensor3d(values, [4, 3, 2]),
            tf.tensor1d(ids, 'int32'),
            5,
          )
          .arraySync(),
      );

    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');

    expect(onWasm).toEqual(onCpu);
  });
});
