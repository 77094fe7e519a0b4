// The per-task training behind lesson 11:memn2n-table: the paper's variants,
// one row per task (best of its restarts) and the saved results it resumes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { BabiSet } from '@lesson11/babi-data';
import { loadBabiTask, MissingBabiFileError } from '@lesson11/babi-data/node';
import {
  evaluateMemN2N,
  prepareBabiData,
  resolveMemN2NConfig,
  trainMemN2N,
} from '@lesson11/memnn';
import type {
  ClipScope,
  EmptySlots,
  EngineName,
  TrainMemN2NOptions,
} from '@lesson11/memnn';
import type { LessonContext } from '@lesson11/runner';

/** The variants of the paper's per-task table (§4.1–4.2). */
export const VARIANTS: Record<
  string,
  { positionEncoding: boolean; training: TrainMemN2NOptions }
> = {
  bow: { positionEncoding: false, training: {} },
  pe: { positionEncoding: true, training: {} },
  'pe-ls': {
    positionEncoding: true,
    training: { linearStart: true, learningRate: 0.005 },
  },
  'pe-ls-rn': {
    positionEncoding: true,
    training: { linearStart: true, learningRate: 0.005, randomNoise: true },
  },
};

/** One restart of a task: its seed and errors in percent. */
export interface RunRecord {
  run: number;
  seed: number;
  trainError: number;
  validationError: number;
  testError: number;
}

/** One row of the table: a task of a set, best of its restarts. */
export interface Row {
  set: BabiSet;
  taskId: number;
  status: 'done' | 'missing';
  /** Test error in percent of the chosen run; null when missing. */
  testError: number | null;
  trainError: number | null;
  validationError: number | null;
  /** Test errors of every restart, in run order. */
  restartTestErrors: number[];
  /** Every restart (absent in rows saved before it was kept). */
  runs?: RunRecord[];
  chosenRun: number | null;
  epochs: number;
  annealEvery: number;
  /** Fixed linear-start epochs, or null for the validation-loss rule. */
  lsEpochs: number | null;
  /** Whether the schedule started afresh after linear start. */
  lsRestart?: boolean;
  /** Gradient clipping scope (absent in older rows: perMatrix). */
  clip?: ClipScope;
  /** J of position encoding (absent in older rows: sentence). */
  peLength?: 'sentence' | 'padded';
  /** Form of position encoding (absent in older rows: paper). */
  peForm?: 'paper' | 'centred';
  /** Spare memory slots for random noise (absent in older rows: 0). */
  spareSlots?: number;
  /** Slots without a sentence (absent in older rows: masked). */
  emptySlots?: EmptySlots;
  /** SGD rate given by --lr; null (or absent) for the variant's own. */
  learningRate?: number | null;
  variant: string;
  elapsedS: number;
  note: string;
}

export const RESULTS_FILE = 'table-results.json';

/** Exact for up to 100 000 examples, so runs are compared unrounded. */
const precisePercent = (accuracy: number): number =>
  Number((100 * (1 - accuracy)).toFixed(3));

/** The settings a row is trained with; rows with other settings are retrained. */
export interface TableSettings {
  restarts: number;
  epochs: number;
  annealEvery: number;
  lsEpochs: number | null;
  lsRestart: boolean;
  clip: ClipScope;
  peLength: 'sentence' | 'padded';
  peForm: 'paper' | 'centred';
  spareSlots: number;
  emptySlots: EmptySlots;
  learningRate: number | null;
  variant: string;
  engine: EngineName;
}

/**
 * Trains runs `done.length` to `restarts − 1` of one task (run r has seed
 * `seed + 1000 r + taskId`, so a run is the same whichever process trains
 * it) and keeps the run with the lowest training error (§4.2).
 */
export async function trainTask(
  ctx: LessonContext,
  set: BabiSet,
  taskId: number,
  settings: TableSettings,
  done: readonly RunRecord[] = [],
): Promise<Row> {
  const start = performance.now();
  const base = {
    set,
    taskId,
    epochs: settings.epochs,
    annealEvery: settings.annealEvery,
    lsEpochs: settings.lsEpochs,
    lsRestart: settings.lsRestart,
    clip: settings.clip,
    peLength: settings.peLength,
    peForm: settings.peForm,
    spareSlots: settings.spareSlots,
    emptySlots: settings.emptySlots,
    learningRate: settings.learningRate,
    variant: settings.variant,
  };
  let task;
  try {
    task = await loadBabiTask(ctx.dataDir, { taskId, set });
  } catch (error) {
    if (!(error instanceof MissingBabiFileError)) throw error;
    return {
      ...base,
      status: 'missing',
      testError: null,
      trainError: null,
      validationError: null,
      restartTestErrors: [],
      chosenRun: null,
      elapsedS: 0,
      note: `missing file: ${error.path}`,
    };
  }
  const data = prepareBabiData(task.train, task.test, {
    memorySize: 50,
    spareSlotFraction: settings.spareSlots,
  });
  const variant = VARIANTS[settings.variant]!;
  const config = resolveMemN2NConfig({
    vocabularySize: data.vocabulary.size,
    memorySize: data.memorySize,
    positionEncoding: variant.positionEncoding,
    positionEncodingLength: settings.peLength,
    positionEncodingForm: settings.peForm,
    emptySlots: settings.emptySlots,
  });
  const runs: RunRecord[] = [...done];
  for (let run = done.length; run < settings.restarts; run++) {
    const seed = ctx.seed + 1000 * run + taskId;
    const { parameters, history } = await trainMemN2N(config, data, {
      ...variant.training,
      ...(settings.learningRate === null
        ? {}
        : { learningRate: settings.learningRate }),
      epochs: settings.epochs,
      annealEvery: settings.annealEvery,
      ...(settings.lsEpochs === null
        ? {}
        : { linearStartPatience: null, linearStartEpochs: settings.lsEpochs }),
      restartScheduleAfterLinearStart: settings.lsRestart,
      clipScope: settings.clip,
      engine: settings.engine,
      seed,
      onProgress: ctx.progress(`${set} task ${taskId} run ${run + 1}`),
    });
    // A run that ends inside linear start is evaluated as the linear model
    // it was trained as.
    const linear = history.at(-1)?.linear ?? false;
    const accuracy = (arrays: typeof data.test) =>
      evaluateMemN2N(config, parameters, arrays, linear).accuracy;
    runs.push({
      run,
      seed,
      trainError: precisePercent(accuracy(data.train)),
      validationError:
        data.validation === null
          ? 0
          : precisePercent(accuracy(data.validation)),
      testError: precisePercent(accuracy(data.test)),
    });
  }
  const best = bestRun(runs);
  return {
    ...base,
    status: 'done',
    testError: Number(best.testError.toFixed(1)),
    trainError: Number(best.trainError.toFixed(1)),
    validationError: Number(best.validationError.toFixed(1)),
    restartTestErrors: runs.map((r) => Number(r.testError.toFixed(1))),
    runs,
    chosenRun: best.run,
    elapsedS: Number(((performance.now() - start) / 1000).toFixed(1)),
    note: '',
  };
}

