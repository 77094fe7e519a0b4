import { describe, expect, it } from 'vitest';

import { toExamples } from './examples.js';
import { parseBabi } from './parse-babi.js';
import { splitValidation } from './split-validation.js';
import { measureExamples, vectorizeExamples } from './vectorize.js';
import { Vocabulary } from './vocabulary.js';

const TEXT = '1 a b c.\n2 d e.\n3 f.\n4 Q x?\tb\t1\n1 g.\n2 Q y z?\tg\t1\n';
const EXAMPLES = toExamples(parseBabi(TEXT));
const VOCABULARY = Vocabulary.fromExamples(EXAMPLES);
const id = (word: string): number => VOCABULARY.id(word);

describe('vectorizeExamples', () => {
  it('puts the most recent sentence in slot 0 with zero rows after', () => {
    const arrays = vectorizeExamples(EXAMPLES, VOCABULARY);

    expect(measureExamples(EXAMPLES)).toEqual({
      memorySize: 3,
      sentenceLength: 3,
      questionLength: 3,
    });
    expect([...arrays.stories.slice(0, 9)]).toEqual([
      id('f'),
      0,
      0,
      id('d'),
      id('e'),
      0,
      id('a'),
      id('b'),
      id('c'),
    ]);
    expect([...arrays.stories.slice(9)]).toEqual([
      id('g'),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect([...arrays.storyLengths]).toEqual([3, 1]);
    expect([...arrays.questions]).toEqual([
      id('q'),
      id('x'),
      0,
      id('q'),
      id('y'),
      id('z'),
    ]);
    expect([...arrays.answers]).toEqual([id('b'), id('g')]);
  });

  it('keeps the most recent sentences in story order when asked', () => {
    const arrays = vectorizeExamples(EXAMPLES.slice(0, 1), VOCABULARY, {
      memorySize: 2,
      sentenceLength: 2,
      wordPadding: 'pre',
      memoryOrder: 'storyOrder',
    });

    expect([...arrays.stories]).toEqual([id('d'), id('e'), 0, id('f')]);
    expect(arrays.storyLengths[0]).toBe(2);
  });

  it('rejects a word missing from the vocabulary', () => {
    expect(() => vectorizeExamples(EXAMPLES, new Vocabulary(['a']))).toThrow(
      'Vocabulary.id: word must be in the vocabulary, got "f".',
    );
  });
});

describe('splitValidation', () => {
  const items = Array.from({ length: 20 }, (_, i) => i);

  it('holds out the last 10% by default', () => {
    const { train, validation } = splitValidation(items);

    expect(validation).toEqual([18, 19]);
    expect(train).toHaveLength(18);
  });

  it('draws a seeded random share in file order', () => {
    const first = splitValidation(items, {
      method: 'random',
      fraction: 0.25,
      seed: 3,
    });
    const again = splitValidation(items, {
      method: 'random',
      fraction: 0.25,
      seed: 3,
    });

    expect(first.validation).toHaveLength(5);
    expect(first).toEqual(again);
    expect([...first.validation].sort((a, b) => a - b)).toEqual(
      first.validation,
    );
  });

  it('rejects a fraction of 1 with the full message', () => {
    expect(() => splitValidation(items, { fraction: 1 })).toThrow(
      'splitValidation: fraction must be a finite number >= 0 and < 1, got 1.',
    );
  });
});
