import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SHARED_CT } from '../test/shared-data.js';
import { parseLuna16Annotations, parseLuna16Candidates } from './luna16-csv.js';
import { readMetaImage } from './metaimage.js';
import { placementOf, voxelToWorld, worldToVoxel } from './world-voxel.js';
import type { Xyz } from './volume.js';

const CSV = join(SHARED_CT, 'luna16-csv');
const MHD = join(SHARED_CT, 'luna16-style-mhd');

async function placementOfSeries(uid: string) {
  const image = await readMetaImage(join(MHD, `${uid}.mhd`));
  return {
    ...placementOf(image),
    direction: image.header.transformMatrix,
    shape: image.shape,
  };
}

describe('worldToVoxel', () => {
  const path = join(CSV, 'annotations_bundled_series.csv');
  const annotations = parseLuna16Annotations(readFileSync(path, 'utf8'), path);

  // Expected voxels: reference/lung-ct.md section 8 (3 decimals).
  it.each([
    [0, [316.03, 366.995, 6.653], true],
    [1, [367.039, 349.745, 5.416], true],
    [2, [307.555, 197.932, 12.688], false],
    [3, [221.132, 219.22, 13.75], false],
  ] as const)(
    'puts LUNA16 nodule %i at its slab voxel',
    async (row, voxel, inside) => {
      const nodule = annotations.find((_, i) => i === rowIndex(row))!;
      const placement = await placementOfSeries(nodule.seriesUid);

      const found = worldToVoxel(nodule.centerMm, placement);

      found.forEach((v, axis) =>
        expect(v).toBeCloseTo(voxel[axis] as number, 2),
      );
      const [nz] = placement.shape;
      expect(found[2] >= 0 && found[2] <= nz - 1).toBe(inside);
    },
  );

  it('round-trips through voxelToWorld, also with a rotated direction', () => {
    const placement = {
      originMm: [-10, 20, 30] as Xyz,
      spacingXyzMm: [0.7, 0.8, 2.5] as Xyz,
      direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
    };
    const voxel: Xyz = [12.5, 3, 7.25];

    const world = voxelToWorld(voxel, placement);

    expect(world[0]).toBeCloseTo(-10 - 3 * 0.8, 9);
    expect(world[1]).toBeCloseTo(20 + 12.5 * 0.7, 9);
    worldToVoxel(world, placement).forEach((v, axis) =>
      expect(v).toBeCloseTo(voxel[axis]!, 9),
    );
  });

  it('finds the two class-1 candidates of the sample that fall in the 0001 slab', async () => {
    const uid =
      '1.3.6.1.4.1.14519.5.2.1.6279.6001.179049373636438705059720603192';
    const file = join(CSV, 'candidates_sample.csv');
    const candidates = parseLuna16Candidates(readFileSync(file, 'utf8'), file);
    const placement = await placementOfSeries(uid);

    const inSlab = candidates.filter((c) => {
      const [, , z] = worldToVoxel(c.centerMm, placement);
      return c.seriesUid === uid && c.label === 1 && z >= 0 && z <= 15;
    });

    expect(candidates).toHaveLength(28);
    expect(inSlab).toHaveLength(2);
    expect(inSlab[0]!.centerMm[2]).toBe(-118.09);
  });
});

/** The bundled file's rows are 0003, 0003, 0003, 0001 in file order. */
function rowIndex(nodule: number): number {
  return [3, 0, 1, 2][nodule] as number;
}
