import {
  integerRule,
  nullableRule,
  oneOfRule,
  resolveOptions,
} from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

import type { BabiExample } from './examples.js';
import { padSequences } from './pad-sequences.js';
import type { PadSide } from './pad-sequences.js';
import type { Vocabulary } from './vocabulary.js';

/** Examples as padded id arrays, ready for a model. */
export interface BabiArrays {
  /** Number of examples n. */
  count: number;
  /** Memory slots per example (S). */
  memorySize: number;
  /** Tokens per sentence (L). */
  sentenceLength: number;
  /** Tokens per question (Lq). */
  questionLength: number;
  /** Sentence ids, int32 [n, S, L]; 0 pads. */
  stories: Int32Array;
  /** Real sentences per example (≤ S), int32 [n]. */
  storyLengths: Int32Array;
  /** Question ids, int32 [n, Lq]. */
  questions: Int32Array;
  /** Answer ids, int32 [n]. */
  answers: Int32Array;
}

/**
 * Which sentence goes in slot 0. `'recentFirst'`: the one just before the
 * question (slot = age, what temporal encoding indexes; Sukhbaatar et al.
 * 2015, §4.1). `'storyOrder'`: the oldest kept one, as the notebook does.
 * Either way, unused slots are zero rows after the real ones.
 */
export type MemoryOrder = 'recentFirst' | 'storyOrder';

/** Options of {@link vectorizeExamples}. */
export interface VectorizeOptions {
  /**
   * Memory slots S: the most recent S sentences are kept; `null` for the
   * longest story.
   * @defaultValue null
   */
  memorySize?: number | null;
  /**
   * Tokens per sentence, or `null` for the longest sentence.
   * @defaultValue null
   */
  sentenceLength?: number | null;
  /**
   * Tokens per question, or `null` for the longest question.
   * @defaultValue null
   */
  questionLength?: number | null;
  /**
   * Side of the word padding inside a sentence or question.
   * @defaultValue 'post'
   */
  wordPadding?: PadSide;
  /**
   * Slot order (see {@link MemoryOrder}).
   * @defaultValue 'recentFirst'
   */
  memoryOrder?: MemoryOrder;
}

/** Defaults of {@link vectorizeExamples}. */
export const VECTORIZE_DEFAULTS: Readonly<Required<VectorizeOptions>> =
  Object.freeze({
    memorySize: null,
    sentenceLength: null,
    questionLength: null,
    wordPadding: 'post',
    memoryOrder: 'recentFirst',
  });

const SIZE_RULE = nullableRule(integerRule({ min: 1 }));
const RULES: OptionRules<Required<VectorizeOptions>> = {
  memorySize: SIZE_RULE,
  sentenceLength: SIZE_RULE,
  questionLength: SIZE_RULE,
  wordPadding: oneOfRule(['pre', 'post']),
  memoryOrder: oneOfRule(['recentFirst', 'storyOrder']),
};

/** The longest story, sentence and question of example sets. */
export function measureExamples(...sets: readonly (readonly BabiExample[])[]): {
  memorySize: number;
  sentenceLength: number;
  questionLength: number;
} {
  let memorySize = 1;
  let sentenceLength = 1;
  let questionLength = 1;
  for (const examples of sets) {
    for (const { story, question } of examples) {
      memorySize = Math.max(memorySize, story.length);
      questionLength = Math.max(questionLength, question.length);
      for (const s of story)
        sentenceLength = Math.max(sentenceLength, s.length);
    }
  }
  return { memorySize, sentenceLength, questionLength };
}

/**
 * Turns examples into padded id arrays. Long sentences and questions keep
 * their last tokens (Keras' default truncation); long stories keep their most
 * recent sentences.
 *
 * @param examples - From `toExamples`.
 * @param vocabulary - Must hold every token and answer.
 * @param options - Sizes, padding side and slot order.
 * @returns Flat row-major int32 arrays (see {@link BabiArrays}).
 * @throws RangeError for a bad option or a word missing from the vocabulary.
 * @example
 * const arrays = vectorizeExamples(examples, Vocabulary.fromExamples(examples));
 * arrays.stories.length; // count * memorySize * sentenceLength
 */
export function vectorizeExamples(
  examples: readonly BabiExample[],
  vocabulary: Vocabulary,
  options: VectorizeOptions = {},
): BabiArrays {
  const resolved = resolveOptions(
    'vectorizeExamples',
    options,
    VECTORIZE_DEFAULTS,
    RULES,
  );
  const measured = measureExamples(examples);
  const memorySize = resolved.memorySize ?? measured.memorySize;
  const sentenceLength = resolved.sentenceLength ?? measured.sentenceLength;
  const questionLength = resolved.questionLength ?? measured.questionLength;
  const padding = { padding: resolved.wordPadding, value: 0 } as const;
  const count = examples.length;
  const stories = new Int32Array(count * memorySize * sentenceLength);
  const storyLengths = new Int32Array(count);
  const ids = (words: readonly string[]): number[] =>
    words.map((word) => vocabulary.id(word));

  examples.forEach((example, index) => {
    const kept = example.story.slice(-memorySize);
    const ordered =
      resolved.memoryOrder === 'recentFirst' ? kept.reverse() : kept;
    const rows = padSequences(ordered.map(ids), {
      ...padding,
      maxLength: sentenceLength,
    });
    stories.set(rows, index * memorySize * sentenceLength);
    storyLengths[index] = ordered.length;
  });
  const questions = padSequences(
    examples.map((example) => ids(example.question)),
    { ...padding, maxLength: questionLength },
  );
  const answers = Int32Array.from(examples, (e) => vocabulary.id(e.answer));
  return {
    count,
    memorySize,
    sentenceLength,
    questionLength,
    stories,
    storyLengths,
    questions,
    answers,
  };
}
