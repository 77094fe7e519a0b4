// The row loop of the fused CPU step (see ../fused-cpu.ts), run in worker
// threads and, for its own share, in the main thread (which imports the
// exports below; parentPort is null there). It is plain JavaScript because
// worker_threads cannot load TypeScript through tsx or vitest. Each thread
// gets the compiled kernels and the shared memory that holds the points; a
// task moves a list of rows.
/* global WebAssembly */
import { parentPort } from 'node:worker_threads';

/** @type {WebAssembly.Memory | null} */
let memory = null;
/** @type {Map<number, WebAssembly.Memory>} sessions' memories, newest last */
const memories = new Map();
/** @type {Map<string, WebAssembly.Module>} */
const modules = new Map();
/** @typedef {(...args: number[]) => void} Kernel */
/** @type {Map<string, {accumulate: Kernel, accumulateShifted: Kernel}>} */
const kernels = new Map();

/**
 * @param {number} session
 * @param {string} key
 */
function kernelFor(session, key) {
  memory = memories.get(session) ?? null;
  let kernel = kernels.get(`${session}:${key}`);
  if (kernel === undefined) {
    const module = modules.get(key);
    if (module === undefined || memory === null) {
      throw new Error(`shift-worker: kernel ${key} was never sent`);
    }
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    kernel = /** @type {{accumulate: Kernel, accumulateShifted: Kernel}} */ (
      /** @type {unknown} */ (instance.exports)
    );
    kernels.set(`${session}:${key}`, kernel);
  }
  return kernel;
}

/**
 * The smallest squared distance from a row to the source points (for the
 * log-sum-exp shift of a row whose weights all underflowed).
 * @param {any} task
 * @param {number} row
 */
function nearestSquared(task, row) {
  const f32 = new Float32Array(/** @type {any} */ (memory).buffer);
  const base = (task.rowPtr >> 2) + row * task.dimensions;
  let best = Infinity;
  for (let j = 0; j < task.count; j++) {
    let d2 = 0;
    for (let k = 0; k < task.dimensions; k++) {
      const v =
        f32[(task.sourcePtr >> 2) + k * task.stride + j] - f32[base + k];
      d2 += v * v;
    }
    if (d2 < best) best = d2;
  }
  return best;
}

/**
 * Whether a row can reach cell c: ‖row − centroid‖ ≤ radius + reach.
 * @param {any} task
 * @param {Float32Array} f32
 * @param {number} row
 * @param {number} c
 */
function reaches(task, f32, row, c) {
  const d = task.dimensions;
  const base = (task.rowPtr >> 2) + row * d;
  const centre = (task.cells.centroidPtr >> 2) + c * d;
  let d2 = 0;
  for (let k = 0; k < d; k++) {
    const v = f32[centre + k] - f32[base + k];
    d2 += v * v;
  }
  const limit = f32[(task.cells.radiusPtr >> 2) + c] + task.cells.reach;
  return Math.sqrt(d2) <= limit * (1 + 1e-6) + 1e-6;
}

/**
 * Keeps a session's memory; forgets all but the newest four sessions.
 * @param {number} session
 * @param {WebAssembly.Memory} sharedMemory
 */
export function addMemory(session, sharedMemory) {
  memories.set(session, sharedMemory);
  for (const old of [...memories.keys()].slice(0, -4)) {
    memories.delete(old);
    for (const key of modules.keys()) kernels.delete(`${old}:${key}`);
  }
}

/**
 * Keeps a compiled kernel module under its key.
 * @param {string} key
 * @param {WebAssembly.Module} module
 */
export function addModule(key, module) {
  modules.set(key, module);
}

/**
 * Fills the sums of the task's rows.
 * @param {any} task
 */
export function runTask(task) {
  const kernel = kernelFor(task.session, task.key);
  const f64 = new Float64Array(/** @type {any} */ (memory).buffer);
  const f32 = new Float32Array(/** @type {any} */ (memory).buffer);
  const width = task.dimensions + 1;
  for (const row of task.rows) {
    const rowPtr = task.rowPtr + 4 * row * task.dimensions;
    const outPtr = task.outPtr + 8 * row * width;
    const call = (/** @type {number} */ offset) => {
      const accumulate =
        offset === 0 ? kernel.accumulate : kernel.accumulateShifted;
      f64.fill(0, outPtr >> 3, (outPtr >> 3) + width);
      if (task.cells === null) {
        accumulate(
          rowPtr,
          task.sourcePtr,
          task.stride,
          0,
          task.end,
          outPtr,
          task.scale,
          offset,
        );
        return;
      }
      const ranges = new Int32Array(f32.buffer, task.cells.rangePtr);
      for (let c = 0; c < task.cells.count; c++) {
        if (!reaches(task, f32, row, c)) continue;
        accumulate(
          rowPtr,
          task.sourcePtr,
          task.stride,
          ranges[2 * c],
          ranges[2 * c + 1],
          outPtr,
          task.scale,
          offset,
        );
      }
    };
    call(0);
    // Every weight underflowed (a row far from all points): shift the
    // exponents by the nearest squared distance, the log-sum-exp trick.
    if (task.kernel === 'gaussian' && !(f64[outPtr >> 3] > 2 ** -20)) {
      call(-task.scale * nearestSquared(task, row));
    }
  }
}

parentPort?.on('message', (message) => {
  try {
    if (message.type === 'memory') {
      addMemory(message.session, message.memory);
    } else if (message.type === 'module') {
      addModule(message.key, message.module);
    } else {
      runTask(message.task);
    }
    if (message.type === 'run') parentPort?.postMessage({ id: message.id });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: String(error) });
  }
});
