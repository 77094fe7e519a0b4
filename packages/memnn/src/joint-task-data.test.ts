import type { BabiExample } from '@lesson11/babi-data';
import { loadBabiTask } from '@lesson11/babi-data/node';
import { describe, expect, it } from 'vitest';

import { prepareBabiData } from './babi-task-data.js';
import { prepareJointBabiData, sliceArrays } from './joint-task-data.js';
import { SHARED_DATA_DIR } from './test-paths.js';
import { tinyArrays } from './test-models.js';

function example(
  story: string[],
  question: string,
  answer: string,
): BabiExample {
  return {
    story: story.map((s) => s.split(' ')),
    sentenceIds: story.map((_, i) => i + 1),
    question: question.split(' '),
    answer,
    supportingFacts: [0],
  };
}

const TASK_A = {
  taskId: 1,
  train: Array.from({ length: 10 }, (_, i) =>
    example([`mary went to room${i % 2}`], 'where is mary', `room${i % 2}`),
  ),
  test: [example(['mary went to room1'], 'where is mary', 'room1')],
};
const TASK_B = {
  taskId: 6,
  train: Array.from({ length: 20 }, (_, i) =>
    example(
      ['john took the apple there', 'john is in the garden now'],
      'is john in the garden',
      i % 3 === 0 ? 'no' : 'yes',
    ),
  ),
  test: [
    example(['john is in the garden now'], 'is john in the garden', 'yes'),
    example(['john is in the hall'], 'is john in the garden', 'no'),
  ],
};

describe('prepareJointBabiData', () => {
  it('shares one vocabulary and shape and keeps each task a contiguous view', () => {
    const joint = prepareJointBabiData([TASK_A, TASK_B], { seed: 3 });

    // 10 % of each task held out: 1 of A, 2 of B.
    expect(joint.train.count).toBe(9 + 18);
    expect(joint.validation?.count).toBe(1 + 2);
    expect(joint.tasks.map((t) => [t.taskId, t.train.count])).toEqual([
      [1, 9],
      [6, 18],
    ]);
    // Longest sentence (6 words, task B) and two memories for every task.
    expect(joint.train.sentenceLength).toBe(6);
    expect(joint.memorySize).toBe(2);
    expect(joint.tasks[0]!.test.sentenceLength).toBe(6);
    expect(joint.tasks[1]!.test.count).toBe(2);
    // The views are the joint rows: task B starts at row 9.
    expect(joint.tasks[1]!.train.answers).toEqual(
      joint.train.answers.subarray(9),
    );
    const yes = joint.vocabulary.id('yes');
    const room1 = joint.vocabulary.id('room1');
    expect(yes).toBeGreaterThan(0);
    expect(room1).toBeGreaterThan(0);
    expect(joint.tasks[0]!.test.answers[0]).toBe(room1);
    expect(joint.tasks[1]!.test.answers[0]).toBe(yes);
  });

  it('holds out a seeded random part', () => {
    const a = prepareJointBabiData([TASK_B], { seed: 1 });
    const b = prepareJointBabiData([TASK_B], { seed: 1 });
    expect(a.validation!.answers).toEqual(b.validation!.answers);
    expect(Array.from(a.train.answers)).toEqual(Array.from(b.train.answers));
  });

  it('rejects no tasks and a repeated task id', () => {
    expect(() => prepareJointBabiData([])).toThrow(
      'prepareJointBabiData: tasks must hold at least one task, got [].',
    );
    expect(() => prepareJointBabiData([TASK_A, TASK_A])).toThrow(
      'prepareJointBabiData: tasks must have distinct taskId values, got 1 twice.',
    );
  });

  it('joins real tasks 1 and 2 (1k) into 1800 training questions', async () => {
    const tasks = await Promise.all(
      [1, 2].map(async (taskId) => {
        const task = await loadBabiTask(SHARED_DATA_DIR, { taskId });
        return { taskId, train: task.train, test: task.test };
      }),
    );
    const joint = prepareJointBabiData(tasks);
    expect(joint.train.count).toBe(1800);
    expect(joint.validation?.count).toBe(200);
    expect(joint.tasks.map((t) => t.test.count)).toEqual([1000, 1000]);
    // Task 2's stories are longer than task 1's: the joint memory fits them.
    expect(joint.memorySize).toBeGreaterThan(10);
  });
});

describe('sliceArrays', () => {
  it('returns views of the rows and rejects rows outside', () => {
    const data = tinyArrays(5, 1);
    const part = sliceArrays(data, 2, 2);
    expect(part.count).toBe(2);
    expect(part.answers).toEqual(data.answers.subarray(2, 4));
    expect(part.stories.length).toBe(2 * 4 * 3);
    part.answers[0] = 99;
    expect(data.answers[2]).toBe(99);
    expect(() => sliceArrays(data, 4, 2)).toThrow(
      'sliceArrays: rows 4 to 6 must lie within 0 to 5, got start 4 and count 2.',
    );
  });
});

describe('prepareBabiData spare slots', () => {
  it('adds memory slots beyond the longest story for random noise', async () => {
    // Task 16: every story has 9 sentences, so no slot is free without spares.
    const task = await loadBabiTask(SHARED_DATA_DIR, { taskId: 16 });
    const plain = prepareBabiData(task.train, task.test);
    const spare = prepareBabiData(task.train, task.test, {
      spareSlotFraction: 0.1,
    });
    const capped = prepareBabiData(task.train, task.test, {
      spareSlotFraction: 1,
      memorySize: 12,
    });

    expect(plain.memorySize).toBe(9);
    expect(spare.memorySize).toBe(10);
    expect(capped.memorySize).toBe(12);
    expect(spare.train.memorySize).toBe(10);
    // The stories are unchanged: slot 9 stays empty.
    expect(Array.from(spare.train.storyLengths)).toEqual(
      Array.from(plain.train.storyLengths),
    );
  });
});
