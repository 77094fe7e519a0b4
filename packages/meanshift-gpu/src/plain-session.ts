import type { FusedKernel } from './wasm-kernel.js';

/**
 * What the mean-shift drivers need from a step engine: rows to move, a
 * source that pulls them, and per-row sums (see {@link PlainSession}).
 */
export interface ShiftSession {
  readonly dimensions: number;
  /** Row-major `[m, d]` float32 rows, written by the driver. */
  readonly rowsView: Float32Array;
  /**
   * `[m, d + 1]` float64 sums of the last {@link accumulate} for its rows:
   * Σw, then per coordinate Σw(s − row) (Gaussian) or Σw·s (flat).
   */
  readonly sumsView: Float64Array;
  /** Overwrites source point `index` with `d` values of `from`. */
  setSourcePoint(index: number, from: ArrayLike<number>, offset?: number): void;
  /** Fills the sums of the given rows. */
  accumulate(rows: Int32Array): Promise<void>;
}

/**
 * The step engine in plain TypeScript, one thread, float64 sums with
 * `Math.exp` and an exact log-sum-exp shift: the fallback of the fused
 * kernel (no worker threads, or d above its limit) and its reference in
 * tests.
 */
export class PlainSession implements ShiftSession {
  readonly dimensions: number;
  readonly rowsView: Float32Array;
  readonly sumsView: Float64Array;
  private readonly source: Float32Array;
  private readonly kernel: FusedKernel;
  private readonly bandwidth: number;

  constructor(problem: {
    source: Float32Array;
    dimensions: number;
    kernel: FusedKernel;
    bandwidth: number;
    rows: number;
  }) {
    this.dimensions = problem.dimensions;
    this.source = Float32Array.from(problem.source);
    this.kernel = problem.kernel;
    this.bandwidth = problem.bandwidth;
    this.rowsView = new Float32Array(problem.rows * problem.dimensions);
    this.sumsView = new Float64Array(problem.rows * (problem.dimensions + 1));
  }

  setSourcePoint(index: number, from: ArrayLike<number>, offset = 0): void {
    for (let k = 0; k < this.dimensions; k++) {
      this.source[index * this.dimensions + k] = from[offset + k] as number;
    }
  }

  accumulate(rows: Int32Array): Promise<void> {
    const d = this.dimensions;
    const n = this.source.length / d;
    const h2 = this.bandwidth * this.bandwidth;
    const squared = new Float64Array(n);
    for (const row of rows) {
      let nearest = Infinity;
      for (let j = 0; j < n; j++) {
        let d2 = 0;
        for (let k = 0; k < d; k++) {
          const v =
            (this.source[j * d + k] as number) -
            (this.rowsView[row * d + k] as number);
          d2 += v * v;
        }
        squared[j] = d2;
        nearest = Math.min(nearest, d2);
      }
      const out = row * (d + 1);
      this.sumsView.fill(0, out, out + d + 1);
      for (let j = 0; j < n; j++) {
        const d2 = squared[j] as number;
        const w =
          this.kernel === 'flat'
            ? Number(d2 <= h2)
            : Math.exp(-(d2 - nearest) / (2 * h2));
        if (w === 0) continue;
        this.sumsView[out] = (this.sumsView[out] as number) + w;
        for (let k = 0; k < d; k++) {
          const s = this.source[j * d + k] as number;
          const value =
            this.kernel === 'flat'
              ? s
              : s - (this.rowsView[row * d + k] as number);
          this.sumsView[out + 1 + k] =
            (this.sumsView[out + 1 + k] as number) + w * value;
        }
      }
    }
    return Promise.resolve();
  }
}
