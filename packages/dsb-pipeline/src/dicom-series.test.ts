import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Random } from '@lesson11/tensor';
import dicomParser from 'dicom-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  copySlab,
  REFERENCE,
  SHARED_CT,
  tempFolder,
} from '../test/shared-data.js';
import { DicomError } from './dicom-errors.js';
import { DICOM_SERIES_DEFAULTS, readDicomSeries } from './dicom-series.js';
import { parseDicomSlice } from './dicom-slice.js';
import { hounsfieldUnits } from './hounsfield.js';

const SLAB_0001 = join(SHARED_CT, 'lidc-idri-0001');

/** Overwrites a string tag's value in place (same length), e.g. Modality. */
function patchTag(bytes: Uint8Array, tag: string, value: string): Uint8Array {
  const element = dicomParser.parseDicom(bytes).elements[tag];
  if (element === undefined || element.length !== value.length) {
    throw new Error(`test setup: cannot patch ${tag} with "${value}"`);
  }
  const copy = bytes.slice();
  copy.set(Buffer.from(value, 'latin1'), element.dataOffset);
  return copy;
}

async function expectDicomError(
  promise: Promise<unknown>,
  code: string,
  message: string,
) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DicomError);
  expect((error as DicomError).code).toBe(code);
  expect((error as DicomError).message).toBe(message);
}

describe('readDicomSeries', () => {
  let temp: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await tempFolder();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('sorts lidc-idri-0001 by z, not by InstanceNumber, and skips the XML', async () => {
    const series = await readDicomSeries(SLAB_0001);

    expect(series.slices).toHaveLength(16);
    expect(series.zPositionsMm[0]).toBe(-132.5);
    expect(series.zPositionsMm[15]).toBe(-95);
    expect(series.slices[0]!.instanceNumber).toBeGreaterThan(
      series.slices[15]!.instanceNumber!,
    );
    expect(series.spacingMm).toEqual([2.5, 0.703125, 0.703125]);
    expect(series.originMm).toEqual(REFERENCE['lidc-idri-0001'].origin_mm_xyz);
    expect(series.skippedFiles.map((f) => f.file)).toEqual([
      '69.xml',
      'ATTRIBUTION.concept-to-clinic.txt',
    ]);
    expect(series.spacing.uniform).toBe(true);
    expect(series.slices[0]!.pixelPaddingValue).toBe(-2000);
  });

  it('gives the same volume when the file names are shuffled', async () => {
    const names = Array.from({ length: 16 }, (_, i) => `img${i}.dcm`);
    new Random(7).shuffle(names);
    await copySlab('lidc-idri-0001', temp.path, (_, i) => names[i] as string);

    const original = hounsfieldUnits(await readDicomSeries(SLAB_0001));
    const shuffled = hounsfieldUnits(await readDicomSeries(temp.path));

    const same = Buffer.compare(
      Buffer.from(shuffled.data.buffer),
      Buffer.from(original.data.buffer),
    );
    expect(same).toBe(0);
    expect(shuffled.originMm).toEqual(original.originMm);
  });

  it('reports a removed slice as a gap, or refuses it on request', async () => {
    await copySlab('lidc-idri-0001', temp.path, (name) =>
      name === '-115.000000.dcm' ? null : name,
    );

    const series = await readDicomSeries(temp.path);

    expect(series.slices).toHaveLength(15);
    expect(series.spacing.gaps).toEqual([6]);
    expect(series.warnings).toEqual([
      `readDicomSeries: ${temp.path}: slice steps must be even, got steps 2.5-5 mm, ` +
        'gap after slice 6.',
    ]);
    await expectDicomError(
      readDicomSeries(temp.path, { unevenSpacing: 'error' }),
      'uneven-spacing',
      `readDicomSeries: ${temp.path}: slice steps must be even, got steps 2.5-5 mm, ` +
        'gap after slice 6.',
    );
  });

  it('reports the far-away slice of the pydicom CT2 head series as a gap', async () => {
    const series = await readDicomSeries(
      join(SHARED_CT, 'pydicom-testfiles', 'dicomdirtests-77654033-CT2'),
    );

    expect(series.slices.map((s) => s.instanceNumber)).toEqual([
      18, 180, 181, 182,
    ]);
    expect(series.spacing.gaps).toEqual([0]);
    expect(series.spacing.uniform).toBe(false);
  });

  it('refuses a truncated file with a clear error', async () => {
    await copySlab('lidc-idri-0001', temp.path);
    const victim = join(temp.path, '-100.000000.dcm');
    const bytes = await readFile(victim);
    await writeFile(victim, bytes.subarray(0, bytes.length - 5000));

    await expectDicomError(
      readDicomSeries(temp.path),
      'truncated',
      `parseDicomSlice: ${victim} could not be parsed (dicomParser:parseDicomDataSetExplicit: ` +
        'buffer overrun); the file is truncated or damaged.',
    );
  });

  it('refuses a folder with two series and reads one on request', async () => {
    await copySlab('lidc-idri-0001', temp.path);
    await copySlab('lidc-idri-0003', temp.path, (name) => `b${name}`);
    const uid0001 =
      '1.3.6.1.4.1.14519.5.2.1.6279.6001.179049373636438705059720603192';
    const uid0003 =
      '1.3.6.1.4.1.14519.5.2.1.6279.6001.170706757615202213033480003264';

    await expectDicomError(
      readDicomSeries(temp.path),
      'mixed-series',
      `readDicomSeries: ${temp.path} must hold one series, got 2: ${uid0001} (16 files), ` +
        `${uid0003} (11 files). Try the seriesInstanceUid option.`,
    );
    const picked = await readDicomSeries(temp.path, {
      seriesInstanceUid: uid0003,
    });
    expect(picked.slices).toHaveLength(11);
  });

  it('refuses a non-CT modality unless allowed', async () => {
    await copySlab('lidc-idri-0001', temp.path);
    const victim = join(temp.path, '-95.000000.dcm');
    await writeFile(
      victim,
      patchTag(await readFile(victim), 'x00080060', 'MR'),
    );

    await expectDicomError(
      readDicomSeries(temp.path),
      'not-ct',
      `readDicomSeries: ${victim}: Modality must be "CT", got "MR". Try allowNonCt: true.`,
    );
    await expect(
      readDicomSeries(temp.path, { allowNonCt: true }),
    ).resolves.toBeDefined();
  });

  it('has defaults and refuses an unknown option', async () => {
    expect(DICOM_SERIES_DEFAULTS.unevenSpacing).toBe('warn');
    await expect(
      readDicomSeries(SLAB_0001, { unevenSpacin: 'warn' } as object),
    ).rejects.toThrow(
      'readDicomSeries: options has an unknown field "unevenSpacin".',
    );
  });
});

