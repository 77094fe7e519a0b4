import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs, Random, selectBackend } from '@lesson11/tensor';
import { afterAll, describe, expect, it } from 'vitest';

import {
  gaussianDirections,
  projectRows,
  resolveProjectionMode,
} from './projection.js';

const BLOBS = makeBlobs({
  clusters: 3,
  pointsPerCluster: 40,
  dimensions: 20,
  seed: 2,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 20 };
const DIRECTIONS = gaussianDirections(new Random(1), 12, 20);

afterAll(async () => {
  await tf.setBackend('cpu');
});

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    // float32 sums of 20 products of values up to ~40: 1e-4 relative.
    expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(
      1e-4 * (1 + Math.abs(b[i]!)),
    );
  }
}

describe('projectRows', () => {
  it('agrees between the typed loops and a cpu matrix product', async () => {
    const typed = await projectRows(POINTS, DIRECTIONS, 'typed');
    const tensor = await projectRows(POINTS, DIRECTIONS, 'tensor');

    expectClose(tensor, typed);
    expect(typed[0]).toBeCloseTo(
      Array.from(
        { length: 20 },
        (_, c) => BLOBS.points[c]! * DIRECTIONS[c]!,
      ).reduce((s, v) => s + v),
      4,
    );
  });

  it('agrees between the typed loops and a wasm matrix product', async () => {
    await selectBackend({ backend: 'wasm' });
    const before = tf.memory().numTensors;

    const tensor = await projectRows(POINTS, DIRECTIONS, 'tensor');

    expect(tf.memory().numTensors).toBe(before);
    expect(resolveProjectionMode('auto')).toBe('tensor');
    expectClose(tensor, await projectRows(POINTS, DIRECTIONS, 'typed'));
    await tf.setBackend('cpu');
    expect(resolveProjectionMode('auto')).toBe('typed');
  });
});
