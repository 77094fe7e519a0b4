// Bulk preprocessing of the shared CT folder (three LIDC slabs and the
// folders that are not scans) with 0 (this thread), 1 and 2 worker threads:
// wall time per run, into a fresh temporary cache each time.
//
//   pnpm bench dsb-bulk [--workers 0,1,2] [--data-dir ../shared/data]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { preprocessFolder } from '@lesson11/dsb-pipeline';

import { PEERS_DIR } from './peers.js';
import { markdownTable } from './timing.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '0,1,2' },
    'data-dir': { type: 'string', default: join(PEERS_DIR, '..', 'data') },
  },
});
const folder = resolve(values['data-dir'], 'ct');
const rows: string[][] = [];
for (const workers of values.workers.split(',').map(Number)) {
  const cache = mkdtempSync(join(tmpdir(), 'bench-dsb-bulk-'));
  try {
    const start = performance.now();
    const report = await preprocessFolder(folder, cache, { workers });
    const seconds = (performance.now() - start) / 1000;
    rows.push([
      String(workers),
      String(report.outcomes.length),
      String(report.done),
      String(report.failed),
      seconds.toFixed(2),
    ]);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
process.stdout.write(
  `dsb-bulk: ${folder}, robust mask, cubic 1 mm; worker start-up included\n\n` +
    `${markdownTable(['workers', 'scans', 'done', 'failed', 'wall s'], rows)}\n`,
);
