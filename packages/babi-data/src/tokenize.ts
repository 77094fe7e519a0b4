/**
 * How a bAbI sentence becomes tokens.
 *
 * - `'words'`: lower-cased runs of letters and digits; punctuation drops out.
 *   This is what most MemN2N ports and the reference statistics use.
 * - `'notebook'`: the lesson notebook's tokeniser: split on runs of non-word
 *   characters and keep the pieces, case unchanged, so `.` and `?` are
 *   tokens ("Where", "is", "Mary", "?").
 */
export type Tokenizer = 'words' | 'notebook';

/** Every {@link Tokenizer}. */
export const TOKENIZERS: readonly Tokenizer[] = Object.freeze([
  'words',
  'notebook',
]);

const WORD_RUN = /[a-z0-9]+/g;
// The notebook split on `(\W+)?`, which newer Python treats differently when
// it matches the empty string; one-or-more non-word characters is its intent.
const NON_WORD_RUN = /(\W+)/;

/**
 * Splits a sentence into tokens.
 *
 * @param text - One sentence or question, without its line id.
 * @param tokenizer - Which rule to apply (see {@link Tokenizer}).
 * @returns The tokens, in order; empty pieces and whitespace are dropped.
 * @example
 * tokenize('Where is Mary?', 'words'); // ['where', 'is', 'mary']
 * tokenize('Where is Mary?', 'notebook'); // ['Where', 'is', 'Mary', '?']
 */
export function tokenize(text: string, tokenizer: Tokenizer): string[] {
  if (tokenizer === 'words') {
    return text.toLowerCase().match(WORD_RUN) ?? [];
  }
  return text
    .split(NON_WORD_RUN)
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0);
}
