import * as tf from '@tensorflow/tfjs-core';
import { makeBlobs, Random, selectBackend } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { meanShift } from './mean-shift.js';
import { meanShiftReference } from './reference.js';
import { gaussianShiftBatch } from './shift-batch.js';
import {
  fusedGaussianShiftBatch,
  registerWebGpuShiftKernel,
} from './shift-batch.webgpu.js';

// Software drivers (lavapipe, llvmpipe) run WebGPU here, for correctness
// only; without any adapter the suite is skipped.
const hasWebGpu = await selectBackend({ backend: 'webgpu' }).then(
  () => true,
  () => false,
);
if (!hasWebGpu) {
  process.stderr.write('shift-batch.webgpu.test: skipped, no WebGPU adapter\n');
}

describe.skipIf(!hasWebGpu)('fusedGaussianShiftBatch (webgpu)', () => {
  it('agrees with the tfjs formulation on random inputs, rows far away too', async () => {
    await registerWebGpuShiftKernel();
    const random = new Random(1);
    const source = tf.tensor2d(
      Float32Array.from({ length: 300 * 3 }, () => random.uniform(-4, 4)),
      [300, 3],
    );
    const rows = tf.tensor2d(
      Float32Array.from({ length: 50 * 3 }, () => random.uniform(-30, 30)),
      [50, 3],
    );
    const before = tf.memory().numTensors;

    const fused = fusedGaussianShiftBatch(rows, source, 1.2);
    const batched = gaussianShiftBatch(rows, source, 1.2);
    const [a, b] = [await fused.data(), await batched.data()];
    tf.dispose([fused, batched]);

    expect(tf.memory().numTensors).toBe(before);
    for (let k = 0; k < a.length; k++) {
      // float32 sums in a different order, exp on different hardware paths.
      expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-4);
    }
    tf.dispose([rows, source]);
  });

  it('runs meanShift with it and matches the plain-loop reference', async () => {
    const blobs = makeBlobs({ seed: 38, pointsPerCluster: 20 });
    const options = {
      bandwidth: 2.5,
      batchSize: 50,
      update: 'inPlace' as const,
    };

    const result = await meanShift(
      { data: blobs.points, rows: blobs.n, columns: 2 },
      { ...options, maxIterations: 3, tolerance: 0, engine: 'tfjs' },
    );
    const expected = meanShiftReference(blobs.points, 2, {
      ...options,
      iterations: 3,
    });

    for (let k = 0; k < expected.length; k++) {
      expect(Math.abs(result.shiftedPoints[k]! - expected[k]!)).toBeLessThan(
        1e-3,
      );
    }
  });
});
