import { mkdir, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import {
  BOOLEAN_RULE,
  integerRule,
  numberRule,
  oneOfRule,
  OPTIONAL_FUNCTION_RULE,
  resolveOptions,
} from '@lesson11/tensor';
import type { ProgressCallback } from '@lesson11/tensor';

import type { BulkJob } from './bulk-worker.js';
import { preprocessToCache } from './scan-cache.js';
import type { CacheSettings, ScanOutcome } from './scan-cache.js';

/** Options of {@link preprocessFolder}. */
export interface BulkOptions {
  /** Worker threads; 0 runs in this thread. @defaultValue 2 */
  workers?: number;
  /** Target spacing, mm. @defaultValue 1 */
  targetSpacingMm?: number;
  /** Resampling. @defaultValue 'cubic' */
  order?: 'linear' | 'cubic';
  /** The mask stored. @defaultValue 'robust' */
  mask?: 'tutorial' | 'robust';
  /** Recompute even when the cache matches. @defaultValue false */
  force?: boolean;
  /** One event per finished scan (stage `'scans'`). */
  onProgress?: ProgressCallback;
}

/** Defaults of {@link BulkOptions}. */
export const BULK_DEFAULTS: Readonly<
  Required<Omit<BulkOptions, 'onProgress'>>
> = Object.freeze({
  workers: 2,
  targetSpacingMm: 1,
  order: 'cubic',
  mask: 'robust',
  force: false,
});

const RULES = {
  workers: integerRule({ min: 0, max: 64 }),
  targetSpacingMm: numberRule({ min: 0, minExclusive: true }),
  order: oneOfRule(['linear', 'cubic']),
  mask: oneOfRule(['tutorial', 'robust']),
  force: BOOLEAN_RULE,
  onProgress: OPTIONAL_FUNCTION_RULE,
};

/**
 * The scans in a folder: each sub-folder is a DICOM series, each `.mhd` file
 * a MetaImage volume; a folder that itself holds `.dcm` files is one scan.
 */
export async function findScans(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  // Follow symbolic links: a folder of links to scans is a common layout.
  const kinds = await Promise.all(
    entries.map(async (entry) => {
      if (!entry.isSymbolicLink()) {
        return {
          name: entry.name,
          file: entry.isFile(),
          dir: entry.isDirectory(),
        };
      }
      const info = await stat(join(folder, entry.name)).catch(() => null);
      return {
        name: entry.name,
        file: info?.isFile() === true,
        dir: info?.isDirectory() === true,
      };
    }),
  );
  if (kinds.some((k) => k.file && k.name.toLowerCase().endsWith('.dcm'))) {
    return [folder];
  }
  return kinds
    .filter((k) => k.dir || (k.file && /\.mhd$/i.test(k.name)))
    .map((k) => join(folder, k.name))
    .sort();
}

/**
 * Starts a worker thread that runs {@link preprocessToCache}. From built
 * JavaScript it loads `bulk-worker.js`; from TypeScript sources (tsx,
 * vitest) it registers tsx's loader in the thread first, since a worker
 * cannot load a `.ts` file by itself.
 */
function startWorker(): Worker {
  const url = new URL(
    import.meta.url.endsWith('.ts') ? './bulk-worker.ts' : './bulk-worker.js',
    import.meta.url,
  );
  if (url.pathname.endsWith('.js')) {
    return new Worker(url);
  }
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  const code =
    `import(${JSON.stringify(new URL(`file://${tsxApi}`).href)})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  const execArgv = process.execArgv.includes('--conditions=source')
    ? process.execArgv
    : [...process.execArgv, '--conditions=source'];
  return new Worker(code, { eval: true, execArgv });
}

/** The outcome of a batch: every scan's, in input order. */
export interface BulkReport {
  outcomes: ScanOutcome[];
  done: number;
  cached: number;
  failed: number;
}

/**
 * Preprocesses every scan of a folder into a cache folder, in parallel, and
 * reuses cache entries whose source and settings have not changed. A scan
 * that fails is reported and the others go on.
 *
 * @param folder - See {@link findScans}.
 * @param cacheDir - Created when missing.
 * @returns One outcome per scan, failures included.
 * @throws TypeError or RangeError for bad options; an error when the
 *   folder cannot be listed.
 */
export async function preprocessFolder(
  folder: string,
  cacheDir: string,
  options: BulkOptions = {},
): Promise<BulkReport> {
  const defaults: BulkOptions = { ...BULK_DEFAULTS, onProgress: undefined };
  const config = resolveOptions<BulkOptions>(
    'preprocessFolder',
    options,
    defaults,
    RULES,
  ) as Required<Omit<BulkOptions, 'onProgress'>> &
    Pick<BulkOptions, 'onProgress'>;
  if (!(await stat(folder)).isDirectory()) {
    throw new RangeError(
      `preprocessFolder: folder must be a folder, got "${folder}".`,
    );
  }
  await mkdir(cacheDir, { recursive: true });
  const sources = await findScans(folder);
  const settings: CacheSettings = {
    targetSpacingMm: config.targetSpacingMm,
    order: config.order,
    mask: config.mask,
  };
  const outcomes: ScanOutcome[] = new Array(sources.length);
  let finished = 0;
  const record = (index: number, outcome: ScanOutcome) => {
    outcomes[index] = outcome;
    finished += 1;
    const failed = outcomes.filter((o) => o?.status === 'failed').length;
    config.onProgress?.({
      stage: 'scans',
      completed: finished,
      total: sources.length,
      metrics: { failed },
    });
  };

  // A pool: each worker takes the next scan when it finishes one.
  let next = 0;
  const runLane = async (worker: Worker | null) => {
    while (next < sources.length) {
      const index = next;
      next += 1;
      const source = sources[index] as string;
      const job: BulkJob = { source, cacheDir, settings, force: config.force };
      const outcome =
        worker === null
          ? await preprocessToCache(source, cacheDir, settings, config.force)
          : await new Promise<ScanOutcome>((done, fail) => {
              worker.once('message', done);
              worker.once('error', fail);
              worker.postMessage(job);
            }).catch((error: unknown) => ({
              source,
              status: 'failed' as const,
              error: error instanceof Error ? error.message : String(error),
              code: 'worker-crashed',
              elapsedMs: 0,
            }));
      record(index, outcome);
    }
  };
  const lanes = Math.min(config.workers, sources.length);
  const workers = Array.from({ length: lanes }, () => startWorker());
  try {
    await Promise.all(
      lanes === 0 ? [runLane(null)] : workers.map((w) => runLane(w)),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const count = (status: ScanOutcome['status']) =>
    outcomes.filter((o) => o.status === status).length;
  return {
    outcomes,
    done: count('done'),
    cached: count('cached'),
    failed: count('failed'),
  };
}
