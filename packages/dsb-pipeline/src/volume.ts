/** Axis triple in the (z, y, x) order that every array here uses. */
export type Zyx = [number, number, number];

/** Axis triple in the (x, y, z) order of world coordinates and file headers. */
export type Xyz = [number, number, number];

/** The typed arrays a volume may hold. */
export type VoxelArray = Int16Array | Float32Array | Uint8Array;

/**
 * A 3-D image on a regular grid, stored in C order with x fastest: voxel
 * (z, y, x) is `data[(z * shape[1] + y) * shape[2] + x]`.
 *
 * NOTE: `shape` and `spacingMm` are (z, y, x), as in NumPy, while `originMm`
 * is a world position in (x, y, z), as in DICOM and MetaImage headers.
 */
export interface Volume<T extends VoxelArray = VoxelArray> {
  /** Voxel values, `shape[0] * shape[1] * shape[2]` of them. */
  data: T;
  /** Voxels along (z, y, x). */
  shape: Zyx;
  /** Distance between voxel centres along (z, y, x), in mm. */
  spacingMm: Zyx;
  /** World position (x, y, z) in mm of the centre of voxel (0, 0, 0). */
  originMm: Xyz;
}

/** Number of voxels of a (z, y, x) shape. */
export function voxelCount(shape: Zyx): number {
  return shape[0] * shape[1] * shape[2];
}
