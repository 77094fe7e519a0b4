import {
  measureExamples,
  splitValidation,
  vectorizeExamples,
  Vocabulary,
} from '@lesson11/babi-data';
import type {
  BabiExample,
  MemoryOrder,
  PadSide,
  SplitValidationOptions,
} from '@lesson11/babi-data';

import type { MemN2NArrays } from './fused-cpu.js';

/** Options of {@link prepareBabiData}. */
export interface PrepareBabiDataOptions {
  /** Most recent sentences kept (§4.2 keeps 50). @defaultValue 50 */
  memorySize?: number;
  /**
   * Extra memory slots beyond the longest story, as a share of it (rounded
   * up, still at most `memorySize`). Random noise inserts empty memories
   * only into free slots, so a task whose stories all have the same length
   * (task 16: 9 sentences) gets no noise without them; 0.1 leaves room for
   * the paper's 10 %, as the authors' random time indices do.
   * @defaultValue 0
   */
  spareSlotFraction?: number;
  /** How the validation part is taken. @defaultValue \{ fraction: 0.1 \} */
  validation?: SplitValidationOptions;
  /** @defaultValue 'post' */
  wordPadding?: PadSide;
  /** @defaultValue 'recentFirst' */
  memoryOrder?: MemoryOrder;
}

/** A task's examples as model-ready arrays, with the vocabulary. */
export interface PreparedBabiData {
  vocabulary: Vocabulary;
  /** Memory slots S = min(memorySize, longest story + spare slots). */
  memorySize: number;
  train: MemN2NArrays;
  validation: MemN2NArrays | null;
  test: MemN2NArrays;
  /** The examples behind `test`, for showing stories and attention. */
  testExamples: BabiExample[];
  validationExamples: BabiExample[];
}

/**
 * Builds the vocabulary over training and test examples (as the notebook and
 * most ports do), holds out a validation part of the training examples and
 * pads everything to the same shapes.
 *
 * @param train - The task's training examples.
 * @param test - Its test examples.
 * @param options - Memory size, validation split, padding and slot order.
 * @returns Arrays sharing one vocabulary and one set of sizes.
 */
export function prepareBabiData(
  train: readonly BabiExample[],
  test: readonly BabiExample[],
  options: PrepareBabiDataOptions = {},
): PreparedBabiData {
  const vocabulary = Vocabulary.fromExamples(train, test);
  const split = splitValidation(train, options.validation ?? {});
  const measured = measureExamples(train, test);
  const spare = Math.ceil(
    (options.spareSlotFraction ?? 0) * measured.memorySize,
  );
  const memorySize = Math.min(
    options.memorySize ?? 50,
    measured.memorySize + spare,
  );
  const shape = {
    memorySize,
    sentenceLength: measured.sentenceLength,
    questionLength: measured.questionLength,
    wordPadding: options.wordPadding ?? 'post',
    memoryOrder: options.memoryOrder ?? 'recentFirst',
  } as const;
  const arrays = (examples: readonly BabiExample[]): MemN2NArrays =>
    vectorizeExamples(examples, vocabulary, shape);
  return {
    vocabulary,
    memorySize,
    train: arrays(split.train),
    validation: split.validation.length > 0 ? arrays(split.validation) : null,
    test: arrays(test),
    testExamples: test.slice(),
    validationExamples: split.validation,
  };
}
