import { integerRule, numberRule, resolveOptions } from '@lesson11/tensor';

import { labelComponents } from './connected-components.js';
import { airVoxels } from './lung-mask.js';
import { dilateMask } from './morphology.js';
import type { Volume, VoxelArray, Zyx } from './volume.js';

/** Options of {@link robustLungMask}. */
export interface RobustLungMaskOptions {
  /** Voxels above this HU are tissue. @defaultValue -320 */
  thresholdHu?: number;
  /**
   * Air components smaller than this fraction of the largest kept one are
   * dropped (trachea, bowel gas, noise).
   * @defaultValue 0.2
   */
  minComponentFraction?: number;
  /** At most this many air components are kept (two lungs). @defaultValue 2 */
  maxComponents?: number;
  /**
   * Dilate the final mask by a ball of this radius in mm (0 = none).
   * @defaultValue 0
   */
  dilationMm?: number;
}

/** Defaults of {@link RobustLungMaskOptions}. */
export const ROBUST_LUNG_MASK_DEFAULTS: Readonly<
  Required<RobustLungMaskOptions>
> = Object.freeze({
  thresholdHu: -320,
  minComponentFraction: 0.2,
  maxComponents: 2,
  dilationMm: 0,
});

const RULES = {
  thresholdHu: numberRule(),
  minComponentFraction: numberRule({ min: 0, max: 1 }),
  maxComponents: integerRule({ min: 1 }),
  dilationMm: numberRule({ min: 0 }),
};

/** Labels of the components that reach the image's sides (x or y edges). */
function labelsOnSides(labels: Int32Array, shape: Zyx): Set<number> {
  const [nz, ny, nx] = shape;
  const found = new Set<number>();
  const note = (index: number) => {
    const label = labels[index] as number;
    if (label !== 0) {
      found.add(label);
    }
  };
  for (let z = 0; z < nz; z += 1) {
    const slice = z * ny * nx;
    for (let x = 0; x < nx; x += 1) {
      note(slice + x);
      note(slice + (ny - 1) * nx + x);
    }
    for (let y = 0; y < ny; y += 1) {
      note(slice + y * nx);
      note(slice + y * nx + nx - 1);
    }
  }
  return found;
}

/** Fills, slice by slice, the background pieces that do not reach the edge. */
export function fillSliceHoles(mask: Uint8Array, shape: Zyx): void {
  const [nz, ny, nx] = shape;
  const plane = ny * nx;
  for (let z = 0; z < nz; z += 1) {
    const slice = mask.subarray(z * plane, (z + 1) * plane);
    const background = new Uint8Array(plane);
    for (let i = 0; i < plane; i += 1) {
      background[i] = slice[i] === 0 ? 1 : 0;
    }
    const { labels } = labelComponents(background, [1, ny, nx]);
    const outside = labelsOnSides(labels, [1, ny, nx]);
    for (let i = 0; i < plane; i += 1) {
      const label = labels[i] as number;
      if (label !== 0 && !outside.has(label)) {
        slice[i] = 1;
      }
    }
  }
}

/**
 * A lung mask that does not take the air under the scanner table for a
 * lung. Where the tutorial seeds the outside air from one corner, this
 * drops every air component that reaches a side of the image (any x or y
 * edge, on any slice), so outside air cut in two by the table is dropped
 * too. Of the air left, the largest component and the others of at least
 * `minComponentFraction` of it (up to `maxComponents`) are the lungs; holes
 * inside each slice (vessels, nodules) are filled; optional dilation.
 *
 * NOTE: z faces are not used as outside seeds: a slab's lungs reach them.
 * A tracheostomy or a lung touching the image edge still defeats it.
 *
 * @param volume - HU values (z, y, x).
 * @returns A new uint8 mask (1 = lung) on the volume's grid.
 * @throws TypeError or RangeError for bad options.
 */
export function robustLungMask(
  volume: Volume<VoxelArray>,
  options: RobustLungMaskOptions = {},
): Volume<Uint8Array> {
  const config = resolveOptions(
    'robustLungMask',
    options,
    ROBUST_LUNG_MASK_DEFAULTS,
    RULES,
  );
  const shape = volume.shape;
  const components = labelComponents(
    airVoxels(volume, config.thresholdHu),
    shape,
  );
  const outside = labelsOnSides(components.labels, shape);

  // 1. Rank the inside air pockets by size and keep the lung-sized ones.
  const inside: number[] = [];
  for (let k = 1; k <= components.count; k += 1) {
    if (!outside.has(k)) {
      inside.push(k);
    }
  }
  inside.sort(
    (a, b) => (components.sizes[b] as number) - (components.sizes[a] as number),
  );
  const largest =
    inside.length > 0 ? (components.sizes[inside[0] as number] as number) : 0;
  const kept = new Set(
    inside
      .filter(
        (k) =>
          (components.sizes[k] as number) >=
          config.minComponentFraction * largest,
      )
      .slice(0, config.maxComponents),
  );

  // 2. Mask, fill the holes of each slice, dilate.
  let mask: Uint8Array = new Uint8Array(components.labels.length);
  for (let i = 0; i < mask.length; i += 1) {
    mask[i] = kept.has(components.labels[i] as number) ? 1 : 0;
  }
  fillSliceHoles(mask, shape);
  if (config.dilationMm > 0) {
    mask = dilateMask(mask, shape, volume.spacingMm, config.dilationMm);
  }
  return {
    data: mask,
    shape: [...shape],
    spacingMm: [...volume.spacingMm],
    originMm: [...volume.originMm],
  };
}
