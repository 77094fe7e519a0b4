import {
  numberRule,
  oneOfRule,
  optionError,
  resolveOptions,
} from '@lesson11/tensor';

import type { Volume, VoxelArray, Zyx } from './volume.js';
import { sampleStep, zoomAxis } from './zoom-axis.js';
import type { InterpolationOrder } from './zoom-axis.js';

/** Options of {@link resample}. */
export interface ResampleOptions {
  /**
   * Target spacing in mm: one number for isotropic voxels, or (z, y, x).
   * @defaultValue 1
   */
  targetSpacingMm?: number | Zyx;
  /**
   * `'cubic'`: cubic B-spline with prefiltering, as SciPy's
   * `ndimage.zoom(order=3, mode='nearest')` (the tutorial's default);
   * `'linear'`: trilinear.
   * @defaultValue 'cubic'
   */
  order?: InterpolationOrder;
}

/** Defaults of {@link ResampleOptions}. */
export const RESAMPLE_DEFAULTS: Readonly<Required<ResampleOptions>> =
  Object.freeze({ targetSpacingMm: 1, order: 'cubic' });

const TARGET_RULE = numberRule({ min: 0, minExclusive: true });
const RULES = {
  targetSpacingMm: {
    must: 'be a finite number > 0 or three of them',
    kind: 'range' as const,
    test: (value: unknown) =>
      TARGET_RULE.test(value) ||
      (Array.isArray(value) &&
        value.length === 3 &&
        value.every(TARGET_RULE.test)),
  },
  order: oneOfRule(['linear', 'cubic']),
};

/** Rounds to the nearest integer, exact halves to even, like NumPy's `round`. */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) {
    return Math.round(value);
  }
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The grid the tutorial resamples to. */
export interface ResampleGrid {
  /** round(shape * spacing / target), halves to even. */
  shape: Zyx;
  /** The tutorial's "real" new spacing: spacing / (new shape / shape). */
  spacingMm: Zyx;
  /**
   * Distance between the samples in input mm: the corner voxel centres map
   * onto each other, so it is spacing * (n - 1) / (m - 1).
   */
  sampleSpacingMm: Zyx;
}

/**
 * Computes the tutorial's output grid for a shape and spacing.
 *
 * @param shape - Input voxels (z, y, x).
 * @param spacingMm - Input spacing (z, y, x) in mm.
 * @param targetSpacingMm - Wanted spacing (z, y, x) in mm.
 * @returns The grid; an axis never shrinks below one voxel.
 */
export function resampleGrid(
  shape: Zyx,
  spacingMm: Zyx,
  targetSpacingMm: Zyx,
): ResampleGrid {
  const out = [0, 0, 0] as Zyx;
  const spacing = [0, 0, 0] as Zyx;
  const sample = [0, 0, 0] as Zyx;
  for (let axis = 0; axis < 3; axis += 1) {
    const n = shape[axis] as number;
    const m = Math.max(
      1,
      roundHalfToEven(
        (n * (spacingMm[axis] as number)) / (targetSpacingMm[axis] as number),
      ),
    );
    out[axis] = m;
    spacing[axis] = (spacingMm[axis] as number) / (m / n);
    sample[axis] = (spacingMm[axis] as number) * sampleStep(n, m);
  }
  return { shape: out, spacingMm: spacing, sampleSpacingMm: sample };
}

/** A resampled volume, with the grid facts of {@link ResampleGrid}. */
export interface ResampledVolume extends Volume<Float32Array> {
  sampleSpacingMm: Zyx;
}

/**
 * Resamples a volume to (about) the target spacing, the DSB tutorial's way:
 * new shape = round(shape * spacing / target), and the new spacing is the
 * "real" one that shape implies, which can differ a little from the target.
 *
 * Each axis is zoomed in turn (x, then y, then z) in float64, which equals
 * SciPy's separable tensor-product interpolation up to rounding; the output
 * is float32 and not rounded to integers (as in the Python reference, which
 * zooms a float32 copy). Cubic splines can overshoot the input range.
 *
 * @param volume - Any (z, y, x) volume, e.g. int16 HU.
 * @param options - See {@link ResampleOptions}.
 * @returns A new float32 volume; origin unchanged (voxel 0 stays in place).
 * @throws RangeError for bad options or an empty volume.
 * @remarks Time O(output voxels * 4 per axis); memory about three float64
 *   copies of the larger of input and output.
 */
export function resample(
  volume: Volume<VoxelArray>,
  options: ResampleOptions = {},
): ResampledVolume {
  const config = resolveOptions('resample', options, RESAMPLE_DEFAULTS, {
    targetSpacingMm: RULES.targetSpacingMm,
    order: RULES.order,
  });
  const [nz, ny, nx] = volume.shape;
  if (nz * ny * nx === 0 || volume.data.length !== nz * ny * nx) {
    throw optionError(
      'resample',
      'volume.shape',
      { must: 'match a non-empty data array', kind: 'range' },
      volume.shape,
    );
  }
  const target = config.targetSpacingMm;
  const targetZyx = (
    typeof target === 'number' ? [target, target, target] : target
  ) as Zyx;
  const grid = resampleGrid(volume.shape, volume.spacingMm, targetZyx);
  const [mz, my, mx] = grid.shape;
  const order = config.order;
  let values = zoomAxis(volume.data, nz * ny, nx, 1, mx, order);
  values = zoomAxis(values, nz, ny, mx, my, order);
  values = zoomAxis(values, 1, nz, my * mx, mz, order);
  return {
    data: Float32Array.from(values),
    shape: grid.shape,
    spacingMm: grid.spacingMm,
    sampleSpacingMm: grid.sampleSpacingMm,
    originMm: [...volume.originMm],
  };
}
