import { FUSED_MAX_DIMENSIONS, FusedSession } from './fused-cpu.js';
import type { MeanShiftEngine } from './fit-options.js';
import { PlainSession } from './plain-session.js';
import type { ShiftSession } from './plain-session.js';
import { buildSourceCells } from './source-cells.js';
import type { FusedKernel } from './wasm-kernel.js';

/** Below this many points the flat kernel scans them all. */
const CELL_THRESHOLD = 2048;

/**
 * Cells for n points in d dimensions: about √n / 4 (at most 256), fewer when
 * assigning the points to them (n · cells · d) would cost more than about
 * 6e7 operations, but at least 8.
 */
function cellCount(n: number, d: number): number {
  const affordable = Math.floor(6e7 / (n * d));
  return Math.max(8, Math.min(256, Math.round(Math.sqrt(n) / 4), affordable));
}

/**
 * Opens the step engine for one problem: the fused SIMD kernel in worker
 * threads when it can run (and `engine` allows), else plain TypeScript.
 * The flat kernel on many points gets source cells, so rows skip far
 * points exactly.
 *
 * @throws Error when `engine` is `'fused'` and the fused kernel cannot run.
 */
export function openShiftSession(problem: {
  source: Float32Array;
  dimensions: number;
  kernel: FusedKernel;
  bandwidth: number;
  rows: number;
  engine: MeanShiftEngine;
}): ShiftSession {
  const d = problem.dimensions;
  const n = problem.source.length / d;
  const fusable =
    d <= FUSED_MAX_DIMENSIONS && typeof SharedArrayBuffer === 'function';
  if (problem.engine === 'fused' && !fusable) {
    throw new RangeError(
      `fitMeanShift: engine "fused" needs at most ${FUSED_MAX_DIMENSIONS} ` +
        `dimensions, got ${d}. Try engine "plain".`,
    );
  }
  if (problem.engine === 'plain' || !fusable) return new PlainSession(problem);
  const cells =
    problem.kernel === 'flat' && n >= CELL_THRESHOLD
      ? buildSourceCells(problem.source, d, cellCount(n, d))
      : null;
  try {
    return new FusedSession({ ...problem, cells });
  } catch (error) {
    // No worker threads or shared memory here: 'auto' falls back.
    if (problem.engine === 'fused') throw error;
    return new PlainSession(problem);
  }
}
