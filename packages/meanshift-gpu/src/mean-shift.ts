import * as tf from '@tensorflow/tfjs-core';
import { chunkRanges, throttleProgress, toPointMatrix } from '@lesson11/tensor';
import type { PointsInput } from '@lesson11/tensor';

import { assignLabels } from './assign-labels.js';
import { FUSED_MAX_DIMENSIONS } from './fused-cpu.js';
import { fusedMeanShiftSteps } from './fused-sweeps.js';
import { mergeModes } from './merge-modes.js';
import { neighborMeanShift } from './neighbor-mean-shift.js';
import { resolveMeanShiftOptions } from './options.js';
import type {
  MeanShiftOptions,
  MeanShiftStepEngine,
  ResolvedMeanShiftOptions,
} from './options.js';
import { gaussianShiftBatch, largestRowShift } from './shift-batch.js';
import {
  fusedGaussianShiftBatch,
  registerWebGpuShiftKernel,
} from './shift-batch.webgpu.js';

/** The state after one sweep, as {@link meanShiftSteps} yields it. */
export interface MeanShiftStep {
  /** Sweeps done so far, from 1. */
  iteration: number;
  /** The largest distance a point moved in this sweep. */
  maxShift: number;
  /** Wall time of this sweep, in milliseconds. */
  elapsedMs: number;
  /** Whether `maxShift` fell below the tolerance (the last step then). */
  converged: boolean;
  /**
   * Reads the moved points, row-major `[n, d]` (a new array). Valid only
   * until the generator resumes.
   */
  readPoints(): Promise<Float32Array>;
}

/** What {@link meanShift} returns. */
export interface MeanShiftResult {
  /** Row-major `[k, d]` float32 cluster centres, largest cluster first. */
  clusterCenters: Float32Array;
  /** `[n]` int32: the index of each point's cluster. */
  labels: Int32Array;
  /** `[k]` int32: points in each cluster. */
  clusterSizes: Int32Array;
  /** Row-major `[n, d]` float32: every point after the last sweep. */
  shiftedPoints: Float32Array;
  /** Sweeps run. */
  iterations: number;
  /** Whether the last sweep moved no point by more than the tolerance. */
  converged: boolean;
  /** The largest distance a point moved in the last sweep. */
  maxShift: number;
  /**
   * The step engine that ran: `'tfjs'` (the batched tensor formulation on the
   * active backend), `'fused'` (the SIMD WebAssembly kernel in worker
   * threads) or `'plain'` (TypeScript loops).
   */
  engine: 'tfjs' | 'fused' | 'plain';
  /** Wall time of each sweep, in milliseconds. */
  iterationMs: number[];
  /** d. */
  dimensions: number;
}

/**
 * Runs one sweep over all rows in batches; returns the moved points and the
 * largest shift (both tensors the caller disposes).
 */
function sweep(
  current: tf.Tensor2D,
  data: tf.Tensor2D,
  options: ResolvedMeanShiftOptions,
  step: typeof gaussianShiftBatch,
): { next: tf.Tensor2D; maxShift: tf.Scalar } {
  const [n, d] = current.shape;
  let maxShift: tf.Scalar = tf.scalar(0);
  let next = current;
  const moved: tf.Tensor2D[] = [];
  for (const { start, end } of chunkRanges(n, options.batchSize)) {
    // `out` is the moved batch, or for 'inPlace' all points with the batch
    // written back, so the next batch sees it.
    const [shift, out] = tf.tidy(() => {
      const rows = tf.slice(next, [start, 0], [end - start, d]);
      // 'inPlace' reads the live points, 'blurring' the sweep's start and
      // 'nonBlurring' the original data.
      const source =
        options.update === 'inPlace'
          ? next
          : options.update === 'blurring'
            ? current
            : data;
      const shifted = step(rows, source, options.bandwidth);
      const largest = tf.maximum(maxShift, largestRowShift(rows, shifted));
      if (options.update !== 'inPlace') {
        return [largest, shifted];
      }
      const parts = [
        tf.slice(next, [0, 0], [start, d]),
        shifted,
        tf.slice(next, [end, 0], [n - end, d]),
      ];
      return [largest, tf.concat(parts, 0)];
    }) as [tf.Scalar, tf.Tensor2D];
    maxShift.dispose();
    maxShift = shift;
    if (options.update === 'inPlace') {
      if (next !== current) next.dispose();
      next = out;
    } else {
      moved.push(out);
    }
  }
  if (options.update !== 'inPlace') {
    next = tf.concat(moved, 0);
    tf.dispose(moved);
  }
  return { next, maxShift };
}

/** Resolves `'auto'`: the fused CPU kernel on CPU backends, else tfjs. */
function chooseEngine(
  engine: MeanShiftStepEngine,
  dimensions: number,
): 'tfjs' | 'fused' | 'plain' {
  if (engine !== 'auto') return engine;
  // tf.backend() first: it starts the best registered backend if no op has
  // yet (getBackend() is undefined until then).
  tf.backend();
  const onCpu = ['cpu', 'wasm'].includes(tf.getBackend());
  return onCpu && dimensions <= FUSED_MAX_DIMENSIONS ? 'fused' : 'tfjs';
}

/**
 * Runs Gaussian mean shift sweep by sweep, yielding the state after each one,
 * so a caller can animate the points or stop early.
 *
 * Each sweep walks the rows in batches of `batchSize`, as the lesson 11
 * notebook does: a batch's distances to all points, Gaussian weights, and the
 * rows replaced by their weighted means. It stops after `maxIterations`
 * sweeps or once the largest shift of a sweep is below the tolerance.
 *
 * @param points - `[n, d]` points: rows of numbers or a float32 matrix.
 * @param options - See {@link MeanShiftOptions}.
 * @returns An async generator of {@link MeanShiftStep}s; its tensors are
 *   freed when it finishes or the caller breaks out.
 * @throws TypeError or RangeError for bad points or options (at the first
 *   `next()`).
 */
