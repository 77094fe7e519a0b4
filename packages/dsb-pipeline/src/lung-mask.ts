import { BOOLEAN_RULE, numberRule, resolveOptions } from '@lesson11/tensor';

import { labelComponents, largestLabel } from './connected-components.js';
import { dilateMask } from './morphology.js';
import type { Volume, VoxelArray, Zyx } from './volume.js';

/** Options of {@link tutorialLungMask}. */
export interface TutorialLungMaskOptions {
  /**
   * Voxels above this HU are tissue, the rest air.
   * @defaultValue -320
   */
  thresholdHu?: number;
  /**
   * The tutorial's "fill lung structures": per axial slice, every tissue
   * voxel outside the largest 2-D tissue component becomes air, which puts
   * vessels and nodules inside the lungs into the mask.
   * @defaultValue false
   */
  fillLungStructures?: boolean;
  /**
   * Dilate the final mask by a ball of this radius in mm (0 = none), the
   * tutorial's advice so nodules on the lung wall are not cut off.
   * @defaultValue 0
   */
  dilationMm?: number;
}

/** Defaults of {@link TutorialLungMaskOptions}. */
export const TUTORIAL_LUNG_MASK_DEFAULTS: Readonly<
  Required<TutorialLungMaskOptions>
> = Object.freeze({
  thresholdHu: -320,
  fillLungStructures: false,
  dilationMm: 0,
});

const RULES = {
  thresholdHu: numberRule(),
  fillLungStructures: BOOLEAN_RULE,
  dilationMm: numberRule({ min: 0 }),
};

const AIR = 1;
const TISSUE = 2;

/** 1 where the HU value is at most `thresholdHu` (air), else 0. */
export function airVoxels(
  volume: Volume<VoxelArray>,
  thresholdHu: number,
): Uint8Array {
  const air = new Uint8Array(volume.data.length);
  const data = volume.data;
  for (let i = 0; i < data.length; i += 1) {
    air[i] = (data[i] as number) > thresholdHu ? 0 : 1;
  }
  return air;
}

/** A 0/1 mask of the voxels whose label is `label` (none when 0). */
export function maskOfLabel(labels: Int32Array, label: number): Uint8Array {
  const mask = new Uint8Array(labels.length);
  if (label !== 0) {
    for (let i = 0; i < labels.length; i += 1) {
      mask[i] = labels[i] === label ? 1 : 0;
    }
  }
  return mask;
}

function fillSlices(classes: Uint8Array, shape: Zyx): void {
  const [nz, ny, nx] = shape;
  const plane = ny * nx;
  for (let z = 0; z < nz; z += 1) {
    const slice = classes.subarray(z * plane, (z + 1) * plane);
    const tissue = slice.map((v) => (v === TISSUE ? 1 : 0));
    const components = labelComponents(tissue, [1, ny, nx]);
    const biggest = largestLabel(components);
    if (biggest === 0) {
      continue;
    }
    for (let i = 0; i < plane; i += 1) {
      if (components.labels[i] !== biggest) {
        slice[i] = AIR;
      }
    }
  }
}

/** Keeps only the largest component of a 0/1 mask, in place. */
export function keepLargestComponent(mask: Uint8Array, shape: Zyx): number {
  const components = labelComponents(mask, shape);
  const biggest = largestLabel(components);
  for (let i = 0; i < mask.length; i += 1) {
    mask[i] = biggest !== 0 && components.labels[i] === biggest ? 1 : 0;
  }
  return biggest === 0 ? 0 : (components.sizes[biggest] as number);
}

/**
 * The DSB 2017 tutorial's lung mask of a HU volume (usually resampled to
 * 1 mm): threshold; 3-D components with full connectivity; the component
 * of corner voxel (0, 0, 0) is outside air and joins the tissue; optionally
 * fill lung structures slice by slice; the largest remaining air component
 * is the lungs; optionally dilate.
 *
 * Known failure: when a patient table cuts the outside air in two, the air
 * under the table can be the largest component (LIDC-IDRI-0002). See
 * {@link robustLungMask}.
 *
 * @param volume - HU values (z, y, x), any dtype.
 * @param options - See {@link TutorialLungMaskOptions}.
 * @returns A new uint8 mask (1 = lung) on the volume's grid.
 * @throws TypeError or RangeError for bad options.
 * @remarks Time O(voxels); memory about 10 bytes per voxel.
 */
export function tutorialLungMask(
  volume: Volume<VoxelArray>,
  options: TutorialLungMaskOptions = {},
): Volume<Uint8Array> {
  const config = resolveOptions(
    'tutorialLungMask',
    options,
    TUTORIAL_LUNG_MASK_DEFAULTS,
    RULES,
  );
  const shape = volume.shape;
  const air = airVoxels(volume, config.thresholdHu);
  // 1. The outside air is the component of the corner voxel (0 when the
  // corner is tissue). Dropping it leaves the other air components as they
  // are, so without the fill step one labelling is enough.
  const components = labelComponents(air, shape);
  const outside = components.labels[0] as number;
  let mask: Uint8Array;
  if (!config.fillLungStructures) {
    mask = maskOfLabel(components.labels, largestLabel(components, outside));
  } else {
    const classes = new Uint8Array(air.length);
    for (let i = 0; i < air.length; i += 1) {
      const outsideAir = outside !== 0 && components.labels[i] === outside;
      classes[i] = air[i] === 1 && !outsideAir ? AIR : TISSUE;
    }
    fillSlices(classes, shape);
    // 2. The lungs are the largest air pocket left.
    mask = classes.map((v) => (v === AIR ? 1 : 0));
    keepLargestComponent(mask, shape);
  }
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
