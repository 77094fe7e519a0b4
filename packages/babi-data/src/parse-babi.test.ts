import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { BabiFormatError, parseBabi } from './parse-babi.js';
import { FIXTURES_DIR, SHARED_DATA_DIR } from './test-paths.js';

const BABI_EN = join(SHARED_DATA_DIR, 'babi', 'tasks_1-20_v1-2', 'en');

describe('parseBabi', () => {
  it('parses the synthetic fixture into stories', async () => {
    const text = await readFile(
      join(FIXTURES_DIR, 'three-stories.txt'),
      'utf8',
    );

    const stories = parseBabi(text, { fileName: 'three-stories.txt' });

    expect(stories).toMatchSnapshot();
  });

  it('restarts a story at id 1 and keeps multi-word answers whole', () => {
    const text = '1 A b.\n2 Q?\tx,y\t1\n1 C d.\n2 E f.\n3 Q?\tz\t2 1\n';

    const stories = parseBabi(text);

    expect(stories.map((s) => s.startLine)).toEqual([1, 3]);
    expect(stories[0]?.lines[1]).toEqual({
      kind: 'question',
      id: 2,
      text: 'Q?',
      answer: 'x,y',
      supportingFacts: [1],
    });
    expect(stories[1]?.lines[2]).toMatchObject({ supportingFacts: [2, 1] });
  });

  it('accepts CR-LF line endings and a missing final newline', () => {
    const stories = parseBabi('1 A b.\r\n2 Q? \tb\t1');

    expect(stories[0]?.lines[1]).toMatchObject({ text: 'Q?', answer: 'b' });
  });

  it('reads every real 1k file: 1000 questions each', async () => {
    for (const name of ['qa1_single-supporting-fact', 'qa8_lists-sets']) {
      const path = join(BABI_EN, `${name}_train.txt`);
      const stories = parseBabi(await readFile(path, 'utf8'), {
        fileName: path,
      });
      const questions = stories.flatMap((s) =>
        s.lines.filter((line) => line.kind === 'question'),
      );

      expect(questions).toHaveLength(1000);
      expect(stories).toHaveLength(200);
    }
  });

  it.each([
    ['2 A b.\n', 'qa.txt:1: expected line id 1 or 1, got 2'],
    ['1 A b.\n3 C d.\n', 'qa.txt:2: expected line id 2 or 1, got 3'],
    [
      '1 A b.\nno id here\n',
      'qa.txt:2: expected "<id> <text>", got "no id here"',
    ],
    ['1 A b.\n\n', 'qa.txt:2: expected "<id> <text>", got ""'],
    [
      '1 A b.\n2 Q?\t \t1\n',
      'qa.txt:2: expected an answer after the question, got "2 Q?\\t \\t1"',
    ],
    [
      '1 A b.\n2 Q?\tb\t7\n',
      'qa.txt:2: supporting fact "7" is not an earlier statement',
    ],
    [
      '1 A b.\n2 Q?\tb\t1\t9\n',
      'qa.txt:2: expected "<id> <text>", got "2 Q?\\tb\\t1\\t9"',
    ],
    ['1 \n', 'qa.txt:1: expected text after id 1'],
  ])('names the file and line of a malformed line (%j)', (text, message) => {
    const parse = (): unknown => parseBabi(text, { fileName: 'qa.txt' });

    expect(parse).toThrow(BabiFormatError);
    expect(parse).toThrow(`parseBabi: ${message}`);
  });

  it('gives the error a code, the file and the line', () => {
    try {
      parseBabi('1 A b.\nbad\n', { fileName: 'f.txt' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'BABI_FORMAT',
        fileName: 'f.txt',
        lineNumber: 2,
      });
    }
  });
});
