import type { ResolvedMemN2NConfig } from './config.js';

/**
 * How the words of a row are weighted before they are summed into one
 * vector, resolved from the config's position-encoding fields and the data's
 * padded lengths:
 * - `'bag'`: every word 1 (no position encoding);
 * - `'paper'`: l_kj = (1 − j/J) − (k/d)(1 − 2j/J) (§4.1), J the row's word
 *   count, or its padded length when `padded`;
 * - `'centred'`: the authors' Matlab form (see `centredPositionWeight`), J
 *   fixed for every row, its last column weighting the temporal vectors.
 */
export type WordWeighting =
  | { readonly form: 'bag' }
  | { readonly form: 'paper'; readonly padded: boolean }
  | { readonly form: 'centred'; readonly length: number };

/**
 * The weighting a config gives rows of `sentenceLength` (stories) and
 * `questionLength` (questions) places.
 */
export function wordWeighting(
  config: ResolvedMemN2NConfig,
  sentenceLength: number,
  questionLength: number,
): WordWeighting {
  if (!config.positionEncoding) return { form: 'bag' };
  if (config.positionEncodingForm === 'centred') {
    return {
      form: 'centred',
      length: Math.max(sentenceLength, questionLength) + 1,
    };
  }
  return { form: 'paper', padded: config.positionEncodingLength === 'padded' };
}

/**
 * The weight of word j (from 1) of a row holding `words` words in
 * `rowLength` places, as l_kj = constant + slope · k (k from 1 to d).
 * The forms of position-encoding.ts, expanded in k here because the fused
 * kernels call this for every word (word-weighting.test.ts keeps the two
 * in agreement).
 */
export function wordWeight(
  weighting: WordWeighting,
  j: number,
  words: number,
  rowLength: number,
  d: number,
): { constant: number; slope: number } {
  switch (weighting.form) {
    case 'bag':
      return { constant: 1, slope: 0 };
    case 'paper': {
      const position = j / (weighting.padded ? rowLength : words);
      return { constant: 1 - position, slope: (2 * position - 1) / d };
    }
    case 'centred': {
      const length = weighting.length;
      const centre = j - (length + 1) / 2;
      return {
        constant: 1 - (2 * (d + 1) * centre) / (d * length),
        slope: (4 * centre) / (d * length),
      };
    }
  }
}

/**
 * The per-coordinate weights of the temporal vectors: column J of the
 * centred form, or null where they enter with weight 1.
 */
export function temporalWeights(
  weighting: WordWeighting,
  d: number,
): Float32Array | null {
  if (weighting.form !== 'centred') return null;
  const { constant, slope } = wordWeight(
    weighting,
    weighting.length,
    0,
    weighting.length,
    d,
  );
  return Float32Array.from({ length: d }, (_, k) => constant + slope * (k + 1));
}
