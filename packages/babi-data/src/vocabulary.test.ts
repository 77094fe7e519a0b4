import { describe, expect, it } from 'vitest';

import type { BabiExample } from './examples.js';
import { PAD_TOKEN, Vocabulary } from './vocabulary.js';

const EXAMPLE: BabiExample = {
  story: [['mary', 'went', 'home']],
  sentenceIds: [1],
  question: ['where', 'is', 'mary'],
  answer: 'apple,milk',
  supportingFacts: [0],
};

describe('Vocabulary', () => {
  it('puts padding at 0 and sorts the words, answers whole', () => {
    const vocabulary = Vocabulary.fromExamples([EXAMPLE]);

    expect(vocabulary.words).toMatchInlineSnapshot(`
      [
        "<pad>",
        "apple,milk",
        "home",
        "is",
        "mary",
        "went",
        "where",
      ]
    `);
    expect(vocabulary.id('mary')).toBe(4);
    expect(vocabulary.word(4)).toBe('mary');
    expect(vocabulary.has('john')).toBe(false);
  });

  it('round-trips through JSON', () => {
    const vocabulary = Vocabulary.fromExamples([EXAMPLE]);

    const copy = Vocabulary.fromJSON(vocabulary.toJSON());

    expect(copy.words).toEqual(vocabulary.words);
  });

  it('rejects unknown words and ids with the full message', () => {
    const vocabulary = new Vocabulary(['a', 'b']);

    expect(() => vocabulary.id('c')).toThrow(
      'Vocabulary.id: word must be in the vocabulary, got "c".',
    );
    expect(() => vocabulary.word(3)).toThrow(
      'Vocabulary.word: id must be an integer in [0, 2], got 3.',
    );
    expect(() => new Vocabulary(['a', PAD_TOKEN])).toThrow(RangeError);
    expect(() => Vocabulary.fromJSON(['<pad>', 'b', 'a'])).toThrow(RangeError);
  });
});
