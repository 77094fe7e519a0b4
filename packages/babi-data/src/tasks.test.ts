import { describe, expect, it } from 'vitest';

import { babiFileName, parseTaskList } from './tasks.js';

describe('parseTaskList', () => {
  it('expands ranges and sorts distinct ids', () => {
    expect(parseTaskList('1-3,7')).toEqual([1, 2, 3, 7]);
    expect(parseTaskList('20,1-20')).toHaveLength(20);
  });

  it.each(['0', '21', '3-1', '', '1,,2', 'a', '1-2-3'])(
    'rejects %j with the full message',
    (text) => {
      expect(() => parseTaskList(text)).toThrow(
        `parseTaskList: text must list task ids or ranges within 1-20, ` +
          `got ${JSON.stringify(text)}.`,
      );
    },
  );
});

describe('babiFileName', () => {
  it('names the files of the archive', () => {
    expect(babiFileName(19, 'test')).toBe('qa19_path-finding_test.txt');
    expect(() => babiFileName(21, 'train')).toThrow(
      'babiFileName: taskId must be an integer in [1, 20], got 21.',
    );
  });
});