/** Lowest training error, then lowest validation error, then the earliest run. */
export function bestRun(runs: readonly RunRecord[]): RunRecord {
  if (runs.length === 0) throw new RangeError('bestRun: no runs given.');
  return [...runs].sort(
    (a, b) =>
      a.trainError - b.trainError ||
      a.validationError - b.validationError ||
      a.run - b.run,
  )[0]!;
}

/** The training settings of a row or a command line, defaults filled in. */
type SettingsLike = Pick<Row, 'epochs' | 'variant'> &
  Partial<
    Pick<
      Row,
      | 'annealEvery'
      | 'lsEpochs'
      | 'lsRestart'
      | 'clip'
      | 'peLength'
      | 'peForm'
      | 'spareSlots'
      | 'emptySlots'
      | 'learningRate'
    >
  >;

function settingsKey(s: SettingsLike): string {
  return JSON.stringify([
    s.epochs,
    s.annealEvery ?? 25,
    s.lsEpochs ?? null,
    s.lsRestart ?? false,
    s.clip ?? 'perMatrix',
    s.peLength ?? 'sentence',
    s.peForm ?? 'paper',
    s.spareSlots ?? 0,
    s.emptySlots ?? 'masked',
    s.learningRate ?? null,
    s.variant,
  ]);
}

/** Whether a saved row was trained with these settings (restarts aside). */
export function sameSettings(old: Row, settings: SettingsLike): boolean {
  return old.status === 'done' && settingsKey(old) === settingsKey(settings);
}

/**
 * The runs of a saved row that can be kept for `settings`: all of them when
 * the row was trained with the same settings (up to `restarts`), none when
 * anything differs or the row predates per-run records.
 */
export function reusableRuns(
  old: Row | undefined,
  settings: TableSettings,
): RunRecord[] {
  if (
    old === undefined ||
    old.runs === undefined ||
    !sameSettings(old, settings)
  ) {
    return [];
  }
  return [...old.runs]
    .sort((a, b) => a.run - b.run)
    .filter((r, i) => r.run === i)
    .slice(0, settings.restarts);
}

/**
 * Merges rows saved by other processes (`--merge-from`) into `rows`: a new
 * task is added; for a task trained with the same settings on both sides,
 * the runs are united by run number and the best run chosen again; a task
 * trained with other settings keeps the row already in `rows`.
 */
export function mergeRows(rows: Row[], incoming: readonly Row[]): void {
  for (const row of incoming) {
    const at = rows.findIndex(
      (r) => r.set === row.set && r.taskId === row.taskId,
    );
    const mine = rows[at];
    if (mine === undefined) {
      rows.push(row);
      continue;
    }
    if (
      mine.runs === undefined ||
      row.runs === undefined ||
      !sameSettings(row, mine) ||
      !sameSettings(mine, row)
    ) {
      continue;
    }
    const byRun = new Map<number, RunRecord>();
    for (const r of [...mine.runs, ...row.runs]) byRun.set(r.run, r);
    const runs = [...byRun.values()].sort((a, b) => a.run - b.run);
    const best = bestRun(runs);
    rows[at] = {
      ...mine,
      runs,
      testError: Number(best.testError.toFixed(1)),
      trainError: Number(best.trainError.toFixed(1)),
      validationError: Number(best.validationError.toFixed(1)),
      restartTestErrors: runs.map((r) => Number(r.testError.toFixed(1))),
      chosenRun: best.run,
      elapsedS: Number((mine.elapsedS + row.elapsedS).toFixed(1)),
    };
  }
}

/**
 * The rows saved in `folder`. A missing file is no rows, unless `required`
 * (a folder named by --merge-from), which throws an error naming it.
 */
export async function readPrevious(
  folder: string,
  required = false,
): Promise<Row[]> {
  const path = join(folder, RESULTS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw new Error(`lesson: cannot read ${path}`, { cause: error });
  }
  const rows = (JSON.parse(text) as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) {
    throw new Error(`lesson: ${path} has no "rows" array.`);
  }
  return rows as Row[];
}
