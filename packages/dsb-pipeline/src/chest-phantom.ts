import {
  integerRule,
  numberRule,
  Random,
  resolveOptions,
} from '@lesson11/tensor';

import type { Volume, Xyz, Zyx } from './volume.js';

/** Options of {@link makeChestPhantom}. */
export interface ChestPhantomOptions {
  /** Seed of the nodule places and the noise. @defaultValue 0 */
  seed?: number;
  /** Voxels (z, y, x). @defaultValue [20, 160, 160] */
  shape?: Zyx;
  /** Spacing (z, y, x) in mm, like a 2.5 mm chest CT. @defaultValue [2.5, 1.8, 1.8] */
  spacingMm?: Zyx;
  /** Spherical nodules, 6 mm and up. @defaultValue 3 */
  nodules?: number;
  /** Standard deviation of the Gaussian noise, HU. @defaultValue 20 */
  noiseHu?: number;
  /**
   * Width of the body as a fraction of the field of view. At 1 or more the
   * body touches both sides, which cuts the outside air in two (above and
   * below the patient), the failure of the tutorial's mask on LIDC-IDRI-0002.
   * @defaultValue 0.8
   */
  bodyWidthFraction?: number;
}

/** Defaults of {@link ChestPhantomOptions}. */
export const CHEST_PHANTOM_DEFAULTS: Readonly<Required<ChestPhantomOptions>> =
  Object.freeze({
    seed: 0,
    shape: [20, 160, 160] as Zyx,
    spacingMm: [2.5, 1.8, 1.8] as Zyx,
    nodules: 3,
    noiseHu: 20,
    bodyWidthFraction: 0.8,
  });

const SHAPE_RULE = {
  must: 'be three integers >= 8',
  kind: 'range' as const,
  test: (v: unknown) =>
    Array.isArray(v) &&
    v.length === 3 &&
    v.every((n) => Number.isInteger(n) && n >= 8),
};
const RULES = {
  seed: integerRule(),
  shape: SHAPE_RULE,
  spacingMm: {
    must: 'be three numbers > 0',
    kind: 'range' as const,
    test: (v: unknown) =>
      Array.isArray(v) &&
      v.length === 3 &&
      v.every((n) => typeof n === 'number' && n > 0),
  },
  nodules: integerRule({ min: 0, max: 20 }),
  noiseHu: numberRule({ min: 0 }),
  bodyWidthFraction: numberRule({ min: 0.5, max: 1.2 }),
};

/** Hounsfield units of the phantom's materials. */
export const PHANTOM_HU = Object.freeze({
  air: -1000,
  lung: -850,
  tissue: 40,
  bone: 700,
  table: 250,
  nodule: 30,
});

/** A nodule of the phantom, in the same terms as a LUNA16 annotation. */
export interface PhantomNodule {
  centerMm: Xyz;
  diameterMm: number;
}

/** A synthetic chest slab and the truth it was drawn from. */
export interface ChestPhantom {
  hu: Volume<Int16Array>;
  nodules: PhantomNodule[];
  /** Whether a world point (mm) lies in a lung or airway (nodules included). */
  isLung: (world: Xyz) => boolean;
}

/** (x / a)^2 + (y / b)^2 <= 1 for an ellipse centred at (cx, cy). */
function inEllipse(
  x: number,
  y: number,
  cx: number,
  cy: number,
  a: number,
  b: number,
) {
  return ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1;
}

/**
 * Draws a synthetic chest slab in HU: an elliptic body of soft tissue, two
 * lungs joined by airways (trachea and bronchi) in the upper slices, a
 * spine, a curved patient table below the body with an air gap, and
 * spherical nodules of known size inside the lungs, plus Gaussian noise.
 * World x and y are 0 at the image centre; y grows towards the back (the
 * table side), as in DICOM; z starts at 0.
 *
 * NOTE: by default the body stays clear of the image sides, so the outside
 * air is one piece and the tutorial's mask works; `bodyWidthFraction >= 1`
 * reproduces the LIDC-IDRI-0002 failure.
 *
 * @returns int16 HU volume, the nodules and a lung-membership test.
 */
