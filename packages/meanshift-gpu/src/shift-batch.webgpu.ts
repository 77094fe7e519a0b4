import * as tf from '@tensorflow/tfjs-core';
import type {
  WebGPUBackend,
  WebGPUProgram,
} from '@tensorflow/tfjs-backend-webgpu';

/** The tfjs kernel name of the fused Gaussian step (webgpu backend only). */
export const FUSED_SHIFT_KERNEL = 'MeanShiftFusedGaussianStep';

type WebGpuUtil = {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(
    layout: { x: number[] },
    shape: number[],
    workgroupSize: [number, number, number],
  ): [number, number, number];
};

/**
 * One invocation per row: it streams over all source points with an online
 * (running-minimum) log-sum-exp, like a fused attention kernel, so neither
 * the distances nor the weights are ever stored.
 */
class FusedShiftProgram implements WebGPUProgram {
  variableNames = ['rows', 'source'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'scale : f32, count : i32, batch : i32,';
  private readonly dimensions: number;

  constructor(batch: number, dimensions: number, util: WebGpuUtil) {
    this.dimensions = dimensions;
    this.outputShape = [batch, dimensions];
    this.shaderKey = `meanShiftFused_${dimensions}`;
    this.dispatchLayout = util.flatDispatchLayout([batch]);
    this.dispatch = util.computeDispatch(
      this.dispatchLayout,
      [batch],
      this.workgroupSize,
    );
  }

  getUserCode(): string {
    const d = this.dimensions;
    // w = exp((d² − m)·scale), m the smallest d² so far; when a nearer point
    // appears, the sums so far are rescaled by exp((m_old − m_new)·scale).
    return `
      fn main(index : i32) {
        if (index >= uniforms.batch) {
          return;
        }
        var row : array<f32, ${d}>;
        var sums : array<f32, ${d}>;
        for (var k = 0; k < ${d}; k++) {
          row[k] = getRows(index, k);
          sums[k] = 0.0;
        }
        var nearest = 3.0e38;
        var total = 0.0;
        for (var j = 0; j < uniforms.count; j++) {
          var diff : array<f32, ${d}>;
          var d2 = 0.0;
          for (var k = 0; k < ${d}; k++) {
            diff[k] = getSource(j, k) - row[k];
            d2 = d2 + diff[k] * diff[k];
          }
          if (d2 < nearest) {
            let factor = exp((nearest - d2) * uniforms.scale);
            total = total * factor;
            for (var k = 0; k < ${d}; k++) {
              sums[k] = sums[k] * factor;
            }
            nearest = d2;
          }
          let w = exp((d2 - nearest) * uniforms.scale);
          total = total + w;
          for (var k = 0; k < ${d}; k++) {
            sums[k] = sums[k] + w * diff[k];
          }
        }
        for (var k = 0; k < ${d}; k++) {
          setOutputAtCoords(index, k, row[k] + sums[k] / total);
        }
      }
    `;
  }
}

/**
 * Registers {@link FUSED_SHIFT_KERNEL} on the webgpu backend (once). Call it
 * only when that backend is active: the backend package reads
 * `navigator.gpu` when it loads.
 */
export async function registerWebGpuShiftKernel(): Promise<void> {
  if (tf.getKernel(FUSED_SHIFT_KERNEL, 'webgpu') !== undefined) return;
  const { webgpu_util: util } = await import('@tensorflow/tfjs-backend-webgpu');
  tf.registerKernel({
    kernelName: FUSED_SHIFT_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { rows, source } = inputs as {
        rows: tf.TensorInfo;
        source: tf.TensorInfo;
      };
      const bandwidth = (attrs as { bandwidth: number }).bandwidth;
      const [batch, d] = rows.shape as [number, number];
      const program = new FusedShiftProgram(batch, d, util);
      return (backend as WebGPUBackend).runWebGPUProgram(
        program,
        [rows, source],
        'float32',
        [
          { type: 'float32', data: [-0.5 / (bandwidth * bandwidth)] },
          { type: 'int32', data: [source.shape[0] as number] },
          { type: 'int32', data: [batch] },
        ],
      );
    },
  });
}

/**
 * The fused Gaussian step on WebGPU: the same result as
 * `gaussianShiftBatch`, from one custom shader that never stores the b × n
 * weights. Requires {@link registerWebGpuShiftKernel} first.
 *
 * @param rows - `[b, d]` float32 points to move.
 * @param source - `[n, d]` float32 points that pull them.
 * @param bandwidth - h > 0.
 * @returns `[b, d]` float32 moved rows; the caller disposes it.
 */
export function fusedGaussianShiftBatch(
  rows: tf.Tensor2D,
  source: tf.Tensor2D,
  bandwidth: number,
): tf.Tensor2D {
  return tf
    .engine()
    .runKernel(
      FUSED_SHIFT_KERNEL,
      { rows, source },
      { bandwidth },
    ) as tf.Tensor2D;
}
