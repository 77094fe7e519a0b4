import type { MeanShiftStep } from './mean-shift.js';
import { openShiftSession } from './open-session.js';
import type { ResolvedMeanShiftOptions } from './options.js';

/**
 * Gaussian mean shift sweep by sweep on the fused CPU step (or its plain
 * fallback), with the same update modes, batches and results as the tfjs
 * path of `meanShiftSteps` (within float32 rounding and the kernel's 3e-6
 * exponential).
 *
 * - `'inPlace'`: each batch reads the live points, then is written back
 *   into them before the next batch;
 * - `'blurring'`: all rows read the sweep's starting points, which are
 *   replaced at the end of the sweep;
 * - `'nonBlurring'`: all rows read the original points, which never move.
 */
export async function* fusedMeanShiftSteps(
  data: Float32Array,
  dimensions: number,
  options: ResolvedMeanShiftOptions,
  engine: 'fused' | 'plain',
): AsyncGenerator<MeanShiftStep, void, undefined> {
  const d = dimensions;
  const n = data.length / d;
  const session = openShiftSession({
    source: data,
    dimensions: d,
    kernel: 'gaussian',
    bandwidth: options.bandwidth,
    rows: n,
    engine,
  });
  const rows = session.rowsView;
  rows.set(data);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const batchSize = options.update === 'inPlace' ? options.batchSize : n;

  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const startMs = performance.now();
    let largest2 = 0;
    for (let lo = 0; lo < n; lo += batchSize) {
      const hi = Math.min(n, lo + batchSize);
      await session.accumulate(all.subarray(lo, hi));
      const sums = session.sumsView;
      for (let i = lo; i < hi; i++) {
        const weight = sums[i * (d + 1)] as number;
        let shift2 = 0;
        for (let k = 0; k < d; k++) {
          const step = (sums[i * (d + 1) + 1 + k] as number) / weight;
          const old = rows[i * d + k] as number;
          rows[i * d + k] = old + step;
          shift2 += ((rows[i * d + k] as number) - old) ** 2;
        }
        largest2 = Math.max(largest2, shift2);
        if (options.update === 'inPlace')
          session.setSourcePoint(i, rows, i * d);
      }
    }
    if (options.update === 'blurring') {
      for (let i = 0; i < n; i++) session.setSourcePoint(i, rows, i * d);
    }
    const maxShift = Math.sqrt(largest2);
    yield {
      iteration,
      maxShift,
      elapsedMs: performance.now() - startMs,
      converged: maxShift < options.tolerance,
      readPoints: () => Promise.resolve(Float32Array.from(rows)),
    };
    if (maxShift < options.tolerance) return;
  }
}