export function makeChestPhantom(
  options: ChestPhantomOptions = {},
): ChestPhantom {
  const config = resolveOptions(
    'makeChestPhantom',
    options,
    CHEST_PHANTOM_DEFAULTS,
    RULES,
  );
  const [nz, ny, nx] = config.shape;
  const [sz, sy, sx] = config.spacingMm;
  const originMm: Xyz = [(-(nx - 1) * sx) / 2, (-(ny - 1) * sy) / 2, 0];
  const width = nx * sx;
  const height = (nz - 1) * sz;
  // Body and lungs scale with the field of view; the lungs taper in z.
  const body = {
    a: (config.bodyWidthFraction / 2) * width,
    b: 0.29 * width,
    cy: -0.03 * width,
  };
  const lungA = 0.13 * width;
  const lungB = 0.19 * width;
  const lungCx = 0.17 * width;
  const lungCy = -0.06 * width;
  const lungScale = (z: number) => 1 - 0.25 * Math.abs(z / height - 0.5);
  // Airways join the lungs into one air pocket, as in a real chest: a
  // trachea down the middle of the upper slices, bronchi across to each lung.
  const airwayRadius = 0.025 * width;
  const inAirway = ([x, y, z]: Xyz) =>
    (z > 0.6 * height &&
      inEllipse(x, y, 0, lungCy, airwayRadius, airwayRadius)) ||
    (Math.abs(z - 0.65 * height) <= airwayRadius &&
      Math.abs(y - lungCy) <= airwayRadius &&
      Math.abs(x) <= lungCx);
  const inLungRegion = (p: Xyz) =>
    inAirway(p) ||
    [-lungCx, lungCx].some((cx) =>
      inEllipse(
        p[0],
        p[1],
        cx,
        lungCy,
        lungA * lungScale(p[2]),
        lungB * lungScale(p[2]),
      ),
    );

  // 1. Nodules: seeded places well inside a lung, 6 mm and up.
  const random = new Random(config.seed);
  const nodules: PhantomNodule[] = [];
  for (let k = 0; k < config.nodules; k += 1) {
    const diameterMm = 6 + 4 * k;
    const side = k % 2 === 0 ? -1 : 1;
    const angle = 2 * Math.PI * random.next();
    const reach = 0.45 * random.next();
    const z = height * (0.3 + 0.4 * random.next());
    nodules.push({
      centerMm: [
        side * lungCx + reach * lungA * Math.cos(angle),
        lungCy + reach * lungB * Math.sin(angle),
        z,
      ],
      diameterMm,
    });
  }
  const inNodule = ([x, y, z]: Xyz) =>
    nodules.some(
      (n) =>
        (x - n.centerMm[0]) ** 2 +
          (y - n.centerMm[1]) ** 2 +
          (z - n.centerMm[2]) ** 2 <=
        (n.diameterMm / 2) ** 2,
    );

  // 2. Materials voxel by voxel, then noise.
  const tableTop = body.cy + body.b + 0.04 * width;
  const data = new Int16Array(nz * ny * nx);
  for (let iz = 0; iz < nz; iz += 1) {
    for (let iy = 0; iy < ny; iy += 1) {
      for (let ix = 0; ix < nx; ix += 1) {
        const p: Xyz = [
          originMm[0] + ix * sx,
          originMm[1] + iy * sy,
          originMm[2] + iz * sz,
        ];
        const [x, y] = p;
        const curve = tableTop + 0.0008 * x * x;
        let hu: number = PHANTOM_HU.air;
        if (
          y >= curve &&
          y <= curve + 0.03 * width &&
          Math.abs(x) < 0.45 * width
        ) {
          hu = PHANTOM_HU.table;
        } else if (inEllipse(x, y, 0, body.cy, body.a, body.b)) {
          hu = PHANTOM_HU.tissue;
          if (
            inEllipse(
              x,
              y,
              0,
              body.cy + 0.75 * body.b,
              0.05 * width,
              0.05 * width,
            )
          ) {
            hu = PHANTOM_HU.bone;
          } else if (inNodule(p)) {
            hu = PHANTOM_HU.nodule;
          } else if (inLungRegion(p)) {
            hu = PHANTOM_HU.lung;
          }
        }
        const noise = config.noiseHu > 0 ? config.noiseHu * random.normal() : 0;
        data[(iz * ny + iy) * nx + ix] = Math.round(hu + noise);
      }
    }
  }
  return {
    hu: { data, shape: [nz, ny, nx], spacingMm: [sz, sy, sx], originMm },
    nodules,
    isLung: (world) => inLungRegion(world) || inNodule(world),
  };
}

/**
 * The phantom's true lung mask (airways and nodules included) sampled on a
 * grid, e.g. the resampled one, to score masks against.
 *
 * @param grid - Shape, origin and the distance between samples, (z, y, x) mm.
 * @returns A new 0/1 mask (z, y, x).
 */
export function phantomLungTruth(
  phantom: ChestPhantom,
  grid: { shape: Zyx; originMm: Xyz; sampleSpacingMm: Zyx },
): Uint8Array {
  const [nz, ny, nx] = grid.shape;
  const [sz, sy, sx] = grid.sampleSpacingMm;
  const [ox, oy, oz] = grid.originMm;
  const truth = new Uint8Array(nz * ny * nx);
  for (let z = 0; z < nz; z += 1) {
    for (let y = 0; y < ny; y += 1) {
      for (let x = 0; x < nx; x += 1) {
        const inside = phantom.isLung([ox + x * sx, oy + y * sy, oz + z * sz]);
        truth[(z * ny + y) * nx + x] = inside ? 1 : 0;
      }
    }
  }
  return truth;
}
