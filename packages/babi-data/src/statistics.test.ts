import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { toExamples } from './examples.js';
import { parseBabi } from './parse-babi.js';
import { taskStatistics } from './statistics.js';
import { babiFileName } from './tasks.js';
import { SHARED_DATA_DIR } from './test-paths.js';

async function read(taskId: number, split: 'train' | 'test') {
  const path = join(
    SHARED_DATA_DIR,
    'babi',
    'tasks_1-20_v1-2',
    'en',
    babiFileName(taskId, split),
  );
  const stories = parseBabi(await readFile(path, 'utf8'));
  return { stories, examples: toExamples(stories) };
}

describe('taskStatistics', () => {
  it('reproduces the reference table for tasks 2 and 19', async () => {
    const two = taskStatistics(await read(2, 'train'), await read(2, 'test'));
    const nineteen = taskStatistics(
      await read(19, 'train'),
      await read(19, 'test'),
    );

    expect(two).toEqual({
      train: {
        stories: 200,
        questions: 1000,
        longestStory: 56,
        longestSentence: 6,
        longestQuestion: 4,
      },
      test: {
        stories: 200,
        questions: 1000,
        longestStory: 88,
        longestSentence: 6,
        longestQuestion: 4,
      },
      vocabularySize: 33,
      answers: 6,
    });
    expect(nineteen.vocabularySize).toBe(23);
    expect(nineteen.answers).toBe(12);
    expect(nineteen.train.longestQuestion).toBe(10);
  });
});
