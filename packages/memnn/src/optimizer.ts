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
   * norm exceeds the limit (the paper, §4.2); `'global'`: all together, as
   * PyTorch's `clip_grad_norm_` does.
   */
  clipScope: 'perMatrix' | 'global';
}

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
  scope: 'perMatrix' | 'global',
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
  gradients.forEach(({ values }, i) => {
    const norm = norms[i]!;
    if (norm > maxNorm) scale(values, maxNorm / norm);
  });
  return total;
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
    const norm = clipGradients(gradients, maxGradientNorm, clipScope);
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