describe('parseDicomSlice', () => {
  const bytes = readFileSync(join(SLAB_0001, '-95.000000.dcm'));

  it('reads the tags the pipeline needs', () => {
    const slice = parseDicomSlice(bytes, 'a.dcm');

    expect(slice.rows).toBe(512);
    expect(slice.pixelRepresentation).toBe(1);
    expect(slice.rescaleIntercept).toBe(-1024);
    expect(slice.imagePositionPatient).toEqual([-166, -171.699997, -95]);
    expect(slice.pixels).toBeInstanceOf(Int16Array);
  });

  it('refuses a file that is not DICOM', () => {
    const xml = readFileSync(join(SLAB_0001, '69.xml'));

    expect(() => parseDicomSlice(xml, '69.xml')).toThrow(
      'parseDicomSlice: 69.xml is not a DICOM file (no "DICM" at byte 128).',
    );
  });

  it('refuses a compressed transfer syntax it does not decode', () => {
    const rle = patchTag(bytes, 'x00020010', '1.2.840.10008.1.2.5\0');

    expect(() => parseDicomSlice(rle, 'rle.dcm')).toThrow(
      'parseDicomSlice: rle.dcm: transfer syntax must be one of 1.2.840.10008.1.2, ' +
        '1.2.840.10008.1.2.1 (uncompressed), got "1.2.840.10008.1.2.5". Try decompressing ' +
        'the series first (e.g. gdcmconv --raw or dcmdjpeg).',
    );
  });

  it('reads the single pydicom CT slice (no SliceThickness needed)', () => {
    const small = readFileSync(
      join(SHARED_CT, 'pydicom-testfiles', 'CT_small.dcm'),
    );

    const slice = parseDicomSlice(small, 'CT_small.dcm');

    expect([slice.rows, slice.columns]).toEqual([128, 128]);
    expect(slice.pixelPaddingValue).toBe(-2000);
  });
});
