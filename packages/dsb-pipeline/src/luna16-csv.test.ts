import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SHARED_CT } from '../test/shared-data.js';
import {
  parseLuna16Annotations,
  parseLuna16Candidates,
  splitCsvLine,
} from './luna16-csv.js';

const CSV = join(SHARED_CT, 'luna16-csv');

describe('parseLuna16Annotations', () => {
  it('reads all 1,186 nodules of the official table', () => {
    const path = join(CSV, 'annotations.csv');

    const rows = parseLuna16Annotations(readFileSync(path, 'utf8'), path);

    expect(rows).toHaveLength(1186);
    expect(new Set(rows.map((r) => r.seriesUid)).size).toBe(601);
    expect(rows[0]!.centerMm).toEqual([
      -128.6994211, -175.3192718, -298.3875064,
    ]);
    expect(rows[0]!.diameterMm).toBe(5.651470635);
  });

  it('names the file and line of a bad cell', () => {
    const text =
      'seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,1,2,3,4\n1.2,1,x,3,4\n';

    expect(() => parseLuna16Annotations(text, 'a.csv')).toThrow(
      'parseLuna16Annotations: a.csv:3: coordY must be a number, got "x".',
    );
  });

  it('refuses a header without the LUNA16 columns', () => {
    expect(() => parseLuna16Annotations('uid,x,y,z,d\n', 'b.csv')).toThrow(
      'parseLuna16Annotations: b.csv:1: header must have seriesuid, coordX, coordY, coordZ, ' +
        'diameter_mm, got "uid,x,y,z,d" (missing seriesuid, coordX, coordY, coordZ, diameter_mm).',
    );
  });
});

describe('parseLuna16Candidates', () => {
  it('reads the sample with its extra columns and checks the class', () => {
    const path = join(CSV, 'candidates_sample.csv');

    const rows = parseLuna16Candidates(readFileSync(path, 'utf8'), path);

    expect(rows).toHaveLength(28);
    expect(rows.filter((r) => r.label === 1)).toHaveLength(23);
    expect(() =>
      parseLuna16Candidates(
        'seriesuid,coordX,coordY,coordZ,class\n1,1,2,3,2\n',
        'c.csv',
      ),
    ).toThrow('parseLuna16Candidates: c.csv:2: class must be 0 or 1, got "2".');
  });
});

describe('splitCsvLine', () => {
  it('keeps commas and doubled quotes inside quotes', () => {
    expect(splitCsvLine('a,"[1, 2]","say ""hi""",')).toEqual([
      'a',
      '[1, 2]',
      'say "hi"',
      '',
    ]);
  });
});
