import { resolveOptions, BOOLEAN_RULE, oneOfRule } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

import type { BabiStory } from './parse-babi.js';
import { tokenize, TOKENIZERS } from './tokenize.js';
import type { Tokenizer } from './tokenize.js';

/** One question with the story it is asked about, tokenised. */
export interface BabiExample {
  /** The story's statements before the question, oldest first, as tokens. */
  story: string[][];
  /** The line id of each entry of `story`. */
  sentenceIds: number[];
  question: string[];
  /** The whole answer string (one class, even for comma lists). */
  answer: string;
  /** Indices into `story` of the supporting statements. */
  supportingFacts: number[];
}

/** Options of {@link toExamples}. */
export interface ToExamplesOptions {
  /**
   * How sentences become tokens.
   * @defaultValue 'words'
   */
  tokenizer?: Tokenizer;
  /**
   * Prefix every story sentence with the notebook's time word `"<i>:"`,
   * where i is its line id minus 1 (question lines count, so the numbers
   * skip: 0, 1, 3, 4, …). It lets a bag-of-words model learn recency.
   * @defaultValue false
   */
  timeWords?: boolean;
}

/** Defaults of {@link toExamples}. */
export const TO_EXAMPLES_DEFAULTS: Readonly<Required<ToExamplesOptions>> =
  Object.freeze({ tokenizer: 'words', timeWords: false });

const RULES: OptionRules<Required<ToExamplesOptions>> = {
  tokenizer: oneOfRule(TOKENIZERS),
  timeWords: BOOLEAN_RULE,
};

/**
 * Turns parsed stories into one example per question. A question sees every
 * statement of its story before it; earlier questions are not part of the
 * story.
 *
 * @param stories - From `parseBabi`.
 * @param options - Tokeniser and time words.
 * @returns The examples in file order.
 * @throws TypeError or RangeError for a bad option.
 * @example
 * const [example] = toExamples(parseBabi('1 A b.\n2 Q?\tb\t1\n'));
 * example?.story; // [['a', 'b']]
 */
export function toExamples(
  stories: readonly BabiStory[],
  options: ToExamplesOptions = {},
): BabiExample[] {
  const { tokenizer, timeWords } = resolveOptions(
    'toExamples',
    options,
    TO_EXAMPLES_DEFAULTS,
    RULES,
  );
  const examples: BabiExample[] = [];
  for (const { lines } of stories) {
    const story: string[][] = [];
    const sentenceIds: number[] = [];
    for (const line of lines) {
      if (line.kind === 'statement') {
        const tokens = tokenize(line.text, tokenizer);
        story.push(timeWords ? [`${line.id - 1}:`, ...tokens] : tokens);
        sentenceIds.push(line.id);
        continue;
      }
      examples.push({
        story: story.slice(),
        sentenceIds: sentenceIds.slice(),
        question: tokenize(line.text, tokenizer),
        answer: line.answer,
        supportingFacts: line.supportingFacts.map((id) =>
          sentenceIds.indexOf(id),
        ),
      });
    }
  }
  return examples;
}
