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
  /** Spare memory slots for random noise (absent in older rows: 0). */
  spareSlots?: number;
  /** SGD rate given by --lr; null (or absent) for the variant's own. */
  learningRate?: number | null;
  variant: string;
  elapsedS: number;
  note: string;
}

export const RESULTS_FILE = 'table-results.json';

const percent = (accuracy: number): number =>
  Number((100 * (1 - accuracy)).toFixed(1));

/** Trains `restarts` runs of one task; keeps the lowest training error (§4.2). */
export async function trainTask(
  ctx: LessonContext,
  set: BabiSet,
  taskId: number,
  settings: {
    restarts: number;
    epochs: number;
    annealEvery: number;
    lsEpochs: number | null;
    lsRestart: boolean;
    clip: ClipScope;
    peLength: 'sentence' | 'padded';
    spareSlots: number;
    learningRate: number | null;
    variant: string;
    engine: EngineName;
  },
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
    spareSlots: settings.spareSlots,
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
  });
  const runs = [];
  for (let run = 0; run < settings.restarts; run++) {
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
      seed: ctx.seed + 1000 * run + taskId,
      onProgress: ctx.progress(`${set} task ${taskId} run ${run + 1}`),
    });
    // A run that ends inside linear start is evaluated as the linear model
    // it was trained as.
    const linear = history.at(-1)?.linear ?? false;
    const accuracy = (arrays: typeof data.test) =>
      evaluateMemN2N(config, parameters, arrays, linear).accuracy;
    const train = accuracy(data.train);
    const validation = data.validation === null ? 1 : accuracy(data.validation);
    const test = accuracy(data.test);
    runs.push({ run, train, validation, test });
  }
  // Lowest training error, then lowest validation error, then the earliest run.
  const best = [...runs].sort(
    (a, b) => b.train - a.train || b.validation - a.validation,
  )[0]!;
  return {
    ...base,
    status: 'done',
    testError: percent(best.test),
    trainError: percent(best.train),
    validationError: percent(best.validation),
    restartTestErrors: runs.map((r) => percent(r.test)),
    chosenRun: best.run,
    elapsedS: Number(((performance.now() - start) / 1000).toFixed(1)),
    note: '',
  };
}

export async function readPrevious(ctx: LessonContext): Promise<Row[]> {
  try {
    return JSON.parse(await readFile(join(ctx.outDir, RESULTS_FILE), 'utf8'))
      .rows as Row[];
  } catch {
    return [];
  }
}
