import { describe, expect, it } from 'vitest';

import { listLessons, locateLesson } from './lesson-files.js';

describe('locateLesson', () => {
  it('finds a part and its check file by id', () => {
    const location = locateLesson('11:meanshift');

    expect(location.modulePath.endsWith('lessons/11/meanshift.ts')).toBe(true);
    expect(location.checkPath.endsWith('lessons/11/meanshift.check.json')).toBe(
      true,
    );
    expect(listLessons()).toContain('11:meanshift');
  });

  it('rejects a malformed id and an unknown part', () => {
    expect(() => locateLesson('meanshift')).toThrow(
      new RangeError(
        'lesson: id must look like 11:meanshift, got "meanshift".',
      ),
    );
    expect(() => locateLesson('11:nope')).toThrow(/must name a lesson part/);
    expect(() => locateLesson('11:flag-values')).toThrow(
      /must name a lesson part/,
    );
    expect(listLessons()).not.toContain('11:flag-values');
  });
});
