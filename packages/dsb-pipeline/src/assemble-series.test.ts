import { describe, expect, it } from 'vitest';

import { DicomError } from './dicom-errors.js';
import { assembleDicomSeries } from './dicom-series.js';
import type { DicomSlice } from './dicom-slice.js';
import { checkSliceSpacing } from './slice-spacing.js';

function slice(
  z: number | null,
  location: number | null,
  extra: Partial<DicomSlice> = {},
) {
  const s: DicomSlice = {
    source: `z${z ?? location}.dcm`,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    modality: 'CT',
    seriesInstanceUid: '1.2.3',
    instanceNumber: null,
    imagePositionPatient: z === null ? null : [-10, -20, z],
    imageOrientationPatient: null,
    sliceLocation: location,
    sliceThicknessMm: null,
    pixelSpacingMm: [0.5, 0.6],
    rows: 2,
    columns: 2,
    pixelRepresentation: 1,
    bitsStored: 16,
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    pixelPaddingValue: null,
    pixels: new Int16Array(4),
  };
  return { ...s, ...extra };
}

describe('assembleDicomSeries', () => {
  it('takes the z step from the positions when SliceThickness is missing', () => {
    const series = assembleDicomSeries(
      [slice(5, null), slice(-2.5, null), slice(1.25, null)],
      'f',
    );

    expect(series.zPositionsMm).toEqual([-2.5, 1.25, 5]);
    expect(series.spacingMm).toEqual([3.75, 0.5, 0.6]);
    expect(series.originMm).toEqual([-10, -20, -2.5]);
  });

  it('falls back to SliceLocation when ImagePositionPatient is missing', () => {
    const series = assembleDicomSeries(
      [slice(null, 3), slice(null, 1), slice(null, 2)],
      'f',
    );

    expect(series.zPositionsMm).toEqual([1, 2, 3]);
    expect(series.sliceThicknessMm).toBe(1);
  });

  it('refuses duplicate positions, a single slice and differing sizes', () => {
    expect(() =>
      assembleDicomSeries([slice(1, null), slice(1, null)], 'f'),
    ).toThrow(
      'readDicomSeries: f: slice z positions must differ, got 1 twice (z1.dcm, z1.dcm).',
    );
    expect(() => assembleDicomSeries([slice(1, null)], 'f')).toThrow(
      DicomError,
    );
    expect(() =>
      assembleDicomSeries([slice(1, null), slice(2, null, { rows: 3 })], 'f'),
    ).toThrow(
      'readDicomSeries: z2.dcm: size and PixelSpacing must match z1.dcm, got 3x2 [0.5,0.6] ' +
        'against 2x2 [0.5,0.6].',
    );
  });
});

describe('checkSliceSpacing', () => {
  it('finds gaps and tolerates small jitter', () => {
    expect(checkSliceSpacing([0, 2.5, 5.004, 7.5], 0.01).uniform).toBe(true);
    const report = checkSliceSpacing([0, 2.5, 7.5, 10, 12.5], 0.01);
    expect(report.gaps).toEqual([1]);
    expect(report.description).toBe('steps 2.5-5 mm, gap after slice 1');
  });
});
