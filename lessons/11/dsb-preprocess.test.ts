import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodePng } from '@lesson11/plot';
import { runLesson } from '@lesson11/runner';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'lesson-dsb-preprocess-'));
const sink = { write: () => true };
const io = { stdout: sink, stderr: sink, env: {} };

describe('11:dsb-preprocess', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('segments the phantom lungs, finds its nodules and draws the montage', async () => {
    const run = await runLesson(
      '11:dsb-preprocess',
      ['--backend', 'cpu', '--out', outDir],
      io,
    );

    const metrics = run?.metrics as Record<string, unknown>;
    expect(metrics.resampledShape).toEqual([50, 288, 288]);
    const truth = metrics.truthDice as { tutorial: number; robust: number };
    expect(truth.tutorial).toBeGreaterThan(0.97);
    expect(truth.robust).toBeGreaterThan(0.97);
    const nodules = metrics.nodules as Array<Record<string, unknown>>;
    expect(nodules.map((n) => n.diameterMm)).toEqual([6, 10, 14]);
    // Solid nodules are tissue: the tutorial mask (no fill) leaves them out,
    // the robust mask fills them in.
    expect(
      nodules.every((n) => n.inVolume && !n.inTutorialMask && n.inRobustMask),
    ).toBe(true);
    const image = decodePng(readFileSync(join(outDir, 'montage.png')));
    expect(image.height).toBeGreaterThan(2 * 256);
  });

  it('shows the tutorial mask failing on lidc-idri-0002 and the robust one not', async () => {
    const run = await runLesson(
      '11:dsb-preprocess',
      ['--backend', 'cpu', '--data', 'ct/lidc-idri-0002', '--out', outDir],
      io,
    );

    const metrics = run?.metrics as Record<string, Record<string, unknown>>;
    expect(metrics.tutorialMask?.plausible).toBe(false);
    expect(metrics.robustMask?.plausible).toBe(true);
    expect(metrics.paddedVoxels).toBeGreaterThan(0);
  });

  it('reproduces the table failure of the tutorial mask on the wide-body phantom', async () => {
    const run = await runLesson(
      '11:dsb-preprocess',
      ['--backend', 'cpu', '--wide-body', '--out', outDir],
      io,
    );

    const truth = run?.metrics.truthDice as {
      tutorial: number;
      robust: number;
    };
    expect(truth.tutorial).toBeLessThan(0.1);
    expect(truth.robust).toBeGreaterThan(0.97);
  });

  it('refuses an unknown order with the flag and the value', async () => {
    await expect(
      runLesson(
        '11:dsb-preprocess',
        ['--order', 'quadratic', '--out', outDir],
        io,
      ),
    ).rejects.toThrow(
      'lesson: --order must be cubic or linear, got "quadratic".',
    );
  });
});
