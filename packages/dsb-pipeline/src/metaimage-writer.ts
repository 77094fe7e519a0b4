import { rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import type { Volume, Xyz } from './volume.js';

/** Writes `data` to `path` atomically: a temporary file beside it, then a rename. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * Writes a volume as a MetaImage pair, `<base>.mhd` and `<base>.raw`
 * (little endian, x fastest), each atomically, the data file first.
 *
 * @param base - Path without extension.
 * @param volume - int16 (MET_SHORT) or uint8 (MET_UCHAR) voxels (z, y, x).
 * @param spacingXyzMm - ElementSpacing, (x, y, z) mm.
 * @returns The header's path.
 */
export async function writeMetaImage(
  base: string,
  volume: Volume<Int16Array | Uint8Array> & { originMm: Xyz },
  spacingXyzMm: Xyz,
): Promise<string> {
  const [nz, ny, nx] = volume.shape;
  const type = volume.data instanceof Int16Array ? 'MET_SHORT' : 'MET_UCHAR';
  const data = volume.data;
  await writeFileAtomic(
    `${base}.raw`,
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
  const header = [
    'ObjectType = Image',
    'NDims = 3',
    'BinaryData = True',
    'BinaryDataByteOrderMSB = False',
    'CompressedData = False',
    'TransformMatrix = 1 0 0 0 1 0 0 0 1',
    `Offset = ${volume.originMm.join(' ')}`,
    'AnatomicalOrientation = RAI',
    `ElementSpacing = ${spacingXyzMm.join(' ')}`,
    `DimSize = ${nx} ${ny} ${nz}`,
    `ElementType = ${type}`,
    `ElementDataFile = ${basename(base)}.raw`,
    '',
  ].join('\n');
  await writeFileAtomic(`${base}.mhd`, header);
  return `${base}.mhd`;
}
