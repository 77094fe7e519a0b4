import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodePng } from '@lesson11/plot';
import { runLesson } from '@lesson11/runner';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'lesson-meanshift-ann-'));
const sink = { write: () => true };

describe('11:meanshift-ann', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('collapses every cluster with each neighbour search and draws a panel each', async () => {
    const run = await runLesson(
      '11:meanshift-ann',
      [
        '--backend',
        'cpu',
        '--points-per-cluster',
        '80',
        '--seed',
        '3',
        '--out',
        outDir,
      ],
      { stdout: sink, stderr: sink, env: {} },
    );

    const metrics = run?.metrics as Record<string, Record<string, number>>;
    for (const method of ['exact', 'e2lsh', 'spill']) {
      expect(metrics[method]!['clusters']).toBe(metrics['dense']!['clusters']);
      expect(metrics[method]!['ariDense']).toBeGreaterThanOrEqual(0.99);
      expect(metrics[method]!['particles']).toBeLessThanOrEqual(12);
    }
    const image = decodePng(readFileSync(join(outDir, 'meanshift-ann.png')));
    expect(image.width).toBeGreaterThan(900);
  });

  it('rejects an unknown method', async () => {
    await expect(
      runLesson(
        '11:meanshift-ann',
        ['--methods', 'dense,kd', '--out', outDir],
        {
          stdout: sink,
          stderr: sink,
          env: {},
        },
      ),
    ).rejects.toThrow(
      'lesson: --methods must list some of dense, exact, e2lsh, spill, got "dense,kd".',
    );
  });
});
