import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The shared CT folder (`../shared/data/ct` from the repository root). */
export const SHARED_CT = fileURLToPath(
  new URL('../../../../shared/data/ct', import.meta.url),
);

/** This package's fixture folder. */
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

export const SLABS = [
  'lidc-idri-0001',
  'lidc-idri-0002',
  'lidc-idri-0003',
] as const;
export type Slab = (typeof SLABS)[number];

/** The peer's facts per slab (see fixtures/README.md). */
export interface SlabReference {
  shape: number[];
  spacing_mm: number[];
  origin_mm_xyz: number[];
  skipped_files: number;
  hu: { min: number; max: number; mean: number };
  hu_sha256: string;
  resampled_shape: number[];
  new_spacing_mm: number[];
  sample_spacing_mm: number[];
  resampled_cubic: { min: number; max: number; mean: number };
  resampled_linear: { min: number; max: number; mean: number };
  normalised: { min: number; max: number; mean: number };
  mask_voxels: number;
  mask_fill_voxels: number;
  probe_lines_cubic: Array<[string, number, number]>;
  probe_lines_linear: Array<[string, number, number]>;
}

export const REFERENCE = JSON.parse(
  readFileSync(join(FIXTURES, 'reference.json'), 'utf8'),
).slabs as Record<Slab, SlabReference>;

/** A stored peer mask, unpacked to one byte per voxel. */
export function referenceMask(slab: Slab, fill: boolean): Uint8Array {
  const name = `${slab}.mask${fill ? '-fill' : ''}.bits.gz`;
  const bits = gunzipSync(readFileSync(join(FIXTURES, name)));
  const [nz, ny, nx] = REFERENCE[slab].resampled_shape as [
    number,
    number,
    number,
  ];
  const mask = new Uint8Array(nz * ny * nx);
  for (let i = 0; i < mask.length; i += 1) {
    mask[i] = ((bits[i >> 3] as number) >> (7 - (i & 7))) & 1;
  }
  return mask;
}

/** The stored probe values of a slab, float32. */
export function referenceProbes(slab: Slab): Float32Array {
  const bytes = readFileSync(join(FIXTURES, `${slab}.probes.f32`));
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
}

/** A temporary folder, removed by the returned function. */
export async function tempFolder(): Promise<{
  path: string;
  remove: () => Promise<void>;
}> {
  const path = await mkdtemp(join(tmpdir(), 'dsb-pipeline-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Copies the `.dcm` files of a shared slab into `target`, renamed by `rename`. */
export async function copySlab(
  slab: string,
  target: string,
  rename: (name: string, index: number) => string | null = (name) => name,
): Promise<string[]> {
  const names = (await readdir(join(SHARED_CT, slab)))
    .filter((n) => n.endsWith('.dcm'))
    .sort();
  const written: string[] = [];
  for (const [index, name] of names.entries()) {
    const to = rename(name, index);
    if (to !== null) {
      await copyFile(join(SHARED_CT, slab, name), join(target, to));
      written.push(to);
    }
  }
  return written;
}
