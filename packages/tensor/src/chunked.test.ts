import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { selectBackend } from './select-backend.js';
import { chunkRanges, forEachChunk } from './chunked.js';

describe('chunkRanges', () => {
  it('covers the range in order with a short last chunk', () => {
    expect(chunkRanges(10, 4)).toEqual([
      { start: 0, end: 4, index: 0 },
      { start: 4, end: 8, index: 1 },
      { start: 8, end: 10, index: 2 },
    ]);
    expect(chunkRanges(0, 4)).toEqual([]);
  });

  it('rejects a chunk size below 1', () => {
    expect(() => chunkRanges(10, 0)).toThrow(
      new RangeError('chunkRanges: chunkSize must be an integer >= 1, got 0.'),
    );
  });
});

describe('forEachChunk', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'cpu' });
  });

  it('keeps at most one chunk of tensors alive and frees them all', async () => {
    const before = tf.memory().numTensors;
    const live: number[] = [];
    const sums: number[] = [];

    await forEachChunk(
      1000,
      300,
      ({ start, end }) => {
        const rows = tf.range(start, end);
        return tf.sum(tf.mul(rows, 2));
      },
      async (sum) => {
        live.push(tf.memory().numTensors - before);
        sums.push((await sum.data())[0]!);
      },
    );

    expect(sums).toEqual([89_700, 269_700, 449_700, 189_900]);
    expect(Math.max(...live)).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
