import {
  integerRule,
  numberRule,
  oneOfRule,
  Random,
  resolveOptions,
} from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

/** Options of {@link splitValidation}. */
export interface SplitValidationOptions {
  /**
   * Share of the training examples held out, in [0, 1).
   * @defaultValue 0.1
   */
  fraction?: number;
  /**
   * `'last'` holds out the last examples of the file, as the authors' code
   * does per task; `'random'` draws them with `seed`, as it does for joint
   * training (Sukhbaatar et al. 2015, §4.2).
   * @defaultValue 'last'
   */
  method?: 'last' | 'random';
  /**
   * Seed of the `'random'` draw.
   * @defaultValue 0
   */
  seed?: number;
}

/** Defaults of {@link splitValidation}. */
export const SPLIT_VALIDATION_DEFAULTS: Readonly<
  Required<SplitValidationOptions>
> = Object.freeze({ fraction: 0.1, method: 'last', seed: 0 });

const RULES: OptionRules<Required<SplitValidationOptions>> = {
  fraction: numberRule({ min: 0, max: 1, maxExclusive: true }),
  method: oneOfRule(['last', 'random']),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
};

/**
 * Splits training examples into a training and a validation part. The
 * validation part has round(fraction × n) examples; both keep file order.
 *
 * @param examples - The training examples.
 * @param options - Fraction, method and seed.
 * @returns `{ train, validation }`, new arrays sharing the elements.
 * @throws TypeError or RangeError for a bad option.
 * @example
 * splitValidation([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).validation; // [10]
 */
export function splitValidation<T>(
  examples: readonly T[],
  options: SplitValidationOptions = {},
): { train: T[]; validation: T[] } {
  const { fraction, method, seed } = resolveOptions(
    'splitValidation',
    options,
    SPLIT_VALIDATION_DEFAULTS,
    RULES,
  );
  const held = Math.round(fraction * examples.length);
  if (method === 'last') {
    const cut = examples.length - held;
    return { train: examples.slice(0, cut), validation: examples.slice(cut) };
  }
  const chosen = new Uint8Array(examples.length);
  for (const index of new Random(seed).sampleIndices(examples.length, held)) {
    chosen[index] = 1;
  }
  return {
    train: examples.filter((_, index) => chosen[index] === 0),
    validation: examples.filter((_, index) => chosen[index] === 1),
  };
}
