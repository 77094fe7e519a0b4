import type { Xyz } from './volume.js';

/** What world <-> voxel conversion needs: a grid's placement in the world. */
export interface Placement {
  /** World (x, y, z) of voxel (0, 0, 0), mm. */
  originMm: Xyz;
  /** Spacing along (x, y, z) in mm. NOTE: (x, y, z), unlike Volume. */
  spacingXyzMm: Xyz;
  /**
   * Direction of each voxel axis in the world: 9 numbers, the x axis's
   * direction first (MetaImage TransformMatrix order).
   * @defaultValue identity
   */
  direction?: number[];
}

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/**
 * Voxel (column x, row y, slice z; fractional) to world (x, y, z) in mm:
 * world = origin + D * (spacing * voxel), D's columns being the axis
 * directions. With LUNA16's identity D: voxel * spacing + origin.
 */
export function voxelToWorld(voxel: Xyz, placement: Placement): Xyz {
  const d = placement.direction ?? IDENTITY;
  const scaled = voxel.map(
    (v, axis) => v * (placement.spacingXyzMm[axis] as number),
  );
  return placement.originMm.map(
    (origin, row) =>
      origin +
      (d[row] as number) * (scaled[0] as number) +
      (d[3 + row] as number) * (scaled[1] as number) +
      (d[6 + row] as number) * (scaled[2] as number),
  ) as Xyz;
}

/**
 * World (x, y, z) mm to fractional voxel (x, y, z), the inverse of
 * {@link voxelToWorld}; the direction is taken to be orthonormal, so its
 * inverse is its transpose. With identity: (world - origin) / spacing.
 * No abs(): a sign error should show, not be hidden.
 */
export function worldToVoxel(world: Xyz, placement: Placement): Xyz {
  const d = placement.direction ?? IDENTITY;
  const delta = world.map(
    (w, axis) => w - (placement.originMm[axis] as number),
  );
  return [0, 1, 2].map((axis) => {
    const projected =
      (d[3 * axis] as number) * (delta[0] as number) +
      (d[3 * axis + 1] as number) * (delta[1] as number) +
      (d[3 * axis + 2] as number) * (delta[2] as number);
    return projected / (placement.spacingXyzMm[axis] as number);
  }) as Xyz;
}

/** The {@link Placement} of a (z, y, x) volume with identity direction. */
export function placementOf(volume: {
  originMm: Xyz;
  spacingMm: [number, number, number];
}): Placement {
  const [sz, sy, sx] = volume.spacingMm;
  return { originMm: [...volume.originMm], spacingXyzMm: [sx, sy, sz] };
}
