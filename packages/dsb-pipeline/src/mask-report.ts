import type { Volume } from './volume.js';

/** Facts about a lung mask that show whether it is plausible. */
export interface MaskReport {
  voxels: number;
  /** Mask volume in millilitres. */
  volumeMl: number;
  /**
   * Centroid as a fraction of each axis's extent (z, y, x), 0..1; `null`
   * for an empty mask.
   */
  centroidFraction: [number, number, number] | null;
  /** Share of the mask's voxels that lie on an x or y edge of the image. */
  sideEdgeFraction: number;
  /** First and last row (y) that hold mask voxels, or `null`. */
  rowRange: [number, number] | null;
  /**
   * False when the mask is empty or touches the image's sides (outside air
   * taken for lung, as the tutorial does under a table).
   */
  plausible: boolean;
}

/** Measures a 0/1 mask: size, centroid, contact with the image sides. */
export function maskReport(mask: Volume<Uint8Array>): MaskReport {
  const [nz, ny, nx] = mask.shape;
  let voxels = 0;
  let onSides = 0;
  const sum: [number, number, number] = [0, 0, 0];
  let firstRow = Infinity;
  let lastRow = -Infinity;
  for (let z = 0; z < nz; z += 1) {
    for (let y = 0; y < ny; y += 1) {
      const row = (z * ny + y) * nx;
      for (let x = 0; x < nx; x += 1) {
        if (mask.data[row + x] === 0) {
          continue;
        }
        voxels += 1;
        sum[0] += z;
        sum[1] += y;
        sum[2] += x;
        firstRow = Math.min(firstRow, y);
        lastRow = Math.max(lastRow, y);
        if (x === 0 || y === 0 || x === nx - 1 || y === ny - 1) {
          onSides += 1;
        }
      }
    }
  }
  const [sz, sy, sx] = mask.spacingMm;
  const extent = [nz, ny, nx];
  const centroidFraction =
    voxels === 0
      ? null
      : (sum.map(
          (s, axis) => s / voxels / Math.max((extent[axis] as number) - 1, 1),
        ) as [number, number, number]);
  return {
    voxels,
    volumeMl: (voxels * sz * sy * sx) / 1000,
    centroidFraction,
    sideEdgeFraction: voxels === 0 ? 0 : onSides / voxels,
    rowRange: voxels === 0 ? null : [firstRow, lastRow],
    plausible: voxels > 0 && onSides === 0,
  };
}

/** Sørensen–Dice overlap 2|A∩B| / (|A| + |B|) of two 0/1 masks (1 if both empty). */
export function diceCoefficient(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `diceCoefficient: b.length must equal a.length (${a.length}), got ${b.length}.`,
    );
  }
  let sizeA = 0;
  let sizeB = 0;
  let both = 0;
  for (let i = 0; i < a.length; i += 1) {
    const inA = a[i] !== 0;
    const inB = b[i] !== 0;
    sizeA += inA ? 1 : 0;
    sizeB += inB ? 1 : 0;
    both += inA && inB ? 1 : 0;
  }
  return sizeA + sizeB === 0 ? 1 : (2 * both) / (sizeA + sizeB);
}

/** Minimum, maximum and mean of a volume's values (4 decimals). */
export function volumeStatistics(values: ArrayLike<number>): {
  min: number;
  max: number;
  mean: number;
} {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const round = (v: number) => Number(v.toFixed(4));
  return { min: round(min), max: round(max), mean: round(sum / values.length) };
}
