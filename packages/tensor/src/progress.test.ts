import { describe, expect, it } from 'vitest';

import { throttleProgress } from './progress.js';
import type { ProgressEvent } from './progress.js';

describe('throttleProgress', () => {
  it('forwards at most one event per 100 ms and always the last', () => {
    const seen: ProgressEvent[] = [];
    let clock = 0;
    const report = throttleProgress(
      (event) => seen.push(event),
      () => clock,
    );

    for (let completed = 1; completed <= 10; completed++) {
      clock = completed * 30;
      report({ stage: 'shift', completed, total: 10 });
    }

    expect(seen.map((event) => event.completed)).toEqual([1, 5, 9, 10]);
  });

  it('does nothing without a callback', () => {
    expect(() =>
      throttleProgress(undefined)({ stage: 's', completed: 1, total: null }),
    ).not.toThrow();
  });
});
