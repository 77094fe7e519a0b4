import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { REFERENCE, SLABS } from '../test/shared-data.js';
import { slabVolumes } from '../test/slab-volumes.js';
import type { DicomSlice } from './dicom-slice.js';
import { HOUNSFIELD_DEFAULTS, hounsfieldUnits } from './hounsfield.js';

function slice(
  pixels: Int16Array | Uint16Array,
  extra: Partial<DicomSlice> = {},
): DicomSlice {
  return {
    source: 'hand-made',
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    modality: 'CT',
    seriesInstanceUid: '1',
    instanceNumber: 1,
    imagePositionPatient: [0, 0, 0],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    sliceLocation: 0,
    sliceThicknessMm: null,
    pixelSpacingMm: [1, 1],
    rows: 1,
    columns: pixels.length,
    pixelRepresentation: pixels instanceof Int16Array ? 1 : 0,
    bitsStored: 16,
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    pixelPaddingValue: null,
    pixels,
    ...extra,
  };
}

function convert(
  s: DicomSlice,
  padding?: 'tutorial' | 'tag' | 'both' | 'none',
) {
  return hounsfieldUnits(
    { slices: [s], spacingMm: [1, 1, 1], originMm: [0, 0, 0] },
    padding === undefined ? {} : { padding },
  );
}

describe('hounsfieldUnits', () => {
  it.each(SLABS)(
    'matches the peer HU volume of %s bit for bit',
    async (slab) => {
      const { hu } = await slabVolumes(slab);

      const bytes = Buffer.from(
        hu.data.buffer,
        hu.data.byteOffset,
        hu.data.byteLength,
      );
      const hash = createHash('sha256').update(bytes).digest('hex');

      expect(hu.shape).toEqual(REFERENCE[slab].shape);
      expect(hash).toBe(REFERENCE[slab].hu_sha256);
    },
  );

  it('applies the -2000 rule only on lidc-idri-0002, the slab padded with -2000', async () => {
    const counts = await Promise.all(
      SLABS.map(async (s) => (await slabVolumes(s)).hu.paddedVoxels),
    );

    expect(counts[0]).toBe(0);
    expect(counts[1]).toBeGreaterThan(10_000);
    expect(counts[2]).toBe(0);
  });

  it('truncates slope * stored before adding the intercept', () => {
    const s = slice(new Int16Array([0, 3, -3, 1000]), {
      rescaleSlope: 0.5,
      rescaleIntercept: -1024.7,
    });

    expect(Array.from(convert(s).data)).toEqual([-1024, -1023, -1025, -524]);
  });

  it('reads uint16 data above 32767 without wrapping and clamps HU to int16', () => {
    const s = slice(new Uint16Array([40000, 65535, 24]), {
      rescaleIntercept: 0,
    });

    const hu = convert(s);

    expect(Array.from(hu.data)).toEqual([32767, 32767, 24]);
    expect(hu.clampedVoxels).toBe(2);
  });

  it('uses PixelPaddingValue in tag mode and both rules in both mode', () => {
    const s = slice(new Int16Array([-2000, -3000, 100]), {
      pixelPaddingValue: -3000,
    });

    expect(Array.from(convert(s, 'tutorial').data)).toEqual([
      -1024, -4024, -924,
    ]);
    expect(Array.from(convert(s, 'tag').data)).toEqual([-3024, -1024, -924]);
    expect(Array.from(convert(s, 'both').data)).toEqual([-1024, -1024, -924]);
    expect(Array.from(convert(s, 'none').data)).toEqual([-3024, -4024, -924]);
  });

  it('has the tutorial defaults', () => {
    expect(HOUNSFIELD_DEFAULTS).toMatchInlineSnapshot(`
      {
        "padding": "tutorial",
      }
    `);
  });

  it('refuses an unknown padding mode with the full message', () => {
    const s = slice(new Int16Array([0]));

    expect(() => convert(s, 'all' as 'none')).toThrow(
      'hounsfieldUnits: padding must be one of "tutorial", "tag", "both", "none", got "all".',
    );
  });
});
