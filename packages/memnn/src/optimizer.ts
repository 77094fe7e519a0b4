import type { NamedParameter } from './parameters.js';

/** The update rule: plain SGD (the paper) or RMSprop (the notebook). */
export type OptimizerName = 'sgd' | 'rmsprop';

/** Settings of {@link Optimizer}. */
export interface OptimizerSettings {
  optimizer: OptimizerName;
  /** RMSprop's decay ρ of the squared-gradient average (Keras: 0.9). */
  rmspropDecay: number;
  /** RMSprop's ε against division by zero. */
  rmspropEpsilon: number;
  /** Gradient norm limit, `Infinity` for none. */
  maxGradientNorm: number;
  /**
   * `'perMatrix'`: each weight array is rescaled on its own when its l2
   * (Frobenius) norm exceeds the limit (the paper, §4.2); `'spectral'`: the
   * same per array with its largest singular value, which is what the
   * authors' MATLAB `norm` of a matrix computes; `'global'`: all arrays
   * together, as PyTorch's `clip_grad_norm_` does.
   */
  clipScope: ClipScope;
  /**
   * Columns of each weight matrix (the embedding size d), for
   * `'spectral'`; arrays whose length it does not divide, and the answer
   * bias, count as vectors.
   * @defaultValue 1
   */
  matrixColumns?: number;
}

/** How gradients are clipped; see {@link OptimizerSettings.clipScope}. */
export type ClipScope = 'perMatrix' | 'spectral' | 'global';

function squaredNorm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

function scale(values: Float32Array, factor: number): void {
  for (let i = 0; i < values.length; i++) values[i]! *= factor;
}

/**
 * Rescales gradients whose l2 norm exceeds the limit, in place.
 *
 * @returns The norm before clipping (global norm of all arrays).
 */
export function clipGradients(
  gradients: readonly NamedParameter[],
  maxNorm: number,
  scope: ClipScope,
  matrixColumns = 1,
): number {
  const norms = gradients.map(({ values }) => Math.sqrt(squaredNorm(values)));
  const total = Math.sqrt(norms.reduce((sum, n) => sum + n * n, 0));
  if (maxNorm === Infinity) return total;
  if (scope === 'global') {
    if (total > maxNorm) {
      for (const { values } of gradients) scale(values, maxNorm / total);
    }
    return total;
  }
  gradients.forEach(({ name, values }, i) => {
    // σ_max ≤ the l2 norm: below the limit there is nothing to compute.
    const isMatrix =
      scope === 'spectral' &&
      norms[i]! > maxNorm &&
      name !== 'answerBias' &&
      matrixColumns > 1 &&
      values.length % matrixColumns === 0;
    const norm = isMatrix
      ? spectralNorm(values, values.length / matrixColumns, matrixColumns)
      : norms[i]!;
    if (norm > maxNorm) scale(values, maxNorm / norm);
  });
  return total;
}

/**
 * The largest singular value of a row-major [rows, columns] matrix, by
 * power iteration on GᵀG (columns × columns) in float64.
 *
 * @param iterations - Power steps; the estimate approaches σ_max from below.
 * @example
 * spectralNorm(Float32Array.from([3, 0, 0, 4]), 2, 2); // 4
 */
export function spectralNorm(
  values: Float32Array,
  rows: number,
  columns: number,
  iterations = 30,
): number {
  const gram = new Float64Array(columns * columns);
  for (let r = 0; r < rows; r++) {
    const row = r * columns;
    for (let a = 0; a < columns; a++) {
      const x = values[row + a]!;
      if (x === 0) continue;
      for (let b = a; b < columns; b++) {
        gram[a * columns + b]! += x * values[row + b]!;
      }
    }
  }
  for (let a = 0; a < columns; a++) {
    for (let b = 0; b < a; b++) gram[a * columns + b] = gram[b * columns + a]!;
  }
  // Start from the column norms (never orthogonal to the top direction
  // unless the matrix is 0).
  let v = new Float64Array(columns);
  for (let a = 0; a < columns; a++) v[a] = Math.sqrt(gram[a * columns + a]!);
  let eigenvalue = 0;
  for (let step = 0; step < iterations; step++) {
    let length = 0;
    for (let a = 0; a < columns; a++) length += v[a]! * v[a]!;
    length = Math.sqrt(length);
    if (length === 0) return 0;
    const next = new Float64Array(columns);
    for (let a = 0; a < columns; a++) {
      let sum = 0;
      for (let b = 0; b < columns; b++) sum += gram[a * columns + b]! * v[b]!;
      next[a] = sum / length;
    }
    // Rayleigh quotient vᵀ(GᵀG)v / vᵀv with v normalised.
    let quotient = 0;
    for (let a = 0; a < columns; a++) quotient += (v[a]! / length) * next[a]!;
    eigenvalue = quotient;
    v = next;
  }
  return Math.sqrt(Math.max(0, eigenvalue));
}

/** Applies gradients to weight arrays: SGD or RMSprop, with clipping. */
export class Optimizer {
  readonly settings: OptimizerSettings;
  readonly #squares: Float32Array[];

  constructor(
    settings: OptimizerSettings,
    parameters: readonly NamedParameter[],
  ) {
    this.settings = settings;
    this.#squares =
      settings.optimizer === 'rmsprop'
        ? parameters.map(({ values }) => new Float32Array(values.length))
        : [];
  }

  /**
   * Clips the gradients, then updates the weights in place.
   *
   * @param parameters - The weights, same order as at construction.
   * @param gradients - Matching gradients; clipped in place.
   * @param learningRate - This step's rate.
   * @returns The gradient norm before clipping.
   */
  step(
    parameters: readonly NamedParameter[],
    gradients: readonly NamedParameter[],
    learningRate: number,
  ): number {
    const { maxGradientNorm, clipScope, rmspropDecay, rmspropEpsilon } =
      this.settings;
    const norm = clipGradients(
      gradients,
      maxGradientNorm,
      clipScope,
      this.settings.matrixColumns ?? 1,
    );
    parameters.forEach(({ values }, p) => {
      const gradient = gradients[p]!.values;
      const squares = this.#squares[p];
      if (squares === undefined) {
        for (let i = 0; i < values.length; i++) {
          values[i]! -= learningRate * gradient[i]!;
        }
        return;
      }
      for (let i = 0; i < values.length; i++) {
        const g = gradient[i]!;
        squares[i] = rmspropDecay * squares[i]! + (1 - rmspropDecay) * g * g;
        values[i]! -=
          (learningRate * g) / (Math.sqrt(squares[i]!) + rmspropEpsilon);
      }
    });
    return norm;
  }
}
