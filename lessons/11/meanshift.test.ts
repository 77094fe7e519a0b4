import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodePng } from '@lesson11/plot';
import { runLesson } from '@lesson11/runner';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'lesson-meanshift-'));
const sink = { write: () => true };

describe('11:meanshift', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('finds the clusters on cpu and writes metrics and a picture', async () => {
    const printed: string[] = [];

    const run = await runLesson(
      '11:meanshift',
      ['--backend', 'cpu', '--points-per-cluster', '60', '--out', outDir],
      {
        stdout: { write: (t: string) => printed.push(t) },
        stderr: sink,
        env: {},
      },
    );

    expect(run?.metrics['clustersFound']).toBe(6);
    expect(run?.metrics['adjustedRandIndex']).toBeGreaterThanOrEqual(0.99);
    expect(run?.metrics['backend']).toBe('cpu');
    expect(printed.join('')).toContain('seed 21');
    const metrics = JSON.parse(
      readFileSync(join(outDir, 'metrics.json'), 'utf8'),
    );
    expect(metrics.n).toBe(360);
    const image = decodePng(readFileSync(join(outDir, 'meanshift.png')));
    expect(image.width).toBe(720);
    expect(existsSync(join(outDir, 'meanshift.png'))).toBe(true);
  });

  it('rejects a bandwidth of 0 with the flag and the value', async () => {
    await expect(
      runLesson(
        '11:meanshift',
        ['--bandwidth', '0', '--out', outDir, '--quiet'],
        {
          stdout: sink,
          stderr: sink,
          env: {},
        },
      ),
    ).rejects.toThrow(
      new RangeError('lesson: --bandwidth must be a number > 0, got "0".'),
    );
  });
});
