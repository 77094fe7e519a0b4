import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  BOOLEAN_RULE,
  nullableRule,
  numberRule,
  oneOfRule,
  resolveOptions,
  SILENT_LOGGER,
} from '@lesson11/tensor';
import type { Logger, OptionRule } from '@lesson11/tensor';

import { DicomError } from './dicom-errors.js';
import { parseDicomSlice } from './dicom-slice.js';
import type { DicomSlice } from './dicom-slice.js';
import { checkSliceSpacing } from './slice-spacing.js';
import type { SliceSpacingReport } from './slice-spacing.js';

/** Options of {@link assembleDicomSeries} and {@link readDicomSeries}. */
export interface DicomSeriesOptions {
  /**
   * The series to keep when a folder holds several; `null` refuses a mixed
   * folder.
   * @defaultValue null
   */
  seriesInstanceUid?: string | null;
  /**
   * Whether a series whose Modality is not CT is accepted.
   * @defaultValue false
   */
  allowNonCt?: boolean;
  /**
   * What uneven steps between slices (a gap, a missing slice) do: `'warn'`
   * reports them in the result and the logger, `'error'` refuses the series.
   * @defaultValue 'warn'
   */
  unevenSpacing?: 'warn' | 'error';
  /**
   * Largest difference in mm between a step and the median step that still
   * counts as even.
   * @defaultValue 0.01
   */
  spacingToleranceMm?: number;
  /** Receives warnings. @defaultValue SILENT_LOGGER */
  logger?: Logger;
}

/** Defaults of {@link DicomSeriesOptions}. */
export const DICOM_SERIES_DEFAULTS: Readonly<Required<DicomSeriesOptions>> =
  Object.freeze({
    seriesInstanceUid: null,
    allowNonCt: false,
    unevenSpacing: 'warn',
    spacingToleranceMm: 0.01,
    logger: SILENT_LOGGER,
  });

const LOGGER_RULE: OptionRule = {
  must: 'be a Logger',
  kind: 'type',
  test: (value) => typeof value === 'object' && value !== null,
};

const RULES = {
  seriesInstanceUid: nullableRule({
    must: 'be a string',
    kind: 'type',
    test: (value) => typeof value === 'string',
  }),
  allowNonCt: BOOLEAN_RULE,
  unevenSpacing: oneOfRule(['warn', 'error']),
  spacingToleranceMm: numberRule({ min: 0 }),
  logger: LOGGER_RULE,
};

/** A file of the folder that was not used, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** A sorted, checked DICOM series. */
export interface DicomSeries {
  seriesInstanceUid: string | null;
  /** Slices sorted by ascending z (ImagePositionPatient, else SliceLocation). */
  slices: DicomSlice[];
  /** The z of each sorted slice, in mm. */
  zPositionsMm: number[];
  /**
   * The tutorial's slice thickness: |z(slice 0) - z(slice 1)|, used as the
   * z spacing whatever the SliceThickness tag says.
   */
  sliceThicknessMm: number;
  /** (z, y, x) spacing in mm: thickness, row spacing, column spacing. */
  spacingMm: [number, number, number];
  /** ImagePositionPatient of the lowest slice, (x, y, z) mm. */
  originMm: [number, number, number];
  /** Steps between slices; `uniform` is false when there are gaps. */
  spacing: SliceSpacingReport;
  /** Files that are not DICOM images (e.g. the LIDC XML), with reasons. */
  skippedFiles: SkippedFile[];
  /** Everything worth a look that did not stop loading. */
  warnings: string[];
}

function sliceZ(slice: DicomSlice): number | null {
  return slice.imagePositionPatient?.[2] ?? slice.sliceLocation;
}

function pickSeries(
  slices: DicomSlice[],
  wanted: string | null,
  where: string,
): DicomSlice[] {
  const counts = new Map<string, number>();
  for (const slice of slices) {
    const uid = slice.seriesInstanceUid ?? '(none)';
    counts.set(uid, (counts.get(uid) ?? 0) + 1);
  }
  if (wanted !== null) {
    const kept = slices.filter((s) => s.seriesInstanceUid === wanted);
    if (kept.length === 0) {
      throw new DicomError(
        'mixed-series',
        `readDicomSeries: seriesInstanceUid must name a series of ${where}, ` +
          `got "${wanted}". Try one of ${[...counts.keys()].join(', ')}.`,
      );
    }
    return kept;
  }
  if (counts.size > 1) {
    const list = [...counts].map(([uid, n]) => `${uid} (${n} files)`);
    throw new DicomError(
      'mixed-series',
      `readDicomSeries: ${where} must hold one series, got ${counts.size}: ` +
        `${list.join(', ')}. Try the seriesInstanceUid option.`,
    );
  }
  return slices;
}

