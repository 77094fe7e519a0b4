import * as tf from '@tensorflow/tfjs-core';

import type { HostBackend } from './cpu-fallback-kernels.js';

/**
 * Sums the rows of `x` that share a segment id: `out[s] = Σ x[i]` over the
 * i with `segmentIds[i] = s`. Ids outside [0, numSegments) are dropped, as
 * TensorFlow does.
 *
 * @param x - Values, row-major `[...segmentIds.shape, ...inner]`.
 * @param segmentIds - One id per row.
 * @param numSegments - Rows of the output.
 * @param innerSize - Values per row.
 * @returns `[numSegments · innerSize]` sums, in the type of `x`.
 * @remarks O(rows · innerSize) time: one pass, unlike tfjs-backend-cpu
 *   4.22.0, which builds a mask per segment (O(numSegments · rows ·
 *   innerSize) and five kernel calls per segment).
 */
export function unsortedSegmentSumValues(
  x: ArrayLike<number>,
  segmentIds: ArrayLike<number>,
  numSegments: number,
  innerSize: number,
): Float32Array | Int32Array {
  const out =
    x instanceof Int32Array
      ? new Int32Array(numSegments * innerSize)
      : new Float32Array(numSegments * innerSize);
  for (let row = 0; row < segmentIds.length; row++) {
    const segment = segmentIds[row] as number;
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * innerSize;
    const to = segment * innerSize;
    for (let k = 0; k < innerSize; k++) {
      out[to + k] = (out[to + k] as number) + (x[from + k] as number);
    }
  }
  return out;
}

/**
 * Registers a one-pass `UnsortedSegmentSum` (the gradient of `gather`, so of
 * every embedding) on a backend that has `readSync` and `makeOutput`, such as
 * wasm, unless the backend already has one.
 *
 * @returns Whether a kernel was registered.
 */
export function registerSegmentSumKernel(backendName: string): boolean {
  if (tf.getKernel('UnsortedSegmentSum', backendName) !== undefined) {
    return false;
  }
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const host = backend as unknown as HostBackend;
      const x = inputs['x'] as tf.TensorInfo;
      const segmentIds = inputs['segmentIds'] as tf.TensorInfo;
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const inner = x.shape.slice(segmentIds.shape.length);
      const innerSize = inner.reduce((a, b) => a * b, 1);
      const values = unsortedSegmentSumValues(
        host.readSync(x.dataId) as Float32Array,
        host.readSync(segmentIds.dataId) as Int32Array,
        numSegments,
        innerSize,
      );
      return host.makeOutput(
        [numSegments, ...inner],
        x.dtype,
        undefined,
        values,
      );
    },
  });
  return true;
}
