import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, expectTypeOf, it } from 'vitest';

import {
  adjustedRandIndex,
  forEachChunk,
  makeBlobs,
  selectBackend,
  squaredEuclideanDistances,
} from './index.js';
import type { BackendSelection, Blobs, PointsInput } from './index.js';

describe('@lesson11/tensor public API', () => {
  it('has the documented types', () => {
    expectTypeOf(
      selectBackend,
    ).returns.resolves.toEqualTypeOf<BackendSelection>();
    expectTypeOf(makeBlobs).returns.toEqualTypeOf<Blobs>();
    expectTypeOf(adjustedRandIndex).returns.toBeNumber();
    expectTypeOf<number[][]>().toMatchTypeOf<PointsInput>();
  });

  it('runs the TSDoc examples', async () => {
    const selection = await selectBackend({ backend: 'cpu' });
    expect(selection.backend).toBe('cpu');

    const blobs = makeBlobs({ clusters: 3, pointsPerCluster: 10, seed: 1 });
    expect(blobs.points.length).toBe(3 * 10 * 2);

    expect(adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2])).toBe(1);

    const d2 = squaredEuclideanDistances(
      tf.tensor2d([[0, 0]]),
      tf.tensor2d([[3, 4]]),
    );
    expect(d2.dataSync()[0]).toBeCloseTo(25, 4);

    const sums: number[] = [];
    await forEachChunk(
      10,
      4,
      (c) => tf.scalar(c.end - c.start),
      async (t) => {
        sums.push((await t.data())[0]!);
      },
    );
    expect(sums).toEqual([4, 4, 2]);
  });
});
