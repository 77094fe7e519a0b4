import { stat } from 'node:fs/promises';

import type { Logger } from '@lesson11/tensor';

import { readDicomSeries } from './dicom-series.js';
import type { DicomSeriesOptions, SkippedFile } from './dicom-series.js';
import { hounsfieldUnits } from './hounsfield.js';
import type { HounsfieldOptions } from './hounsfield.js';
import { readMetaImage } from './metaimage.js';
import type { Volume } from './volume.js';

/** A scan in Hounsfield units, from a DICOM folder or a MetaImage file. */
export interface LoadedScan {
  /** The folder or `.mhd` path it came from. */
  source: string;
  format: 'dicom' | 'metaimage';
  /** The series UID (DICOM) or the `.mhd` file's base name. */
  id: string;
  /** int16 HU (z, y, x). */
  hu: Volume<Int16Array>;
  /** Padding voxels set to 0 before the rescale (DICOM only). */
  paddedVoxels: number;
  skippedFiles: SkippedFile[];
  warnings: string[];
  /** Milliseconds spent reading and converting. */
  stageMs: { read: number; hu: number };
}

/** Options of {@link loadScan}. */
export interface LoadScanOptions {
  series?: Omit<DicomSeriesOptions, 'logger'>;
  hounsfield?: HounsfieldOptions;
  logger?: Logger;
}

/**
 * Loads one scan: a folder is read as a DICOM series and converted to HU; a
 * `.mhd` file is read as a MetaImage volume whose values are already HU
 * (LUNA16).
 *
 * @throws DicomError or MetaImageError for bad input (see the readers).
 */
export async function loadScan(
  path: string,
  options: LoadScanOptions = {},
): Promise<LoadedScan> {
  const start = performance.now();
  if ((await stat(path)).isDirectory()) {
    const series = await readDicomSeries(path, {
      ...options.series,
      logger: options.logger,
    });
    const read = performance.now();
    const hu = hounsfieldUnits(series, options.hounsfield);
    const { paddedVoxels, clampedVoxels: _clamped, ...volume } = hu;
    return {
      source: path,
      format: 'dicom',
      id: series.seriesInstanceUid ?? path,
      hu: volume,
      paddedVoxels,
      skippedFiles: series.skippedFiles,
      warnings: series.warnings,
      stageMs: { read: read - start, hu: performance.now() - read },
    };
  }
  const image = await readMetaImage(path);
  const read = performance.now();
  const data = Int16Array.from(image.data, (v) =>
    Math.max(-32768, Math.min(32767, v)),
  );
  const name = path.split(/[\\/]/).pop() ?? path;
  return {
    source: path,
    format: 'metaimage',
    id: name.replace(/\.mhd$/i, ''),
    hu: {
      data,
      shape: image.shape,
      spacingMm: image.spacingMm,
      originMm: image.originMm,
    },
    paddedVoxels: 0,
    skippedFiles: [],
    warnings: [],
    stageMs: { read: read - start, hu: performance.now() - read },
  };
}
