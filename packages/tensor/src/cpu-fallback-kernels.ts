import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/**
 * Kernels the wasm backend of tfjs 4.22.0 lacks that training needs: the
 * gradient of `gather` (embeddings) is `UnsortedSegmentSum`, and the
 * gradient of a convolution's filter is `Conv2DBackpropFilter`.
 */
export const WASM_MISSING_TRAINING_KERNELS: readonly string[] = Object.freeze([
  'UnsortedSegmentSum',
  'Conv2DBackpropFilter',
]);

/** The few methods of the wasm backend that kernels written here use. */
export interface HostBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
}

/**
 * Registers, for each named kernel that `backendName` lacks, a kernel that
 * copies its inputs to a private cpu backend, runs the cpu backend's kernel
 * there and copies the outputs back.
 *
 * A fresh cpu backend serves each call, so whatever intermediates the cpu
 * kernel leaves behind are freed with it and nothing leaks on either side.
 * Kernels the backend already has are left alone, so a later tfjs that adds
 * them wins.
 *
 * @param backendName - The backend to patch; it must offer `readSync` and
 *   `makeOutput` (the wasm backend does).
 * @param kernelNames - Kernels to bridge.
 * @returns The kernels that were bridged by this call.
 * @throws RangeError when the cpu backend has no such kernel either.
 * @remarks Each call copies its inputs and outputs once, so a bridged kernel
 *   costs O(size of its tensors) more than a native one. That is small next
 *   to the gradients it makes possible.
 */
export function registerCpuFallbackKernels(
  backendName: string,
  kernelNames: readonly string[] = WASM_MISSING_TRAINING_KERNELS,
): string[] {
  const bridged: string[] = [];
  for (const kernelName of kernelNames) {
    if (tf.getKernel(kernelName, backendName) !== undefined) {
      continue;
    }
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (cpuKernel === undefined) {
      throw new RangeError(
        `registerCpuFallbackKernels: kernelNames must name cpu kernels, ` +
          `got ${JSON.stringify(kernelName)}.`,
      );
    }
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) =>
        runOnCpu(cpuKernel, inputs, backend as unknown as HostBackend, attrs),
    });
    bridged.push(kernelName);
  }
  return bridged;
}

function runOnCpu(
  cpuKernel: tf.KernelConfig,
  inputs: tf.NamedTensorInfoMap,
  host: HostBackend,
  attrs: tf.NamedAttrMap | undefined,
): tf.TensorInfo | tf.TensorInfo[] {
  const cpu = new MathBackendCPU();
  // NOTE: tfjs-backend-cpu 4.22.0 prints advice to install tfjs-node on the
  // first write of every new instance; this private flag turns that off. The
  // test "prints nothing" fails if a later version renames it.
  (cpu as unknown as { firstUse: boolean }).firstUse = false;
  try {
    const cpuInputs: tf.NamedTensorInfoMap = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info === undefined) continue;
      const values = host.readSync(info.dataId);
      cpuInputs[name] = {
        dataId: cpu.write(values, info.shape, info.dtype),
        shape: info.shape,
        dtype: info.dtype,
      };
    }
    const result = cpuKernel.kernelFunc({
      inputs: cpuInputs,
      backend: cpu,
      attrs: attrs ?? {},
    });
    const outputs = Array.isArray(result) ? result : [result];
    const copied = outputs.map((info) =>
      host.makeOutput(
        info.shape,
        info.dtype,
        undefined,
        cpu.readSync(info.dataId),
      ),
    );
    return Array.isArray(result) ? copied : (copied[0] as tf.TensorInfo);
  } finally {
    cpu.dispose();
  }
}
