import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runLesson } from '@lesson11/runner';
import { afterEach, describe, expect, it } from 'vitest';

import {
  bestRun,
  mergeRows,
  readPrevious,
  RESULTS_FILE,
  reusableRuns,
} from './memn2n-table-runs.js';
import type { Row, RunRecord, TableSettings } from './memn2n-table-runs.js';

const settings: TableSettings = {
  restarts: 4,
  epochs: 120,
  annealEvery: 25,
  lsEpochs: 20,
  lsRestart: true,
  clip: 'perMatrix',
  peLength: 'sentence',
  peForm: 'paper',
  spareSlots: 0,
  emptySlots: 'masked',
  learningRate: 0.01,
  variant: 'pe-ls-rn',
  engine: 'fused',
};

function run(
  n: number,
  train: number,
  test: number,
  validation = 1,
): RunRecord {
  return {
    run: n,
    seed: 1000 * n + 6,
    trainError: train,
    validationError: validation,
    testError: test,
  };
}

function row(runs: RunRecord[], overrides: Partial<Row> = {}): Row {
  const best = bestRun(runs);
  return {
    set: 'en-10k',
    taskId: 6,
    status: 'done',
    testError: best.testError,
    trainError: best.trainError,
    validationError: best.validationError,
    restartTestErrors: runs.map((r) => r.testError),
    runs,
    chosenRun: best.run,
    epochs: 120,
    annealEvery: 25,
    lsEpochs: 20,
    lsRestart: true,
    clip: 'perMatrix',
    peLength: 'sentence',
    spareSlots: 0,
    learningRate: 0.01,
    variant: 'pe-ls-rn',
    elapsedS: 10,
    note: '',
    ...overrides,
  };
}

describe('bestRun', () => {
  it('keeps the lowest training error, then validation error, then the earliest run', () => {
    expect(bestRun([run(0, 2, 5), run(1, 1, 9), run(2, 3, 0)]).run).toBe(1);
    expect(bestRun([run(0, 1, 5, 4), run(1, 1, 9, 2)]).run).toBe(1);
    expect(bestRun([run(0, 1, 5, 2), run(1, 1, 9, 2)]).run).toBe(0);
    expect(() => bestRun([])).toThrow('bestRun: no runs given.');
  });
});

describe('reusableRuns', () => {
  it('keeps the saved runs of a row trained with the same settings', () => {
    const saved = row([run(0, 2, 5), run(1, 1, 4)]);
    expect(reusableRuns(saved, settings).map((r) => r.run)).toEqual([0, 1]);
    expect(reusableRuns(saved, { ...settings, restarts: 1 })).toEqual([
      saved.runs![0],
    ]);
  });

  it('keeps nothing when a setting differs, the row is old or absent', () => {
    const saved = row([run(0, 2, 5)]);
    expect(reusableRuns(saved, { ...settings, learningRate: null })).toEqual(
      [],
    );
    expect(reusableRuns(saved, { ...settings, epochs: 100 })).toEqual([]);
    expect(reusableRuns(saved, { ...settings, clip: 'spectral' })).toEqual([]);
    expect(reusableRuns(saved, { ...settings, emptySlots: 'nil' })).toEqual([]);
    expect(reusableRuns({ ...saved, runs: undefined }, settings)).toEqual([]);
    expect(reusableRuns(undefined, settings)).toEqual([]);
  });

  it('stops at the first missing run number, so run numbers stay seeds', () => {
    const saved = row([run(0, 2, 5), run(2, 1, 4)]);
    expect(reusableRuns(saved, settings).map((r) => r.run)).toEqual([0]);
  });
});

describe('mergeRows', () => {
  it('unites the runs of the same task and chooses the best again', () => {
    const rows = [row([run(0, 2, 5), run(1, 3, 6)])];
    mergeRows(rows, [
      row([run(2, 1, 3), run(3, 4, 1)]),
      row([run(0, 0, 0)], { taskId: 9 }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.runs!.map((r) => r.run)).toEqual([0, 1, 2, 3]);
    expect(rows[0]!.chosenRun).toBe(2);
    expect(rows[0]!.testError).toBe(3);
    expect(rows[0]!.restartTestErrors).toEqual([5, 6, 3, 1]);
    expect(rows[1]!.taskId).toBe(9);
  });

  it('keeps its own row when the other was trained with other settings', () => {
    const rows = [row([run(0, 2, 5)])];
    mergeRows(rows, [row([run(1, 0, 0)], { epochs: 60 })]);
    expect(rows[0]!.runs!.map((r) => r.run)).toEqual([0]);
    expect(rows[0]!.testError).toBe(5);
  });
});

/** Temporary folders, removed after each test. */
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0))
    rmSync(f, { recursive: true, force: true });
});
const folder = () => {
  const f = mkdtempSync(join(tmpdir(), 'memn2n-table-'));
  folders.push(f);
  return f;
};

describe('readPrevious', () => {
  it('reads saved rows, and no file as no rows unless required', async () => {
    const f = folder();
    expect(await readPrevious(f)).toEqual([]);
    await expect(readPrevious(f, true)).rejects.toThrow(
      `lesson: cannot read ${join(f, RESULTS_FILE)}`,
    );
    writeFileSync(
      join(f, RESULTS_FILE),
      JSON.stringify({ seed: 0, rows: [row([run(0, 1, 2)])] }),
    );
    expect((await readPrevious(f))[0]!.testError).toBe(2);
  });

  it('names the file when it holds no rows', async () => {
    const f = folder();
    writeFileSync(join(f, RESULTS_FILE), '{"seed":0}');
    await expect(readPrevious(f)).rejects.toThrow(
      `lesson: ${join(f, RESULTS_FILE)} has no "rows" array.`,
    );
  });
});

describe('11:memn2n-table --merge-from', () => {
  it('writes the merged rows to --out without training again', async () => {
    const [from, out] = [folder(), folder()];
    const saved = row([run(0, 1, 2.5), run(1, 0, 1.5)]);
    writeFileSync(
      join(from, RESULTS_FILE),
      JSON.stringify({ seed: 0, rows: [saved] }),
    );
    const sink = { write: () => true };

    const result = await runLesson(
      '11:memn2n-table',
      [
        ...['--sets', 'en-10k', '--tasks', '6', '--restarts', '2'],
        ...['--epochs', '120', '--ls-epochs', '20', '--ls-restart'],
        ...['--anneal-every', '25', '--lr', '0.01', '--empty-slots', 'masked'],
        ...['--merge-from', from, '--out', out, '--quiet'],
      ],
      { stdout: sink, stderr: sink, env: {} },
    );

    const written = JSON.parse(
      readFileSync(join(out, RESULTS_FILE), 'utf8'),
    ) as { rows: Row[] };
    expect(written.rows).toHaveLength(1);
    expect(written.rows[0]!.testError).toBe(1.5);
    expect(written.rows[0]!.elapsedS).toBe(saved.elapsedS);
    const metrics = result?.metrics as Record<
      string,
      { meanTestError: number }
    >;
    expect(metrics['en-10k']!.meanTestError).toBe(1.5);
  });
});
