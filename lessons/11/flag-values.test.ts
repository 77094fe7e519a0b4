import { describe, expect, it } from 'vitest';

import { readIndexList, readInteger } from './flag-values.js';

describe('readIndexList', () => {
  it('reads indices and ranges, and the empty string as all', () => {
    expect(readIndexList({ runs: '0-2,5' }, 'runs', 10)).toEqual([0, 1, 2, 5]);
    expect(readIndexList({ runs: '3,1,3' }, 'runs', 4)).toEqual([1, 3]);
    expect(readIndexList({ runs: '' }, 'runs', 3)).toEqual([0, 1, 2]);
  });

  it('names the flag and the value when one is out of range or malformed', () => {
    expect(() => readIndexList({ runs: '0-10' }, 'runs', 10)).toThrow(
      'lesson: --runs must list indices or ranges within 0-9, got "0-10".',
    );
    expect(() => readIndexList({ runs: '2-1' }, 'runs', 10)).toThrow(
      'lesson: --runs must list indices or ranges within 0-9, got "2-1".',
    );
    expect(() => readIndexList({ runs: 'a' }, 'runs', 10)).toThrow(
      'lesson: --runs must list indices or ranges within 0-9, got "a".',
    );
  });
});

describe('readInteger', () => {
  it('rejects a value below the minimum', () => {
    expect(() => readInteger({ epochs: '0' }, 'epochs', 1)).toThrow(
      'lesson: --epochs must be an integer >= 1, got "0".',
    );
  });
});
