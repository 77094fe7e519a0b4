/**
 * Command line: preprocess a folder of CT scans into a cache, in parallel.
 *
 *   npx tsx --conditions=source packages/dsb-pipeline/src/bulk-cli.ts \
 *     <scans-folder> --cache <folder> [--workers 2] [--mask robust|tutorial]
 *     [--order cubic|linear] [--spacing 1] [--force]
 *
 * Each sub-folder of DICOM files and each `.mhd` file is a scan. Results go
 * to the cache folder (format in the package README); a rerun reuses them.
 * Failed scans are listed, and written to `<cache>/report.json`; the exit
 * status is 1 when any scan failed, 2 for bad flags.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { preprocessFolder } from './bulk-preprocess.js';
import { writeFileAtomic } from './metaimage-writer.js';

const USAGE =
  'usage: bulk-cli <scans-folder> --cache <folder> [--workers 2] ' +
  '[--mask robust|tutorial] [--order cubic|linear] [--spacing 1] [--force]\n';

function bar(completed: number, total: number, failed: number): string {
  const width = Math.max(10, Math.min(40, (process.stderr.columns ?? 80) - 40));
  const filled = Math.round((width * completed) / Math.max(total, 1));
  const drawn = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  return `\r[${drawn}] ${completed}/${total} scans, ${failed} failed`;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        cache: { type: 'string' },
        workers: { type: 'string', default: '2' },
        mask: { type: 'string', default: 'robust' },
        order: { type: 'string', default: 'cubic' },
        spacing: { type: 'string', default: '1' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`bulk-cli: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1 || values.cache === undefined) {
    process.stderr.write(USAGE);
    return values.help ? 0 : 2;
  }
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  const report = await preprocessFolder(
    positionals[0] as string,
    values.cache,
    {
      workers: Number(values.workers),
      mask: values.mask as 'robust',
      order: values.order as 'cubic',
      targetSpacingMm: Number(values.spacing),
      force: values.force,
      onProgress: (event) => {
        const failed = event.metrics?.failed ?? 0;
        if (tty)
          process.stderr.write(bar(event.completed, event.total ?? 0, failed));
        else
          process.stderr.write(
            `${event.completed}/${event.total} scans done, ${failed} failed\n`,
          );
      },
    },
  );
  if (tty) process.stderr.write('\n');
  for (const outcome of report.outcomes) {
    const seconds = (outcome.elapsedMs / 1000).toFixed(1);
    const what =
      outcome.status === 'failed'
        ? `FAILED (${outcome.code ?? 'error'}): ${outcome.error}`
        : `${outcome.status} ${outcome.manifest.shape.join('x')}, ` +
          `lungs ${outcome.manifest.maskVoxels} voxels`;
    process.stdout.write(`${outcome.source}: ${what} [${seconds} s]\n`);
  }
  await writeFileAtomic(
    join(values.cache, 'report.json'),
    `${JSON.stringify(report, null, 1)}\n`,
  );
  const elapsed = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${report.outcomes.length} scans: ${report.done} done, ${report.cached} cached, ` +
      `${report.failed} failed in ${elapsed} s; report in ${join(values.cache, 'report.json')}\n`,
  );
  return report.failed > 0 ? 1 : 0;
}

main().then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    process.stderr.write(
      `bulk-cli: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