export async function* meanShiftSteps(
  points: PointsInput,
  options: MeanShiftOptions = {},
): AsyncGenerator<MeanShiftStep, void, undefined> {
  const matrix = toPointMatrix('meanShift', points);
  const resolved = resolveMeanShiftOptions(options);
  const report = throttleProgress(resolved.onProgress);
  const engine = chooseEngine(resolved.engine, matrix.columns);
  if (engine !== 'tfjs') {
    for await (const step of fusedMeanShiftSteps(
      matrix.data,
      matrix.columns,
      resolved,
      engine,
    )) {
      report({
        stage: 'shift',
        completed: step.iteration,
        total: step.converged ? step.iteration : resolved.maxIterations,
        metrics: { maxShift: step.maxShift, elapsedMs: step.elapsedMs },
      });
      yield step;
    }
    return;
  }
  // On WebGPU the step is one custom shader that streams over the points.
  let shiftBatch = gaussianShiftBatch;
  if (tf.getBackend() === 'webgpu') {
    await registerWebGpuShiftKernel();
    shiftBatch = fusedGaussianShiftBatch;
  }
  const data = tf.tensor2d(matrix.data, [matrix.rows, matrix.columns]);
  let current: tf.Tensor2D = tf.clone(data);
  try {
    for (let iteration = 1; iteration <= resolved.maxIterations; iteration++) {
      const startMs = performance.now();
      const { next, maxShift } = sweep(current, data, resolved, shiftBatch);
      current.dispose();
      current = next;
      const largest = (await maxShift.data())[0] as number;
      maxShift.dispose();
      const converged = largest < resolved.tolerance;
      const step: MeanShiftStep = {
        iteration,
        maxShift: largest,
        elapsedMs: performance.now() - startMs,
        converged,
        readPoints: async () => Float32Array.from(await current.data()),
      };
      report({
        stage: 'shift',
        completed: iteration,
        total: converged ? iteration : resolved.maxIterations,
        metrics: { maxShift: largest, elapsedMs: step.elapsedMs },
      });
      yield step;
      if (converged) break;
    }
  } finally {
    data.dispose();
    current.dispose();
  }
}

/**
 * Clusters points with Gaussian mean shift, batched so that it runs on any
 * TensorFlow.js backend, GPU included.
 *
 * With `update: 'inPlace'`, `maxIterations: 5` and `tolerance: 0` this is the
 * fast.ai lesson 11 notebook's algorithm exactly. Beyond the notebook it
 * iterates until the points stop moving, merges converged points closer than
 * `mergeRadius` into clusters and labels every point.
 *
 * @param points - `[n, d]` points: rows of numbers or a float32 matrix.
 * @param options - See {@link MeanShiftOptions}.
 * @returns Centres, labels, sizes, the moved points and the sweep count.
 * @throws TypeError or RangeError naming the field for empty, ragged or
 *   non-finite points, or for a bad option (e.g. `bandwidth <= 0`).
 * @remarks Each sweep costs O(n²·d) time; memory is O(batchSize · n), never
 *   n². The tfjs backend in use does the work.
 * @see Cheng 1995, "Mean shift, mode seeking, and clustering";
 *   Comaniciu & Meer 2002.
 * @example
 * const result = await meanShift([[0, 0], [0.1, 0], [9, 9], [9, 9.1]], {
 *   bandwidth: 1,
 * });
 * result.clusterCenters.length / 2; // 2 clusters
 */
export async function meanShift(
  points: PointsInput,
  options: MeanShiftOptions = {},
): Promise<MeanShiftResult> {
  const resolved = resolveMeanShiftOptions(options);
  if (options.neighborIndex !== undefined) {
    const update = options.update ?? 'blurring';
    if (update === 'inPlace') {
      throw new RangeError(
        'meanShift: update must be "blurring" or "nonBlurring" with a ' +
          'neighborIndex, got "inPlace".',
      );
    }
    return neighborMeanShift(points, options.neighborIndex, {
      bandwidth: resolved.bandwidth,
      neighbors: options.neighbors ?? 50,
      update,
      maxIterations: resolved.maxIterations,
      tolerance: resolved.tolerance,
      mergeRadius: resolved.mergeRadius,
      onProgress: resolved.onProgress,
      logger: resolved.logger,
    });
  }
  const matrix = toPointMatrix('meanShift', points);
  const d = matrix.columns;
  const iterationMs: number[] = [];
  let shiftedPoints = matrix.data;
  let converged = false;
  let maxShift = Infinity;
  for await (const step of meanShiftSteps(matrix, options)) {
    iterationMs.push(step.elapsedMs);
    converged = step.converged;
    maxShift = step.maxShift;
    if (step.converged || step.iteration === resolved.maxIterations) {
      shiftedPoints = await step.readPoints();
    }
  }

  const { centers, sizes } = mergeModes(shiftedPoints, d, resolved.mergeRadius);
  const labels = assignLabels(shiftedPoints, centers, d);
  resolved.onProgress?.({ stage: 'merge', completed: 1, total: 1 });
  return {
    clusterCenters: centers,
    labels,
    clusterSizes: recount(labels, sizes.length),
    shiftedPoints,
    iterations: iterationMs.length,
    converged,
    maxShift,
    engine: chooseEngine(resolved.engine, d),
    iterationMs,
    dimensions: d,
  };
}

function recount(labels: Int32Array, k: number): Int32Array {
  const sizes = new Int32Array(k);
  for (const label of labels) sizes[label] = (sizes[label] as number) + 1;
  return sizes;
}
