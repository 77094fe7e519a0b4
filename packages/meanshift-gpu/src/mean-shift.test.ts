import * as tf from '@tensorflow/tfjs-core';
import {
  makeBlobs,
  Random,
  selectBackend,
  SILENT_LOGGER,
} from '@lesson11/tensor';
import { adjustedRandIndex } from '@lesson11/tensor';
import { beforeAll, describe, expect, it } from 'vitest';

import { meanShift, meanShiftSteps } from './mean-shift.js';
import type { MeanShiftStepEngine, MeanShiftUpdate } from './options.js';
import { meanShiftReference } from './reference.js';

function randomPoints(seed: number, n: number, d: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: n * d }, () => random.uniform(-4, 4));
}

const UPDATES: MeanShiftUpdate[] = ['inPlace', 'blurring', 'nonBlurring'];
const ENGINES: MeanShiftStepEngine[] = ['tfjs', 'fused', 'plain'];

describe.each(['cpu', 'wasm'] as const)('meanShift on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend({ backend });
  });

  it.each(
    UPDATES.flatMap((update) =>
      ENGINES.map((engine) => [update, engine] as const),
    ),
  )('matches the plain-loop reference (%s, %s)', async (update, engine) => {
    const d = 3;
    const data = randomPoints(4, 37, d);
    const options = { bandwidth: 1.5, batchSize: 8, update };

    const result = await meanShift(
      { data, rows: 37, columns: d },
      {
        ...options,
        engine,
        maxIterations: 4,
        tolerance: 0,
        logger: SILENT_LOGGER,
      },
    );
    const expected = meanShiftReference(data, d, { ...options, iterations: 4 });

    expect(result.iterations).toBe(4);
    for (let k = 0; k < expected.length; k++) {
      // float32 matrix-product distances against a float64 loop: coordinates
      // of size 4 agree to a few 1e-5.
      expect(Math.abs(result.shiftedPoints[k]! - expected[k]!)).toBeLessThan(
        1e-4,
      );
    }
  });

  it('finds the notebook blobs and frees its tensors', async () => {
    const blobs = makeBlobs({ seed: 38, pointsPerCluster: 100 });
    const before = tf.memory().numTensors;

    const result = await meanShift(
      { data: blobs.points, rows: blobs.n, columns: 2 },
      { bandwidth: 2.5, engine: 'tfjs' },
    );

    expect(tf.memory().numTensors).toBe(before);
    expect(result.clusterCenters.length / 2).toBe(6);
    expect(result.converged).toBe(true);
    expect(adjustedRandIndex(blobs.labels, result.labels)).toBe(1);
    expect(Array.from(result.clusterSizes)).toEqual([
      100, 100, 100, 100, 100, 100,
    ]);
  });
});

describe('meanShift', () => {
  beforeAll(async () => {
    await selectBackend({ backend: 'cpu' });
  });

  it('gives the same clusters on cpu and wasm', async () => {
    const blobs = makeBlobs({ seed: 5, pointsPerCluster: 60, clusters: 4 });
    const input = { data: blobs.points, rows: blobs.n, columns: 2 };

    const onCpu = await meanShift(input, { bandwidth: 2, engine: 'tfjs' });
    await selectBackend({ backend: 'wasm' });
    const onWasm = await meanShift(input, { bandwidth: 2, engine: 'tfjs' });
    await selectBackend({ backend: 'cpu' });

    expect(Array.from(onWasm.labels)).toEqual(Array.from(onCpu.labels));
    for (let k = 0; k < onCpu.clusterCenters.length; k++) {
      expect(
        Math.abs(onWasm.clusterCenters[k]! - onCpu.clusterCenters[k]!),
      ).toBeLessThan(1e-3);
    }
  });

  it('stops early once the largest shift is below the tolerance', async () => {
    const points = [[0], [0.5], [1], [10], [10.5]];

    const result = await meanShift(points, {
      bandwidth: 1,
      maxIterations: 100,
    });
    const fixed = await meanShift(points, {
      bandwidth: 1,
      maxIterations: 7,
      tolerance: 0,
    });

    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(100);
    expect(fixed.iterations).toBe(7);
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 1, 1]);
  });

  it('makes in-place results depend on the batch size, blurring ones not', async () => {
    const data = randomPoints(8, 30, 2);
    const input = { data, rows: 30, columns: 2 };
    const run = (update: MeanShiftUpdate, batchSize: number) =>
      meanShift(input, {
        bandwidth: 1.5,
        batchSize,
        update,
        maxIterations: 3,
        tolerance: 0,
      });

    const inPlace = [await run('inPlace', 5), await run('inPlace', 30)];
    const blurring = [await run('blurring', 5), await run('blurring', 30)];

    const gap = (a: Float32Array, b: Float32Array) =>
      Math.max(...a.map((v, k) => Math.abs(v - b[k]!)));
    expect(
      gap(inPlace[0]!.shiftedPoints, inPlace[1]!.shiftedPoints),
    ).toBeGreaterThan(1e-3);
    expect(
      gap(blurring[0]!.shiftedPoints, blurring[1]!.shiftedPoints),
    ).toBeLessThan(1e-5);
  });

  it('yields each sweep and frees its tensors when the caller stops', async () => {
    const before = tf.memory().numTensors;
    const shifts: number[] = [];

    const input = { data: randomPoints(2, 40, 2), rows: 40, columns: 2 };

    for await (const step of meanShiftSteps(input, { bandwidth: 1 })) {
      shifts.push(step.maxShift);
      expect((await step.readPoints()).length).toBe(80);
      if (step.iteration === 3) break;
    }

    expect(shifts).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports progress per sweep and at the merge', async () => {
    const stages: string[] = [];

    await meanShift([[0], [1], [5]], {
      bandwidth: 1,
      onProgress: (event) => stages.push(event.stage),
    });

    expect(stages[0]).toBe('shift');
    expect(stages.at(-1)).toBe('merge');
  });

  it('names the field and the value of bad input', async () => {
    await expect(meanShift([[0, 1]], { bandwidth: 0 })).rejects.toThrow(
      new RangeError(
        'meanShift: bandwidth must be a finite number > 0, got 0.',
      ),
    );
    await expect(meanShift([[0, 1]], { bandwidth: -2 })).rejects.toThrow(
      new RangeError(
        'meanShift: bandwidth must be a finite number > 0, got -2.',
      ),
    );
    await expect(meanShift([[0, Number.NaN]])).rejects.toThrow(
      new RangeError(
        'meanShift: points[0][1] must be a finite number, got NaN.',
      ),
    );
    await expect(
      meanShift([
        [0, 1],
        [Infinity, 1],
      ]),
    ).rejects.toThrow(
      new RangeError(
        'meanShift: points[1][0] must be a finite number, got Infinity.',
      ),
    );
    await expect(meanShift([])).rejects.toThrow(
      new RangeError(
        'meanShift: points must hold at least one point with at least one coordinate, got [].',
      ),
    );
    await expect(meanShift([[0, 1], [2]])).rejects.toThrow(
      new RangeError(
        'meanShift: points[1] must have 2 coordinates like points[0], got 1.',
      ),
    );
    await expect(meanShift([[0]], { bandwith: 2 } as never)).rejects.toThrow(
      TypeError,
    );
  });
});
