import {
  integerRule,
  numberRule,
  oneOfRule,
  nullableRule,
  resolveOptions,
} from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

/** Which end of a sequence gets the padding or loses tokens. */
export type PadSide = 'pre' | 'post';

/** Options of {@link padSequences}. */
export interface PadSequencesOptions {
  /**
   * The output length, or `null` for the longest sequence.
   * @defaultValue null
   */
  maxLength?: number | null;
  /**
   * Where padding goes: `'pre'` (before the tokens, as Keras does) or `'post'`.
   * @defaultValue 'pre'
   */
  padding?: PadSide;
  /**
   * Where a long sequence loses tokens: `'pre'` keeps its end.
   * @defaultValue 'pre'
   */
  truncating?: PadSide;
  /**
   * The padding value.
   * @defaultValue 0
   */
  value?: number;
}

/** Defaults of {@link padSequences}. */
export const PAD_SEQUENCES_DEFAULTS: Readonly<Required<PadSequencesOptions>> =
  Object.freeze({
    maxLength: null,
    padding: 'pre',
    truncating: 'pre',
    value: 0,
  });

const SIDE_RULE = oneOfRule(['pre', 'post']);
const RULES: OptionRules<Required<PadSequencesOptions>> = {
  maxLength: nullableRule(integerRule({ min: 0 })),
  padding: SIDE_RULE,
  truncating: SIDE_RULE,
  value: numberRule(),
};

/**
 * Pads and truncates integer sequences to one length, as Keras'
 * `pad_sequences` does.
 *
 * @param sequences - n sequences of integer ids.
 * @param options - Length, padding side, truncation side and value.
 * @returns An `Int32Array` of shape [n, maxLength], row-major.
 * @throws TypeError or RangeError for a bad option.
 * @example
 * padSequences([[1, 2], [3]]); // Int32Array [1, 2, 0, 3]
 * padSequences([[1, 2, 3]], { maxLength: 2 }); // Int32Array [2, 3]
 */
export function padSequences(
  sequences: readonly (readonly number[])[],
  options: PadSequencesOptions = {},
): Int32Array {
  const resolved = resolveOptions(
    'padSequences',
    options,
    PAD_SEQUENCES_DEFAULTS,
    RULES,
  );
  const length =
    resolved.maxLength ?? Math.max(0, ...sequences.map((s) => s.length));
  const out = new Int32Array(sequences.length * length).fill(resolved.value);
  sequences.forEach((sequence, row) => {
    const kept =
      sequence.length <= length
        ? sequence
        : resolved.truncating === 'pre'
          ? sequence.slice(sequence.length - length)
          : sequence.slice(0, length);
    const offset =
      row * length + (resolved.padding === 'pre' ? length - kept.length : 0);
    out.set(kept, offset);
  });
  return out;
}
