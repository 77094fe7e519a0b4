// Data and helpers shared by the ANN benchmarks (ann-knn, ann-meanshift).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { makeBlobs, Random } from '@lesson11/tensor';
import type { PointMatrix } from '@lesson11/tensor';

/** Where Debian's dataset-fashion-mnist package puts the files. */
export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

/** A benchmark data set: base vectors and separate queries. */
export interface AnnDataset {
  name: string;
  base: PointMatrix;
  queries: PointMatrix;
}

/** Reads an IDX image file (gzip): big-endian header, then uint8 pixels. */
function readIdxImages(path: string): PointMatrix {
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 2051) {
    throw new Error(
      `${path}: not an IDX image file (magic ${view.getUint32(0)})`,
    );
  }
  const rows = view.getUint32(4);
  const columns = view.getUint32(8) * view.getUint32(12);
  const data = new Float32Array(rows * columns);
  for (let i = 0; i < data.length; i++) data[i] = bytes[16 + i] as number;
  return { data, rows, columns };
}

/**
 * Fashion-MNIST as ann-benchmarks uses it (fashion-mnist-784-euclidean):
 * 60 000 training images as the base, 10 000 test images as queries, raw
 * pixel values 0–255. Returns `null` when the Debian package is missing.
 */
export function loadFashionMnist(dir = FASHION_DIR): AnnDataset | null {
  const train = join(dir, 'train-images-idx3-ubyte.gz');
  const test = join(dir, 't10k-images-idx3-ubyte.gz');
  if (!existsSync(train) || !existsSync(test)) return null;
  return {
    name: 'fashion-mnist-784',
    base: readIdxImages(train),
    queries: readIdxImages(test),
  };
}

/**
 * 100 000 clustered points in 16-D (100 blobs of 1 000, variance 5, spread
 * 35, seed 0) and 10 000 queries: random base points plus N(0, 1) noise.
 */
export function clusteredBlobs(seed = 0): AnnDataset & { labels: Int32Array } {
  const blobs = makeBlobs({
    clusters: 100,
    pointsPerCluster: 1000,
    dimensions: 16,
    seed,
  });
  const base = { data: blobs.points, rows: blobs.n, columns: 16 };
  const random = new Random(seed + 1);
  const picks = random.sampleIndices(base.rows, 10_000);
  const queries = new Float32Array(picks.length * 16);
  picks.forEach((row, i) => {
    for (let j = 0; j < 16; j++) {
      queries[i * 16 + j] =
        (base.data[row * 16 + j] as number) + random.normal();
    }
  });
  return {
    name: 'blobs-100k-16d',
    base,
    queries: { data: queries, rows: picks.length, columns: 16 },
    labels: blobs.labels,
  };
}

/** `count` rows of a matrix picked with a seed (sorted row order). */
export function sampleRows(
  matrix: PointMatrix,
  count: number,
  seed: number,
): {
  rows: Int32Array;
  sample: PointMatrix;
} {
  const rows = new Random(seed).sampleIndices(
    matrix.rows,
    Math.min(count, matrix.rows),
  );
  rows.sort();
  const d = matrix.columns;
  const data = new Float32Array(rows.length * d);
  rows.forEach((row, i) =>
    data.set(matrix.data.subarray(row * d, (row + 1) * d), i * d),
  );
  return { rows, sample: { data, rows: rows.length, columns: d } };
}

/** Writes raw little-endian float32 (the peers' input format). */
export function writeF32(path: string, data: Float32Array): string {
  writeFileSync(
    path,
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
  return path;
}

/** Seconds with 2 decimals, for tables. */
export const seconds = (ms: number): string => (ms / 1000).toFixed(2);
