import { numberRule, optionError, resolveOptions } from '@lesson11/tensor';

import type { Volume, VoxelArray } from './volume.js';

/** Options of {@link normalise}. */
export interface NormaliseOptions {
  /** HU mapped to 0. @defaultValue -1000 */
  minHu?: number;
  /** HU mapped to 1. @defaultValue 400 */
  maxHu?: number;
  /**
   * Subtracted after clipping to [0, 1]: the LUNA16 mean, a constant, never
   * the image's own mean (HU are calibrated, so absolute values matter).
   * @defaultValue 0.25
   */
  pixelMean?: number;
}

/** Defaults of {@link NormaliseOptions} (the DSB tutorial's values). */
export const NORMALISE_DEFAULTS: Readonly<Required<NormaliseOptions>> =
  Object.freeze({
    minHu: -1000,
    maxHu: 400,
    pixelMean: 0.25,
  });

const RULES = {
  minHu: numberRule(),
  maxHu: numberRule(),
  pixelMean: numberRule(),
};

/** The loop of {@link normalise}, apart so that V8 sees one array type. */
function normaliseInto(
  values: ArrayLike<number>,
  out: Float32Array,
  low: number,
  width: number,
  mean: number,
): void {
  for (let i = 0; i < out.length; i += 1) {
    const v = values[i] as number;
    const scaled = Math.fround(Math.fround(v - low) / width);
    out[i] = (scaled < 0 ? 0 : scaled > 1 ? 1 : scaled) - mean;
  }
}

/**
 * Maps HU to clip((HU - minHu) / (maxHu - minHu), 0, 1) - pixelMean, in
 * float32 arithmetic like the NumPy reference.
 *
 * @returns A new float32 volume on the same grid.
 * @throws RangeError when maxHu <= minHu or an option is not finite.
 */
export function normalise(
  volume: Volume<VoxelArray>,
  options: NormaliseOptions = {},
): Volume<Float32Array> {
  const config = resolveOptions(
    'normalise',
    options,
    NORMALISE_DEFAULTS,
    RULES,
  );
  if (config.maxHu <= config.minHu) {
    throw optionError(
      'normalise',
      'maxHu',
      { must: `be > minHu (${config.minHu})`, kind: 'range' },
      config.maxHu,
    );
  }
  const low = Math.fround(config.minHu);
  const width = Math.fround(config.maxHu - config.minHu);
  const mean = Math.fround(config.pixelMean);
  const data = new Float32Array(volume.data.length);
  normaliseInto(volume.data, data, low, width, mean);
  return {
    data,
    shape: [...volume.shape],
    spacingMm: [...volume.spacingMm],
    originMm: [...volume.originMm],
  };
}
