import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { emitShiftKernel } from './wasm-kernel.js';
import { addMemory, addModule, runTask } from './workers/shift-worker.mjs';
import type { FusedKernel } from './wasm-kernel.js';

/**
 * Source points grouped into cells for the flat kernel: a row skips every
 * cell whose ball (centroid, radius) lies farther than the bandwidth.
 */
export interface SourceCells {
  /** `[n]` the source row of each point, in cell order. */
  order: Int32Array;
  /** `[c + 1]` where each cell starts in `order`. */
  starts: Int32Array;
  /** Row-major `[c, d]` cell centroids. */
  centroids: Float32Array;
  /** `[c]` largest distance from a centroid to a point of its cell. */
  radii: Float32Array;
}

/** What a {@link FusedSession} works on. */
export interface FusedProblem {
  /** Row-major `[n, d]` float32 points that pull the rows. */
  source: Float32Array;
  dimensions: number;
  kernel: FusedKernel;
  bandwidth: number;
  /** The number of rows (query points) m. */
  rows: number;
  /** Cells of the source (flat kernel only), or null to scan all points. */
  cells?: SourceCells | null;
}

/** A compiled module (opaque here; workers instantiate it). */
type WasmModule = object;
/** A shared WebAssembly memory. */
interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}

/**
 * The part of the WebAssembly API used here. Node 20 has it as a global, but
 * TypeScript declares it only in the DOM lib, which this repo leaves out.
 */
export const WASM = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => WasmModule;
      Memory: new (descriptor: {
        initial: number;
        maximum: number;
        shared: boolean;
      }) => WasmMemory;
      validate(bytes: Uint8Array): boolean;
    };
  }
).WebAssembly;

/** The largest d the fused kernel is emitted for. */
export const FUSED_MAX_DIMENSIONS = 64;

/** A far coordinate for the padding points: its weight is always 0. */
const FAR = 1e15;
const PAGE = 65536;

interface PoolWorker {
  worker: Worker;
  modules: Set<string>;
}

let pool: PoolWorker[] | null = null;
const compiled = new Map<string, WasmModule>();
let nextId = 1;
let nextSession = 1;
let queue: Promise<unknown> = Promise.resolve();

/** The number of worker threads the fused step uses. */
export function fusedThreadCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** The worker threads: one fewer than the threads, the main thread helps. */
function workers(): PoolWorker[] {
  if (pool === null) {
    const url = new URL('./workers/shift-worker.mjs', import.meta.url);
    pool = Array.from({ length: fusedThreadCount() - 1 }, () => {
      const worker = new Worker(url);
      worker.unref();
      return { worker, modules: new Set<string>() };
    });
  }
  return pool;
}

function request(entry: PoolWorker, message: object): Promise<void> {
  const id = nextId++;
  const { worker } = entry;
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.unref();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onMessage = (reply: { id: number; error?: string }) => {
      if (reply.id !== id) return;
      finish(
        reply.error === undefined
          ? undefined
          : new Error(`fused mean-shift step: ${reply.error}`),
      );
    };
    // A crashed worker is replaced by a fresh pool on the next call.
    const onError = (error: Error) => {
      pool = null;
      finish(
        new Error('fused mean-shift step: a worker failed', { cause: error }),
      );
    };
    worker.ref();
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ ...message, type: 'run', id });
  });
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * One problem laid out in a shared WebAssembly memory that every worker
 * reads: the source in coordinate-major order (padded to a multiple of 4
 * per cell), the rows row-major, and d + 1 float64 accumulators per row.
 * Workers stream each row over the source with the SIMD kernel of
 * `wasm-kernel.ts`; the batch × n weights are never stored.
 *
 * NOTE: sessions run one at a time (a module-level queue); the workers are
 * shared and unref'd while idle, so they never keep the process alive.
 */
export class FusedSession {
  readonly memory: WasmMemory;
  readonly dimensions: number;
  readonly rowCount: number;
  private readonly key: string;
  private readonly layout: Record<string, number>;
  private readonly task: Record<string, unknown>;
  /** Source index → position in the padded source (for updates). */
  private readonly slot: Int32Array;

