import { describe, expect, it } from 'vitest';

import { padSequences, PAD_SEQUENCES_DEFAULTS } from './pad-sequences.js';

describe('padSequences', () => {
  it('has frozen defaults like Keras pad_sequences', () => {
    expect(PAD_SEQUENCES_DEFAULTS).toMatchInlineSnapshot(`
      {
        "maxLength": null,
        "padding": "pre",
        "truncating": "pre",
        "value": 0,
      }
    `);
  });

  it('pads before the tokens to the longest sequence by default', () => {
    expect([...padSequences([[1, 2, 3], [4], []])]).toEqual([
      1, 2, 3, 0, 0, 4, 0, 0, 0,
    ]);
  });

  it('pads after and truncates either end', () => {
    const sequences = [[1, 2, 3, 4], [5]];

    const post = padSequences(sequences, { maxLength: 3, padding: 'post' });
    const keepStart = padSequences(sequences, {
      maxLength: 2,
      truncating: 'post',
      value: 9,
    });

    expect([...post]).toEqual([2, 3, 4, 5, 0, 0]);
    expect([...keepStart]).toEqual([1, 2, 9, 5]);
  });

  it('gives zero columns for maxLength 0 and no rows for no input', () => {
    expect(padSequences([[1]], { maxLength: 0 })).toHaveLength(0);
    expect(padSequences([])).toHaveLength(0);
  });

  it('rejects a bad option with the full message', () => {
    expect(() => padSequences([], { padding: 'left' as 'pre' })).toThrow(
      'padSequences: padding must be one of "pre", "post", got "left".',
    );
    expect(() => padSequences([], { maxLength: -1 })).toThrow(
      'padSequences: maxLength must be an integer >= 0, or null, got -1.',
    );
  });
});
