import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

import { BACKEND_REQUESTS, selectBackend } from '@lesson11/tensor';
import type { BackendRequest, Logger } from '@lesson11/tensor';

import { writeFileAtomic } from './atomic-write.js';
import type {
  LessonContext,
  LessonDefinition,
  LessonFlag,
  MetricValue,
} from './lesson-definition.js';
import { DEFAULT_DATA_DIR, locateLesson, REPO_ROOT } from './lesson-files.js';
import { createProgressRenderer } from './progress-bar.js';
import type { ProgressStream } from './progress-bar.js';

/** Where the runner writes: stdout for results, stderr for the rest. */
export interface RunnerIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
}

/** Flags every lesson part takes. */
export const COMMON_FLAGS: Record<string, LessonFlag> = {
  seed: {
    type: 'string',
    default: '',
    description: 'random seed',
  },
  backend: {
    type: 'string',
    default: '',
    description:
      `tfjs backend: ${BACKEND_REQUESTS.join(', ')} ` +
      '(default: env LESSON11_BACKEND, else auto)',
  },
  out: {
    type: 'string',
    default: '',
    description: 'output folder (default: out/<lesson>-<slug>)',
  },
  'data-dir': {
    type: 'string',
    default: '',
    description:
      'shared data folder (default: env LESSON11_DATA_DIR, else ../shared/data)',
  },
  quiet: {
    type: 'boolean',
    default: false,
    description: 'print only the result',
  },
  verbose: {
    type: 'boolean',
    default: false,
    description: 'one line per step',
  },
  help: { type: 'boolean', default: false, description: 'show this help' },
};

/** A run's outcome, for the CLI and for tests. */
export interface LessonRun {
  metrics: Record<string, MetricValue>;
  metricsPath: string;
  summary: string;
}

/** Formats `--help` for a lesson part. */
export function formatHelp(lesson: LessonDefinition): string {
  const lines = [`pnpm lesson ${lesson.id} [flags]`, '', lesson.title, ''];
  const flags = { ...lesson.flags, ...COMMON_FLAGS };
  const width = Math.max(...Object.keys(flags).map((name) => name.length)) + 4;
  for (const [name, flag] of Object.entries(flags)) {
    const fallback =
      name === 'seed' ? String(lesson.defaultSeed ?? 0) : String(flag.default);
    const shown =
      flag.type === 'boolean' || fallback === ''
        ? ''
        : ` (default: ${fallback})`;
    lines.push(`  --${name.padEnd(width)}${flag.description}${shown}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (
    text.trim() === '' ||
    !Number.isInteger(seed) ||
    seed < 0 ||
    seed >= 2 ** 32
  ) {
    throw new RangeError(
      `lesson: --seed must be an integer in [0, 2^32), got ${JSON.stringify(text)}.`,
    );
  }
  return seed;
}

function makeLogger(io: RunnerIo, verbose: boolean): Logger {
  const line = (text: string) => io.stderr.write(`${text}\n`);
  return {
    error: line,
    warn: line,
    info: verbose ? line : () => {},
    debug: () => {},
  };
}

/**
 * Runs one lesson part: parses its flags, selects the backend, prints seed
 * and backend, runs it, writes `metrics.json` atomically and prints a
 * summary line. Returns `null` after `--help`.
 *
 * @throws RangeError or TypeError for a bad id or flag (from `parseArgs`).
 */
export async function runLesson(
  id: string,
  argv: string[],
  io: RunnerIo,
): Promise<LessonRun | null> {
  const location = locateLesson(id);
  const module = (await import(pathToFileURL(location.modulePath).href)) as {
    lesson?: LessonDefinition;
  };
  const lesson = module.lesson;
  if (lesson === undefined || lesson.id !== id) {
    throw new TypeError(
      `lesson: ${location.modulePath} must export a lesson with id ${id}.`,
    );
  }
  const flags = { ...lesson.flags, ...COMMON_FLAGS };
  const options: ParseArgsConfig['options'] = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = { type: flag.type, default: flag.default };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`lesson ${id}: ${reason}. Try --help.`, {
      cause: error,
    });
  }
  if (values['help'] === true) {
    io.stdout.write(formatHelp(lesson));
    return null;
  }

  const quiet = values['quiet'] === true;
  const verbose = values['verbose'] === true && !quiet;
  const logger = makeLogger(io, verbose);
  const seedText = String(values['seed']);
  const seed =
    seedText === '' ? (lesson.defaultSeed ?? 0) : parseSeed(seedText);
  const backendText =
    String(values['backend']) || io.env['LESSON11_BACKEND'] || 'auto';
  const backend = await selectBackend({
    backend: backendText as BackendRequest,
    logger: { ...logger, info: () => {} },
  });
  const print = (line: string) => {
    if (!quiet) io.stdout.write(`${line}\n`);
  };
  print(`lesson ${id}: ${lesson.title}`);
  print(`seed ${seed}`);
  print(backend.message);
  if (verbose) logger.info(`flags ${JSON.stringify(values)}`);

  const outDir = resolve(
    String(values['out']) ||
      join(REPO_ROOT, 'out', `${location.lesson}-${location.slug}`),
  );
  await mkdir(outDir, { recursive: true });
  const dataDir = resolve(
    String(values['data-dir']) ||
      io.env['LESSON11_DATA_DIR'] ||
      DEFAULT_DATA_DIR,
  );
  const lessonValues: Record<string, string | boolean> = {};
  for (const name of Object.keys(lesson.flags)) {
    lessonValues[name] = values[name] as string | boolean;
  }
  const context: LessonContext = {
    id,
    values: lessonValues,
    seed,
    backend,
    outDir,
    dataDir,
    quiet,
    verbose,
    logger,
    print,
    progress: (label) =>
      createProgressRenderer(label, io.stderr, { verbose, quiet }),
    writeFile: async (name, data) => {
      const path = join(outDir, name);
      await writeFileAtomic(path, data);
      return path;
    },
  };

  const startedAt = performance.now();
  const result = await lesson.run(context);
  const elapsedS = (performance.now() - startedAt) / 1000;
  const metrics: Record<string, MetricValue> = {
    id,
    seed,
    backend: backend.backend,
    elapsedS: Number(elapsedS.toFixed(3)),
    ...result.metrics,
  };
  const metricsPath = await context.writeFile(
    'metrics.json',
    `${JSON.stringify(metrics, null, 2)}\n`,
  );
  print(`wrote ${metricsPath}`);
  io.stdout.write(
    `${id}  ${result.summary}  ${elapsedS.toFixed(1)} s  ` +
      `backend ${backend.backend}  seed ${seed}\n`,
  );
  return { metrics, metricsPath, summary: result.summary };
}
