import { readFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SHARED_CT, tempFolder } from '../test/shared-data.js';
import { readDicomSeries } from './dicom-series.js';
import { hounsfieldUnits } from './hounsfield.js';
import { loadScan } from './load-scan.js';
import {
  MetaImageError,
  parseMetaImageHeader,
  readMetaImage,
} from './metaimage.js';

const MHD = join(SHARED_CT, 'luna16-style-mhd');
const UID = {
  'lidc-idri-0001':
    '1.3.6.1.4.1.14519.5.2.1.6279.6001.179049373636438705059720603192',
  'lidc-idri-0003':
    '1.3.6.1.4.1.14519.5.2.1.6279.6001.170706757615202213033480003264',
} as const;

describe('readMetaImage', () => {
  let temp: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await tempFolder();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it.each(Object.entries(UID))(
    'equals the DICOM slab %s it came from',
    async (slab, uid) => {
      const series = await readDicomSeries(join(SHARED_CT, slab));
      // The .mhd volumes were written without the padding rule.
      const dicom = hounsfieldUnits(series, { padding: 'none' });

      const scan = await loadScan(join(MHD, `${uid}.mhd`));

      expect(scan.format).toBe('metaimage');
      expect(scan.id).toBe(uid);
      expect(scan.hu.shape).toEqual(dicom.shape);
      expect(scan.hu.spacingMm).toEqual(dicom.spacingMm);
      expect(scan.hu.originMm).toEqual(dicom.originMm);
      const bytes = (a: Int16Array) =>
        Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(Buffer.compare(bytes(scan.hu.data), bytes(dicom.data))).toBe(0);
    },
  );

  it('refuses a .raw of the wrong size and names both sizes', async () => {
    const header = join(temp.path, 'scan.mhd');
    const text = readFileSync(
      join(MHD, `${UID['lidc-idri-0003']}.mhd`),
      'utf8',
    );
    await writeFile(
      header,
      text.replace(/ElementDataFile = .*/, 'ElementDataFile = scan.raw'),
    );
    const raw = await readFile(join(MHD, `${UID['lidc-idri-0003']}.raw`));
    await writeFile(
      join(temp.path, 'scan.raw'),
      raw.subarray(0, raw.length - 2),
    );

    const error = await readMetaImage(header).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MetaImageError);
    expect((error as Error).message).toBe(
      `readMetaImage: ${join(temp.path, 'scan.raw')} must hold 5767168 bytes ` +
        '(DimSize 512 512 11, MET_SHORT), got 5767166.',
    );
  });

  it('reads a header whose data file sits beside it', async () => {
    const uid = UID['lidc-idri-0001'];
    await copyFile(join(MHD, `${uid}.mhd`), join(temp.path, 'a.mhd'));
    await copyFile(join(MHD, `${uid}.raw`), join(temp.path, `${uid}.raw`));

    const image = await readMetaImage(join(temp.path, 'a.mhd'));

    expect(image.shape).toEqual([16, 512, 512]);
  });
});

describe('parseMetaImageHeader', () => {
  it('reads the real LUNA16 header', () => {
    const path = join(
      MHD,
      'REAL_HEADER_ONLY_concept-to-clinic_LUNA-0001_small.mhd.txt',
    );

    const header = parseMetaImageHeader(readFileSync(path, 'utf8'), path);

    expect(header.dimSize).toEqual([512, 512, 50]);
    expect(header.elementSpacingMm).toEqual([0.626953, 0.626953, 1]);
    expect(header.offsetMm).toEqual([-176.092, -20.7459, 506.8]);
    expect(header.transformMatrix).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(header.elementType).toBe('MET_SHORT');
  });

  it('refuses compressed data, a bad line and a short DimSize', () => {
    const base =
      'NDims = 3\nDimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = a.raw\n';

    expect(() =>
      parseMetaImageHeader(`${base}CompressedData = True`, 'c.mhd'),
    ).toThrow(
      'parseMetaImageHeader: c.mhd: CompressedData = True is not implemented yet.',
    );
    expect(() => parseMetaImageHeader(`${base}oops`, 'b.mhd')).toThrow(
      'parseMetaImageHeader: b.mhd:5: expected "key = value", got "oops".',
    );
    expect(() =>
      parseMetaImageHeader(base.replace('2 2 2', '2 2'), 'd.mhd'),
    ).toThrow(
      'parseMetaImageHeader: d.mhd: DimSize must be 3 numbers, got "2 2".',
    );
  });
});
