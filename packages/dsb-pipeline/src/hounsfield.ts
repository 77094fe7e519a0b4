import { oneOfRule, resolveOptions } from '@lesson11/tensor';

import type { DicomSeries } from './dicom-series.js';
import type { Volume } from './volume.js';

/** The stored value some scanners write outside the reconstruction circle. */
export const TUTORIAL_PADDING_VALUE = -2000;

/** Options of {@link hounsfieldUnits}. */
export interface HounsfieldOptions {
  /**
   * Which stored values count as padding and are set to 0 before the
   * rescale (so they become the intercept, about air):
   * - `'tutorial'`: values equal to -2000, the DSB tutorial's rule;
   * - `'tag'`: values equal to each slice's PixelPaddingValue tag;
   * - `'both'`: either;
   * - `'none'`: no padding handling.
   * @defaultValue 'tutorial'
   */
  padding?: 'tutorial' | 'tag' | 'both' | 'none';
}

/** Defaults of {@link HounsfieldOptions}. */
export const HOUNSFIELD_DEFAULTS: Readonly<Required<HounsfieldOptions>> =
  Object.freeze({ padding: 'tutorial' });

const RULES = { padding: oneOfRule(['tutorial', 'tag', 'both', 'none']) };

/** A Hounsfield-unit volume and what the conversion did. */
export interface HounsfieldVolume extends Volume<Int16Array> {
  /** Voxels treated as padding. */
  paddedVoxels: number;
  /** Voxels whose HU fell outside int16 and were clamped. */
  clampedVoxels: number;
}

/** One slice's stored values to HU; returns [padded, clamped] counts. */
function convertSlice(
  pixels: ArrayLike<number>,
  out: Int16Array,
  tutorialValue: number,
  tagValue: number,
  slope: number,
  intercept: number,
): [number, number] {
  let padded = 0;
  let clamped = 0;
  for (let i = 0; i < out.length; i += 1) {
    let stored = pixels[i] as number;
    if (stored === tutorialValue || stored === tagValue) {
      stored = 0;
      padded += 1;
    }
    const hu = (slope === 1 ? stored : Math.trunc(slope * stored)) + intercept;
    // Int16Array stores wrap round; clamp the rare out-of-range value first.
    if (hu > 32767 || hu < -32768) {
      out[i] = hu > 0 ? 32767 : -32768;
      clamped += 1;
    } else {
      out[i] = hu;
    }
  }
  return [padded, clamped];
}

/**
 * Converts a sorted DICOM series to Hounsfield units (HU), as int16.
 *
 * Per slice, following the DSB 2017 tutorial: padding values become 0; then
 * HU = trunc(slope * stored) + trunc(intercept) when the slope is not 1 (the
 * product is computed in float and truncated, as the tutorial's int16 cast
 * does), else stored + trunc(intercept).
 *
 * NOTE: the tutorial casts uint16 data to int16 first, so stored values over
 * 32767 wrap round; here they keep their value, and any HU outside int16 is
 * clamped (and counted) rather than wrapped.
 *
 * @param series - From {@link readDicomSeries}.
 * @param options - See {@link HounsfieldOptions}.
 * @returns A new (z, y, x) int16 volume with the series' spacing and origin.
 * @throws RangeError for a bad `padding` option.
 */
export function hounsfieldUnits(
  series: Pick<DicomSeries, 'slices' | 'spacingMm' | 'originMm'>,
  options: HounsfieldOptions = {},
): HounsfieldVolume {
  const { padding } = resolveOptions(
    'hounsfieldUnits',
    options,
    HOUNSFIELD_DEFAULTS,
    RULES,
  );
  const first = series.slices[0];
  const rows = first?.rows ?? 0;
  const columns = first?.columns ?? 0;
  const plane = rows * columns;
  const data = new Int16Array(series.slices.length * plane);
  let paddedVoxels = 0;
  let clampedVoxels = 0;
  series.slices.forEach((slice, z) => {
    const useTutorial = padding === 'tutorial' || padding === 'both';
    const useTag = padding === 'tag' || padding === 'both';
    // NaN never equals a stored value: "no padding value" without a branch.
    const counts = convertSlice(
      slice.pixels,
      data.subarray(z * plane, (z + 1) * plane),
      useTutorial ? TUTORIAL_PADDING_VALUE : NaN,
      useTag ? (slice.pixelPaddingValue ?? NaN) : NaN,
      slice.rescaleSlope,
      Math.trunc(slice.rescaleIntercept),
    );
    paddedVoxels += counts[0];
    clampedVoxels += counts[1];
  });
  return {
    data,
    shape: [series.slices.length, rows, columns],
    spacingMm: [...series.spacingMm],
    originMm: [...series.originMm],
    paddedVoxels,
    clampedVoxels,
  };
}
