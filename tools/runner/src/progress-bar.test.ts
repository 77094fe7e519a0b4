import { describe, expect, it } from 'vitest';

import { createProgressRenderer } from './progress-bar.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, columns: 60, write: (t: string) => written.push(t) },
  };
}

describe('createProgressRenderer', () => {
  it('prints one line per finished stage without a TTY', () => {
    const { written, stream } = fakeStream(false);
    let clock = 0;
    const report = createProgressRenderer('mean shift', stream, {
      now: () => clock,
    });

    report({ stage: 'shift', completed: 1, total: 3 });
    clock = 1500;
    report({ stage: 'shift', completed: 3, total: 3 });

    expect(written).toEqual(['mean shift: shift done (3/3) in 1.5 s\n']);
  });

  it('draws a bar on a TTY only after 2 s, then clears it', () => {
    const { written, stream } = fakeStream(true);
    let clock = 0;
    const report = createProgressRenderer('train', stream, {
      now: () => clock,
    });

    report({ stage: 'epoch', completed: 1, total: 10 });
    clock = 2500;
    report({
      stage: 'epoch',
      completed: 5,
      total: 10,
      metrics: { loss: 0.25 },
    });
    clock = 2600;
    report({ stage: 'epoch', completed: 10, total: 10 });

    expect(written).toHaveLength(2);
    expect(written[0]).toContain(
      '[##########.........] train epoch 5/10  loss 0.25',
    );
    expect(written[0]!.length).toBeLessThan(80);
    expect(written[1]).toBe('\r\u001b[2K');
  });

  it('prints every event with verbose and nothing with quiet', () => {
    const verbose = fakeStream(false);
    const quiet = fakeStream(false);

    createProgressRenderer('ms', verbose.stream, { verbose: true })({
      stage: 'shift',
      completed: 2,
      total: null,
      metrics: { maxShift: 0.0031, elapsedMs: 41.2 },
    });
    createProgressRenderer('ms', quiet.stream, { quiet: true })({
      stage: 'shift',
      completed: 1,
      total: 1,
    });

    expect(verbose.written).toEqual(['ms shift 2  maxShift 3.1e-3  41 ms\n']);
    expect(quiet.written).toEqual([]);
  });
});
