import {
  copyFile,
  mkdir,
  readFile,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { copySlab, SHARED_CT, tempFolder } from '../test/shared-data.js';
import {
  BULK_DEFAULTS,
  findScans,
  preprocessFolder,
} from './bulk-preprocess.js';
import { readMetaImage } from './metaimage.js';

describe('preprocessFolder', () => {
  let temp: { path: string; remove: () => Promise<void> };
  let input: string;
  let cache: string;

  beforeAll(async () => {
    temp = await tempFolder();
    input = join(temp.path, 'scans');
    cache = join(temp.path, 'cache');
    // A good slab, a truncated one, one with only a text file, a bad .raw.
    for (const name of ['good', 'truncated', 'empty'])
      await mkdir(join(input, name), { recursive: true });
    await copySlab('lidc-idri-0002', join(input, 'good'));
    const names = await copySlab('lidc-idri-0002', join(input, 'truncated'));
    const victim = join(input, 'truncated', names[3] as string);
    await writeFile(victim, (await readFile(victim)).subarray(0, 200_000));
    await writeFile(join(input, 'empty', 'notes.txt'), 'no images here');
    const uid =
      '1.3.6.1.4.1.14519.5.2.1.6279.6001.170706757615202213033480003264';
    await copyFile(
      join(SHARED_CT, 'luna16-style-mhd', `${uid}.mhd`),
      join(input, `${uid}.mhd`),
    );
    await writeFile(join(input, `${uid}.raw`), new Uint8Array(1000));
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('finds DICOM folders and .mhd files', async () => {
    const scans = await findScans(input);

    expect(scans.map((s) => s.slice(input.length + 1))).toEqual([
      '1.3.6.1.4.1.14519.5.2.1.6279.6001.170706757615202213033480003264.mhd',
      'empty',
      'good',
      'truncated',
    ]);
  });

  it('follows symbolic links to scan folders', async () => {
    const links = join(temp.path, 'links');
    await mkdir(links);
    await symlink(join(SHARED_CT, 'lidc-idri-0003'), join(links, 'slab'));

    expect(await findScans(links)).toEqual([join(links, 'slab')]);
  });

  it('runs the good scan on two workers, reports the bad ones and reuses the cache', async () => {
    const events: number[] = [];

    const first = await preprocessFolder(input, cache, {
      onProgress: (e) => events.push(e.completed),
    });
    const second = await preprocessFolder(input, cache);

    expect(
      first.outcomes.map((o) => [
        o.status,
        o.status === 'failed' ? o.code : null,
      ]),
    ).toEqual([
      ['failed', 'wrong-size'],
      ['failed', 'too-few-slices'],
      ['done', null],
      ['failed', 'truncated'],
    ]);
    expect(events).toEqual([1, 2, 3, 4]);
    expect(second.cached).toBe(1);
    expect(second.failed).toBe(3);
    const volume = await readMetaImage(join(cache, 'good.mhd'));
    expect(volume.shape).toEqual([15, 349, 349]);
    expect(volume.originMm).toEqual([-175.5, -174.5, -94.5]);
    expect(volume.spacingMm[0]).toBeCloseTo(0.982143, 5);
    const mask = await readMetaImage(join(cache, 'good.lungs.mhd'));
    expect(mask.data.reduce((a, b) => a + b, 0)).toBeGreaterThan(200_000);
  });

  it('runs in this thread with workers 0 and has defaults', async () => {
    const report = await preprocessFolder(
      join(input, 'good'),
      join(temp.path, 'cache0'),
      {
        workers: 0,
        mask: 'tutorial',
      },
    );

    expect(report.done).toBe(1);
    expect(BULK_DEFAULTS).toEqual({
      workers: 2,
      targetSpacingMm: 1,
      order: 'cubic',
      mask: 'robust',
      force: false,
    });
  });
});
