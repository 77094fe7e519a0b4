import { parentPort } from 'node:worker_threads';

import { preprocessToCache } from './scan-cache.js';
import type { CacheSettings } from './scan-cache.js';

/** A job sent to a bulk worker. */
export interface BulkJob {
  source: string;
  cacheDir: string;
  settings: CacheSettings;
  force: boolean;
}

// Runs in a worker thread: one job per message, one outcome back.
parentPort?.on('message', (job: BulkJob) => {
  void preprocessToCache(
    job.source,
    job.cacheDir,
    job.settings,
    job.force,
  ).then((outcome) => parentPort?.postMessage(outcome));
});
