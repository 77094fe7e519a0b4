import { spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { copySlab, tempFolder } from '../test/shared-data.js';

const CLI = fileURLToPath(new URL('./bulk-cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx/cli');

describe('bulk-cli', () => {
  let temp: { path: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await tempFolder();
    await mkdir(join(temp.path, 'in', 'slab'), { recursive: true });
    await mkdir(join(temp.path, 'in', 'junk'));
    await copySlab('lidc-idri-0002', join(temp.path, 'in', 'slab'));
    await writeFile(join(temp.path, 'in', 'junk', 'a.dcm'), 'not a DICOM file');
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('processes the good scan, reports the bad one, writes report.json and exits 1', async () => {
    const cache = join(temp.path, 'cache');

    const run = spawnSync(
      process.execPath,
      [
        TSX,
        '--conditions=source',
        CLI,
        join(temp.path, 'in'),
        '--cache',
        cache,
        '--workers',
        '0',
      ],
      { encoding: 'utf8' },
    );

    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 scans: 1 done, 0 cached, 1 failed');
    expect(run.stdout).toContain('FAILED (too-few-slices)');
    const report = JSON.parse(
      await readFile(join(cache, 'report.json'), 'utf8'),
    );
    expect(report.failed).toBe(1);
  });

  it('exits 2 with the usage for missing flags', () => {
    const run = spawnSync(process.execPath, [TSX, '--conditions=source', CLI], {
      encoding: 'utf8',
    });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'usage: bulk-cli <scans-folder> --cache <folder>',
    );
  });
});
