import type {
  BackendSelection,
  Logger,
  ProgressCallback,
} from '@lesson11/tensor';

/** A flag a lesson part accepts beside the runner's common ones. */
export interface LessonFlag {
  type: 'string' | 'boolean';
  /** The value when the flag is not given (strings are parsed by the lesson). */
  default: string | boolean;
  /** One line for `--help`. */
  description: string;
}

/** A value a lesson writes into `metrics.json`. */
export type MetricValue =
  | number
  | string
  | boolean
  | null
  | MetricValue[]
  | { [key: string]: MetricValue };

/** What the runner hands a lesson part. */
export interface LessonContext {
  /** The part's id, e.g. `'11:meanshift'`. */
  id: string;
  /** The part's own flags, parsed (`string` or `boolean` per its type). */
  values: Record<string, string | boolean>;
  /** The seed of this run (`--seed`), already printed by the runner. */
  seed: number;
  /** The tfjs backend in use (`--backend`), already active. */
  backend: BackendSelection;
  /** The output folder (`--out`), created before `run` is called. */
  outDir: string;
  /** The shared data folder (`--data-dir`, default `../shared/data`). */
  dataDir: string;
  quiet: boolean;
  verbose: boolean;
  /** Diagnostics: `info` lines show with `--verbose`; all go to stderr. */
  logger: Logger;
  /** Prints one result line on stdout (suppressed by `--quiet`). */
  print(line: string): void;
  /**
   * Returns a progress callback for a library call: a bar on a TTY, one
   * line per finished stage otherwise.
   */
  progress(label: string): ProgressCallback;
  /** Writes a file into `outDir` atomically; returns its path. */
  writeFile(name: string, data: Uint8Array | string): Promise<string>;
}

/** What a lesson part returns. */
export interface LessonResult {
  /**
   * Written to `<outDir>/metrics.json` (with id, seed and backend added) and
   * compared by `pnpm lesson:check`.
   */
  metrics: Record<string, MetricValue>;
  /** The key result, for the final summary line, e.g. `'6 clusters, ARI 1.000'`. */
  summary: string;
}

/** A lesson part: `lessons/<lesson>/<slug>.ts` exports one as `lesson`. */
export interface LessonDefinition {
  /** `'<lesson>:<slug>'`, matching the file's place. */
  id: string;
  /** One line: what the part teaches. */
  title: string;
  /** The part's own flags, by long name (kebab-case). */
  flags: Record<string, LessonFlag>;
  /**
   * The seed used when `--seed` is not given.
   * @defaultValue 0
   */
  defaultSeed?: number;
  run(context: LessonContext): Promise<LessonResult>;
}
