import { Random } from '@lesson11/tensor';
import type { PointMatrix } from '@lesson11/tensor';

import { projectRows } from './projection.js';
import type { ProjectionMode } from './projection.js';

/**
 * A cheap lower bound on squared distances: every point's coordinates on r
 * orthonormal principal directions (P), and the norm of what is left over
 * (|a − Pᵀ P a|). For an orthonormal P,
 * |a − b|² = |P a − P b|² + |ra − rb|² ≥ |P a − P b|² + (|ra| − |rb|)²,
 * so a pair whose bound already exceeds both points' current k-th distance
 * can be skipped without computing its d-dimensional distance.
 */
export interface PairBound {
  /** Principal directions kept. */
  r: number;
  /** `[n, r]` coordinates on the directions. */
  coordinates: Float32Array;
  /** `[n]` norm of each point's residual. */
  residuals: Float64Array;
}

/** Rows sampled to estimate the covariance. */
const SAMPLE_ROWS = 2000;
/** Subspace-iteration steps. */
const ITERATIONS = 12;

/**
 * Builds the bound's coordinates from the top-r principal directions of a
 * sample of the points (covariance of `SAMPLE_ROWS` evenly spaced rows,
 * subspace iteration from seeded Gaussian starts).
 *
 * @remarks O(m·d² + ITERATIONS·d²·r) for the directions (m sampled rows)
 *   plus the `[n, d] × [d, r]` projection on the tfjs backend (`mode`).
 *   Float32 coordinates make the bound approximate by about 1e-6 relative;
 *   callers leave a small slack.
 */
export async function buildPairBound(
  points: PointMatrix,
  r: number,
  mode: ProjectionMode,
  seed: number,
): Promise<PairBound> {
  const { data, rows: n, columns: d } = points;
  const directions = principalDirections(points, Math.min(r, d), seed);
  const kept = directions.length / d;
  const coordinates = await projectRows(points, directions, mode);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = i * d; c < (i + 1) * d; c++) {
      norm += (data[c] as number) * (data[c] as number);
    }
    let projected = 0;
    for (let c = i * kept; c < (i + 1) * kept; c++) {
      projected += (coordinates[c] as number) * (coordinates[c] as number);
    }
    residuals[i] = Math.sqrt(Math.max(0, norm - projected));
  }
  return { r: kept, coordinates, residuals };
}

/** `[r, d]` orthonormal top principal directions (row-major). */
function principalDirections(
  points: PointMatrix,
  r: number,
  seed: number,
): Float32Array {
  const { data, rows: n, columns: d } = points;
  const m = Math.min(n, SAMPLE_ROWS);
  const mean = new Float64Array(d);
  const sample = new Float64Array(m * d);
  for (let s = 0; s < m; s++) {
    const row = Math.floor((s * n) / m);
    for (let c = 0; c < d; c++) {
      const value = data[row * d + c] as number;
      sample[s * d + c] = value;
      mean[c] = (mean[c] as number) + value / m;
    }
  }
  for (let s = 0; s < m; s++) {
    for (let c = 0; c < d; c++) {
      sample[s * d + c] = (sample[s * d + c] as number) - (mean[c] as number);
    }
  }
  // Covariance, upper triangle then mirrored.
  const cov = new Float64Array(d * d);
  for (let s = 0; s < m; s++) {
    const at = s * d;
    for (let a = 0; a < d; a++) {
      const x = sample[at + a] as number;
      if (x === 0) continue;
      const rowAt = a * d;
      for (let b = a; b < d; b++) {
        cov[rowAt + b] =
          (cov[rowAt + b] as number) + x * (sample[at + b] as number);
      }
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a] as number;
  }
  const random = new Random(seed);
  let q = new Float64Array(r * d);
  for (let i = 0; i < q.length; i++) q[i] = random.normal();
  orthonormalizeRows(q, r, d);
  for (let step = 0; step < ITERATIONS; step++) {
    const next = new Float64Array(r * d);
    for (let j = 0; j < r; j++) {
      for (let a = 0; a < d; a++) {
        let sum = 0;
        const rowAt = a * d;
        for (let b = 0; b < d; b++) {
          sum += (cov[rowAt + b] as number) * (q[j * d + b] as number);
        }
        next[j * d + a] = sum;
      }
    }
    orthonormalizeRows(next, r, d);
    q = next;
  }
  return Float32Array.from(q);
}

/** Modified Gram–Schmidt on the rows of an `[r, d]` matrix, in place. */
function orthonormalizeRows(q: Float64Array, r: number, d: number): void {
  for (let j = 0; j < r; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let c = 0; c < d; c++) {
        dot += (q[j * d + c] as number) * (q[p * d + c] as number);
      }
      for (let c = 0; c < d; c++) {
        q[j * d + c] =
          (q[j * d + c] as number) - dot * (q[p * d + c] as number);
      }
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += (q[j * d + c] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < d; c++) q[j * d + c] = (q[j * d + c] as number) / norm;
  }
}