  constructor(problem: FusedProblem) {
    const d = problem.dimensions;
    const n = problem.source.length / d;
    this.dimensions = d;
    this.rowCount = problem.rows;
    this.key = `${d}:${problem.kernel}`;
    const cells = problem.cells ?? null;
    const starts = cells?.starts ?? Int32Array.of(0, n);
    const cellCount = starts.length - 1;
    const padded = new Int32Array(cellCount + 1);
    for (let c = 0; c < cellCount; c++) {
      const size = (starts[c + 1] as number) - (starts[c] as number);
      padded[c + 1] = (padded[c] as number) + Math.ceil(size / 4) * 4;
    }
    const stride = Math.max(4, padded[cellCount] as number);

    // 1. Lay out the memory.
    let at = 0;
    const take = (bytes: number) => ((at += align(bytes)), at - align(bytes));
    const sourcePtr = take(4 * d * stride);
    const centroidPtr = take(4 * d * cellCount);
    const radiusPtr = take(4 * cellCount);
    const rangePtr = take(8 * cellCount);
    const rowPtr = take(4 * d * problem.rows);
    const outPtr = take(8 * (d + 1) * problem.rows);
    const pages = Math.ceil(at / PAGE) + 1;
    this.memory = new WASM.Memory({
      initial: pages,
      maximum: pages,
      shared: true,
    });
    this.layout = { sourcePtr, rowPtr, outPtr, stride };

    // 2. Copy the source in, cell by cell, padding with far points.
    const f32 = new Float32Array(this.memory.buffer);
    const ranges = new Int32Array(this.memory.buffer, rangePtr, 2 * cellCount);
    f32.fill(FAR, sourcePtr / 4, sourcePtr / 4 + d * stride);
    this.slot = new Int32Array(n);
    for (let c = 0; c < cellCount; c++) {
      const first = padded[c] as number;
      ranges[2 * c] = first;
      ranges[2 * c + 1] = padded[c + 1] as number;
      for (let p = starts[c] as number; p < (starts[c + 1] as number); p++) {
        const index = cells === null ? p : (cells.order[p] as number);
        const position = first + p - (starts[c] as number);
        this.slot[index] = position;
        for (let k = 0; k < d; k++) {
          f32[sourcePtr / 4 + k * stride + position] = problem.source[
            index * d + k
          ] as number;
        }
      }
    }
    if (cells !== null) {
      f32.set(cells.centroids, centroidPtr / 4);
      f32.set(cells.radii, radiusPtr / 4);
    }

    const log2e = Math.LOG2E;
    const h2 = problem.bandwidth * problem.bandwidth;
    const session = nextSession++;
    this.task = {
      session,
      key: this.key,
      kernel: problem.kernel,
      dimensions: d,
      sourcePtr,
      stride,
      end: stride,
      count: n,
      rowPtr,
      outPtr,
      scale: problem.kernel === 'gaussian' ? -log2e / (2 * h2) : h2,
      cells:
        cells === null
          ? null
          : {
              count: cellCount,
              centroidPtr,
              radiusPtr,
              rangePtr,
              reach: problem.bandwidth,
            },
    };
    let module = compiled.get(this.key);
    if (module === undefined) {
      module = new WASM.Module(emitShiftKernel(d, problem.kernel));
      compiled.set(this.key, module);
    }
    addMemory(session, this.memory);
    addModule(this.key, module);
    for (const entry of workers()) {
      entry.worker.postMessage({
        type: 'memory',
        session,
        memory: this.memory,
      });
      if (!entry.modules.has(this.key)) {
        entry.worker.postMessage({ type: 'module', key: this.key, module });
        entry.modules.add(this.key);
      }
    }
  }

  /** A float32 view of the rows, row-major `[m, d]` (shared memory). */
  get rowsView(): Float32Array {
    const { rowPtr } = this.layout as { rowPtr: number };
    return new Float32Array(
      this.memory.buffer,
      rowPtr,
      this.rowCount * this.dimensions,
    );
  }

  /**
   * A float64 view of the accumulators, `[m, d + 1]`: Σw, then Σw(s − row)
   * per coordinate, for the rows of the last {@link accumulate}.
   */
  get sumsView(): Float64Array {
    const { outPtr } = this.layout as { outPtr: number };
    return new Float64Array(
      this.memory.buffer,
      outPtr,
      this.rowCount * (this.dimensions + 1),
    );
  }

  /** Overwrites source point `index` (row-major `[d]` values from `from`). */
  setSourcePoint(index: number, from: ArrayLike<number>, offset = 0): void {
    const { sourcePtr, stride } = this.layout as Record<string, number>;
    const f32 = new Float32Array(this.memory.buffer);
    const position = this.slot[index] as number;
    for (let k = 0; k < this.dimensions; k++) {
      f32[sourcePtr! / 4 + k * stride! + position] = from[offset + k] as number;
    }
  }

  /**
   * Accumulates the weighted sums of the given rows over the whole source,
   * split across the threads (row i to thread i mod T; the main thread runs
   * its share synchronously, so it blocks the event loop for that long).
   */
  accumulate(rows: Int32Array): Promise<void> {
    const run = async () => {
      const entries = workers();
      const parts = [...entries, null].map(() => [] as number[]);
      rows.forEach((row, i) => parts[i % parts.length]!.push(row));
      const pending = entries.map((entry, t) =>
        parts[t]!.length === 0
          ? Promise.resolve()
          : request(entry, {
              task: { ...this.task, rows: Int32Array.from(parts[t]!) },
            }),
      );
      // The main thread takes the last share while the workers run.
      runTask({ ...this.task, rows: parts.at(-1)! });
      await Promise.all(pending);
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }
}
