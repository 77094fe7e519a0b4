import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { toExamples, TO_EXAMPLES_DEFAULTS } from './examples.js';
import { loadBabiTask } from './load-task.js';
import { parseBabi } from './parse-babi.js';
import { SHARED_DATA_DIR } from './test-paths.js';
import { tokenize } from './tokenize.js';
import { Vocabulary } from './vocabulary.js';

const STORY =
  '1 Mary went home.\n2 Where is Mary?\thome\t1\n3 John ran.\n' +
  '4 Where is John?\tkitchen\t3\n';

describe('tokenize', () => {
  it('keeps lower-cased words or the notebook pieces', () => {
    expect(tokenize('Where is Mary?', 'words')).toEqual([
      'where',
      'is',
      'mary',
    ]);
    expect(tokenize('Where is Mary?', 'notebook')).toEqual([
      'Where',
      'is',
      'Mary',
      '?',
    ]);
  });
});

describe('toExamples', () => {
  it('has frozen defaults', () => {
    expect(TO_EXAMPLES_DEFAULTS).toMatchInlineSnapshot(`
      {
        "timeWords": false,
        "tokenizer": "words",
      }
    `);
  });

  it('gives each question the statements before it', () => {
    const examples = toExamples(parseBabi(STORY));

    expect(examples).toEqual([
      {
        story: [['mary', 'went', 'home']],
        sentenceIds: [1],
        question: ['where', 'is', 'mary'],
        answer: 'home',
        supportingFacts: [0],
      },
      {
        story: [
          ['mary', 'went', 'home'],
          ['john', 'ran'],
        ],
        sentenceIds: [1, 3],
        question: ['where', 'is', 'john'],
        answer: 'kitchen',
        supportingFacts: [1],
      },
    ]);
  });

  it('adds time words that count question lines, as the notebook does', () => {
    const examples = toExamples(parseBabi(STORY), {
      tokenizer: 'notebook',
      timeWords: true,
    });

    expect(examples[1]?.story).toEqual([
      ['0:', 'Mary', 'went', 'home', '.'],
      ['2:', 'John', 'ran', '.'],
    ]);
  });

  it('rejects an unknown tokenizer with the full message', () => {
    expect(() => toExamples([], { tokenizer: 'chars' as 'words' })).toThrow(
      'toExamples: tokenizer must be one of "words", "notebook", got "chars".',
    );
  });

  it('reproduces the notebook shapes of QA1-10k (vocabulary 32)', async () => {
    const task = await loadBabiTask(SHARED_DATA_DIR, {
      taskId: 1,
      set: 'en-10k',
      tokenizer: 'notebook',
      timeWords: true,
    });

    const vocabulary = Vocabulary.fromExamples(task.train, task.test);

    expect(task.train).toHaveLength(10_000);
    expect(task.test).toHaveLength(1000);
    expect(vocabulary.size).toBe(32);
    expect(Math.max(...task.train.map((e) => e.story.length))).toBe(10);
    expect(task.files.train).toBe(
      join(
        SHARED_DATA_DIR,
        'babi',
        'tasks_1-20_v1-2',
        'en-10k',
        'qa1_single-supporting-fact_train.txt',
      ),
    );
  });
});
