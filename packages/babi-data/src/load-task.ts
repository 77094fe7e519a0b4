import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  BOOLEAN_RULE,
  integerRule,
  oneOfRule,
  resolveOptions,
} from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

import { toExamples, TO_EXAMPLES_DEFAULTS } from './examples.js';
import type { BabiExample, ToExamplesOptions } from './examples.js';
import { parseBabi } from './parse-babi.js';
import { babiFileName, BABI_SETS } from './tasks.js';
import { TOKENIZERS } from './tokenize.js';
import type { BabiSet, BabiSplit } from './tasks.js';

/** The archive's top folder. */
export const BABI_ARCHIVE_FOLDER = 'tasks_1-20_v1-2';

/** A task file that is not there (the shared copy lacks task 3 of en-10k). */
export class MissingBabiFileError extends Error {
  readonly code = 'BABI_MISSING_FILE';
  constructor(readonly path: string) {
    super(`loadBabiTask: ${path} does not exist.`);
    this.name = 'MissingBabiFileError';
  }
}

/** Options of {@link loadBabiTask}. */
export interface LoadBabiTaskOptions extends ToExamplesOptions {
  /**
   * The task, 1 to 20.
   * @defaultValue 1
   */
  taskId?: number;
  /**
   * `'en'` (1k training questions) or `'en-10k'`.
   * @defaultValue 'en'
   */
  set?: BabiSet;
}

/** Defaults of {@link loadBabiTask}. */
export const LOAD_BABI_TASK_DEFAULTS: Readonly<Required<LoadBabiTaskOptions>> =
  Object.freeze({ ...TO_EXAMPLES_DEFAULTS, taskId: 1, set: 'en' });

const RULES: OptionRules<Required<LoadBabiTaskOptions>> = {
  taskId: integerRule({ min: 1, max: 20 }),
  set: oneOfRule(BABI_SETS),
  tokenizer: oneOfRule(TOKENIZERS),
  timeWords: BOOLEAN_RULE,
};

/** A task's training and test examples, with the files they came from. */
export interface BabiTask {
  taskId: number;
  set: BabiSet;
  train: BabiExample[];
  test: BabiExample[];
  files: Record<BabiSplit, string>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the folder that holds `en/` and `en-10k/`: `dataDir` itself, its
 * `tasks_1-20_v1-2/`, or its `babi/tasks_1-20_v1-2/` (the shared data root).
 *
 * @throws MissingBabiFileError when none of them has an `en/` folder.
 */
export async function resolveBabiRoot(dataDir: string): Promise<string> {
  const candidates = [
    dataDir,
    join(dataDir, BABI_ARCHIVE_FOLDER),
    join(dataDir, 'babi', BABI_ARCHIVE_FOLDER),
  ];
  for (const candidate of candidates) {
    if (await exists(join(candidate, 'en'))) return candidate;
  }
  throw new MissingBabiFileError(join(dataDir, BABI_ARCHIVE_FOLDER, 'en'));
}

/**
 * Reads, parses and tokenises one task's training and test files.
 *
 * @param dataDir - A folder {@link resolveBabiRoot} accepts.
 * @param options - Task, set, tokeniser and time words.
 * @returns Both splits as examples, in file order.
 * @throws MissingBabiFileError when a file is absent; BabiFormatError
 *   (`<file>:<line>`) when one is malformed; RangeError for bad options.
 * @example
 * const task = await loadBabiTask('../shared/data', { taskId: 1 });
 * task.train.length; // 1000
 */
export async function loadBabiTask(
  dataDir: string,
  options: LoadBabiTaskOptions = {},
): Promise<BabiTask> {
  const { taskId, set, tokenizer, timeWords } = resolveOptions(
    'loadBabiTask',
    options,
    LOAD_BABI_TASK_DEFAULTS,
    RULES,
  );
  const root = await resolveBabiRoot(dataDir);
  const files = {
    train: join(root, set, babiFileName(taskId, 'train')),
    test: join(root, set, babiFileName(taskId, 'test')),
  };
  const read = async (path: string): Promise<BabiExample[]> => {
    if (!(await exists(path))) throw new MissingBabiFileError(path);
    const text = await readFile(path, 'utf8');
    const stories = parseBabi(text, { fileName: path });
    return toExamples(stories, { tokenizer, timeWords });
  };
  return {
    taskId,
    set,
    train: await read(files.train),
    test: await read(files.test),
    files,
  };
}
