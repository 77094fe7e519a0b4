import type { Zyx } from './volume.js';

/** Offsets (in voxels) of a ball of `radiusMm` on a grid of `spacingMm`. */
function ballOffsets(
  radiusMm: number,
  spacingMm: Zyx,
): Array<[number, number, number]> {
  const reach = spacingMm.map((s) => Math.floor(radiusMm / s)) as Zyx;
  const offsets: Array<[number, number, number]> = [];
  for (let dz = -reach[0]; dz <= reach[0]; dz += 1) {
    for (let dy = -reach[1]; dy <= reach[1]; dy += 1) {
      for (let dx = -reach[2]; dx <= reach[2]; dx += 1) {
        const distance = Math.hypot(
          dz * spacingMm[0],
          dy * spacingMm[1],
          dx * spacingMm[2],
        );
        if (distance <= radiusMm + 1e-9) {
          offsets.push([dz, dy, dx]);
        }
      }
    }
  }
  return offsets;
}

function isBoundary(
  mask: Uint8Array,
  shape: Zyx,
  z: number,
  y: number,
  x: number,
): boolean {
  const [nz, ny, nx] = shape;
  const index = (z * ny + y) * nx + x;
  return (
    (x > 0 && mask[index - 1] === 0) ||
    (x < nx - 1 && mask[index + 1] === 0) ||
    (y > 0 && mask[index - nx] === 0) ||
    (y < ny - 1 && mask[index + nx] === 0) ||
    (z > 0 && mask[index - ny * nx] === 0) ||
    (z < nz - 1 && mask[index + ny * nx] === 0)
  );
}

/**
 * Binary dilation by a ball of `radiusMm` (in world mm, so anisotropic
 * grids get an ellipsoid of voxels). Only boundary voxels stamp the ball.
 *
 * @param mask - (z, y, x) 0/1 voxels; not modified.
 * @returns A new 0/1 mask.
 */
export function dilateMask(
  mask: Uint8Array,
  shape: Zyx,
  spacingMm: Zyx,
  radiusMm: number,
): Uint8Array {
  const out = mask.slice();
  if (radiusMm <= 0) {
    return out;
  }
  const [nz, ny, nx] = shape;
  const offsets = ballOffsets(radiusMm, spacingMm);
  for (let z = 0; z < nz; z += 1) {
    for (let y = 0; y < ny; y += 1) {
      for (let x = 0; x < nx; x += 1) {
        if (
          mask[(z * ny + y) * nx + x] === 0 ||
          !isBoundary(mask, shape, z, y, x)
        ) {
          continue;
        }
        for (const [dz, dy, dx] of offsets) {
          const zz = z + dz;
          const yy = y + dy;
          const xx = x + dx;
          if (zz >= 0 && zz < nz && yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
            out[(zz * ny + yy) * nx + xx] = 1;
          }
        }
      }
    }
  }
  return out;
}

/**
 * Binary erosion by a ball of `radiusMm`: the complement of the dilation of
 * the complement. Voxels outside the volume count as foreground, so the
 * border does not erode.
 */
export function erodeMask(
  mask: Uint8Array,
  shape: Zyx,
  spacingMm: Zyx,
  radiusMm: number,
): Uint8Array {
  const inverse = mask.map((v) => (v === 0 ? 1 : 0));
  const grown = dilateMask(inverse, shape, spacingMm, radiusMm);
  return grown.map((v) => (v === 0 ? 1 : 0));
}
