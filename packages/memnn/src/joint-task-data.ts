import {
  measureExamples,
  splitValidation,
  vectorizeExamples,
  Vocabulary,
} from '@lesson11/babi-data';
import type { BabiExample } from '@lesson11/babi-data';

import type { MemN2NArrays } from './fused-cpu.js';

/** One task's examples, for {@link prepareJointBabiData}. */
export interface JointTaskInput {
  taskId: number;
  train: readonly BabiExample[];
  test: readonly BabiExample[];
}

/** Where one task's rows sit in the joint arrays, and its own test set. */
export interface JointTaskPart {
  taskId: number;
  /** Views into the joint training and validation arrays (no copies). */
  train: MemN2NArrays;
  validation: MemN2NArrays | null;
  test: MemN2NArrays;
}

/** All tasks as one training set with one vocabulary (§4.2, joint training). */
export interface JointBabiData {
  vocabulary: Vocabulary;
  memorySize: number;
  /** Every task's training rows, task after task. */
  train: MemN2NArrays;
  validation: MemN2NArrays | null;
  /** Per task, in input order. */
  tasks: JointTaskPart[];
}

/** Options of {@link prepareJointBabiData}. */
export interface PrepareJointBabiDataOptions {
  /** Most recent sentences kept. @defaultValue 50 */
  memorySize?: number;
  /** Share of each task's training questions held out. @defaultValue 0.1 */
  validationFraction?: number;
  /** Seed of the random hold-out. @defaultValue 0 */
  seed?: number;
}

/**
 * Prepares bAbI tasks for joint training: one vocabulary over every task's
 * training and test questions, one padded shape, and a random 10 % of each
 * task's training questions held out (the authors' code holds out a random
 * 10 % when training jointly). The joint arrays are the tasks' rows one
 * after another, so each task's rows are a contiguous view.
 *
 * @param tasks - At least one task; task ids must be distinct.
 * @param options - Memory size, hold-out share and its seed.
 * @throws RangeError for no tasks or a repeated task id.
 * @example
 * const joint = prepareJointBabiData([{ taskId: 1, train, test }]);
 * joint.tasks[0].test.count; // 1000
 */
export function prepareJointBabiData(
  tasks: readonly JointTaskInput[],
  options: PrepareJointBabiDataOptions = {},
): JointBabiData {
  if (tasks.length === 0) {
    throw new RangeError(
      'prepareJointBabiData: tasks must hold at least one task, got [].',
    );
  }
  const ids = tasks.map((t) => t.taskId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new RangeError(
      `prepareJointBabiData: tasks must have distinct taskId values, got ${repeated} twice.`,
    );
  }
  const all = tasks.flatMap((t) => [t.train, t.test]);
  const vocabulary = Vocabulary.fromExamples(...all);
  const measured = measureExamples(...all);
  const memorySize = Math.min(options.memorySize ?? 50, measured.memorySize);
  const shape = {
    memorySize,
    sentenceLength: measured.sentenceLength,
    questionLength: measured.questionLength,
    wordPadding: 'post',
    memoryOrder: 'recentFirst',
  } as const;
  const arrays = (examples: readonly BabiExample[]): MemN2NArrays =>
    vectorizeExamples(examples, vocabulary, shape);
  const splits = tasks.map((t) =>
    splitValidation(t.train, {
      fraction: options.validationFraction ?? 0.1,
      method: 'random',
      seed: (options.seed ?? 0) + t.taskId,
    }),
  );
  const train = arrays(splits.flatMap((s) => s.train));
  const heldOut = splits.flatMap((s) => s.validation);
  const validation = heldOut.length > 0 ? arrays(heldOut) : null;
  let trainStart = 0;
  let validationStart = 0;
  const parts = tasks.map((t, i): JointTaskPart => {
    const split = splits[i]!;
    const part: JointTaskPart = {
      taskId: t.taskId,
      train: sliceArrays(train, trainStart, split.train.length),
      validation:
        validation === null || split.validation.length === 0
          ? null
          : sliceArrays(validation, validationStart, split.validation.length),
      test: arrays(t.test),
    };
    trainStart += split.train.length;
    validationStart += split.validation.length;
    return part;
  });
  return { vocabulary, memorySize, train, validation, tasks: parts };
}

/**
 * Rows `start` to `start + count` of padded arrays, as views sharing the
 * same memory.
 *
 * @throws RangeError when the rows are outside the arrays.
 */
export function sliceArrays(
  data: MemN2NArrays,
  start: number,
  count: number,
): MemN2NArrays {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(count) ||
    start < 0 ||
    count < 0 ||
    start + count > data.count
  ) {
    throw new RangeError(
      `sliceArrays: rows ${start} to ${start + count} must lie within ` +
        `0 to ${data.count}, got start ${start} and count ${count}.`,
    );
  }
  const { memorySize: s, sentenceLength: l, questionLength: lq } = data;
  const end = start + count;
  return {
    count,
    memorySize: s,
    sentenceLength: l,
    questionLength: lq,
    stories: data.stories.subarray(start * s * l, end * s * l),
    storyLengths: data.storyLengths.subarray(start, end),
    questions: data.questions.subarray(start * lq, end * lq),
    answers: data.answers.subarray(start, end),
  };
}