function checkConsistent(slices: DicomSlice[], allowNonCt: boolean): void {
  const first = slices[0] as DicomSlice;
  for (const slice of slices) {
    if (!allowNonCt && slice.modality !== null && slice.modality !== 'CT') {
      throw new DicomError(
        'not-ct',
        `readDicomSeries: ${slice.source}: Modality must be "CT", got ` +
          `"${slice.modality}". Try allowNonCt: true.`,
      );
    }
    const same =
      slice.rows === first.rows &&
      slice.columns === first.columns &&
      slice.pixelSpacingMm?.[0] === first.pixelSpacingMm?.[0] &&
      slice.pixelSpacingMm?.[1] === first.pixelSpacingMm?.[1];
    if (!same) {
      throw new DicomError(
        'inconsistent-slices',
        `readDicomSeries: ${slice.source}: size and PixelSpacing must match ` +
          `${first.source}, got ${slice.rows}x${slice.columns} ` +
          `${JSON.stringify(slice.pixelSpacingMm)} against ` +
          `${first.rows}x${first.columns} ${JSON.stringify(first.pixelSpacingMm)}.`,
      );
    }
  }
  if (first.pixelSpacingMm === null) {
    throw new DicomError(
      'inconsistent-slices',
      `readDicomSeries: ${first.source}: PixelSpacing must be present, got none.`,
    );
  }
}

/**
 * Sorts and checks parsed slices of one folder into a {@link DicomSeries}.
 *
 * Slices are sorted by the z of ImagePositionPatient as a float (SliceLocation
 * when the position is missing), never by file name or InstanceNumber. The
 * z spacing is the tutorial's |z0 - z1|; a missing SliceThickness tag does not
 * matter. Steps that differ from the median are reported (or refused).
 *
 * @param slices - Parsed slices, in any order.
 * @param where - The folder, for messages.
 * @param options - See {@link DicomSeriesOptions}.
 * @throws DicomError (`too-few-slices`, `mixed-series`, `not-ct`,
 *   `inconsistent-slices`, `missing-position`, `duplicate-slices`,
 *   `uneven-spacing`); TypeError or RangeError for bad options.
 */
export function assembleDicomSeries(
  slices: DicomSlice[],
  where: string,
  options: DicomSeriesOptions = {},
): Omit<DicomSeries, 'skippedFiles'> {
  const config = resolveOptions(
    'readDicomSeries',
    options,
    DICOM_SERIES_DEFAULTS,
    RULES,
  );
  const kept = pickSeries(slices, config.seriesInstanceUid, where);
  if (kept.length < 2) {
    throw new DicomError(
      'too-few-slices',
      `readDicomSeries: ${where} must hold at least 2 DICOM images, got ${kept.length}.`,
    );
  }
  checkConsistent(kept, config.allowNonCt);
  for (const slice of kept) {
    if (sliceZ(slice) === null) {
      throw new DicomError(
        'missing-position',
        `readDicomSeries: ${slice.source}: ImagePositionPatient or SliceLocation ` +
          'must be present, got neither.',
      );
    }
  }
  const sorted = [...kept].sort(
    (a, b) => (sliceZ(a) as number) - (sliceZ(b) as number),
  );
  const zPositionsMm = sorted.map((slice) => sliceZ(slice) as number);
  const spacing = checkSliceSpacing(zPositionsMm, config.spacingToleranceMm);
  const warnings: string[] = [];
  if (spacing.duplicates.length > 0) {
    const at = spacing.duplicates[0] as number;
    throw new DicomError(
      'duplicate-slices',
      `readDicomSeries: ${where}: slice z positions must differ, got ` +
        `${zPositionsMm[at]} twice (${sorted[at]?.source}, ${sorted[at + 1]?.source}).`,
    );
  }
  if (!spacing.uniform) {
    const message =
      `readDicomSeries: ${where}: slice steps must be even, got ` +
      `${spacing.description}.`;
    if (config.unevenSpacing === 'error') {
      throw new DicomError('uneven-spacing', message);
    }
    warnings.push(message);
    config.logger.warn(message);
  }
  const first = sorted[0] as DicomSlice;
  const sliceThicknessMm = Math.abs(zPositionsMm[1]! - zPositionsMm[0]!);
  const [rowMm, columnMm] = first.pixelSpacingMm as [number, number];
  return {
    seriesInstanceUid: first.seriesInstanceUid,
    slices: sorted,
    zPositionsMm,
    sliceThicknessMm,
    spacingMm: [sliceThicknessMm, rowMm, columnMm],
    originMm: first.imagePositionPatient ?? [0, 0, zPositionsMm[0] as number],
    spacing,
    warnings,
  };
}

/**
 * Reads one DICOM series from a folder: every file is parsed; files that are
 * not DICOM images are skipped and listed; the rest go through
 * {@link assembleDicomSeries}.
 *
 * @param folder - A folder holding the files of one series.
 * @param options - See {@link DicomSeriesOptions}.
 * @returns The sorted series; pixels are the stored values, not yet HU.
 * @throws DicomError for a damaged file, a mixed folder, a non-CT series, an
 *   unsupported encoding, and the other failures of {@link assembleDicomSeries}.
 */
export async function readDicomSeries(
  folder: string,
  options: DicomSeriesOptions = {},
): Promise<DicomSeries> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  const slices: DicomSlice[] = [];
  const skippedFiles: SkippedFile[] = [];
  // Read the files concurrently; parse in name order so errors are stable.
  const contents = await Promise.all(
    names.map((name) => readFile(join(folder, name))),
  );
  names.forEach((name, index) => {
    try {
      slices.push(
        parseDicomSlice(contents[index] as Buffer, join(folder, name)),
      );
    } catch (error) {
      if (error instanceof DicomError && error.code === 'not-dicom') {
        skippedFiles.push({ file: name, reason: error.message });
        return;
      }
      throw error;
    }
  });
  return { ...assembleDicomSeries(slices, folder, options), skippedFiles };
}
