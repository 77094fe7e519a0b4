import * as tf from '@tensorflow/tfjs-core';
import { forEachChunk } from '@lesson11/tensor';
import type { PointMatrix, Random } from '@lesson11/tensor';

/**
 * Where projections are computed: `'tensor'` runs a tfjs matrix product on
 * the active backend (GPU included), `'typed'` runs plain loops over the
 * typed arrays, and `'auto'` picks `'typed'` on the tfjs `cpu` backend (whose
 * matrix product is itself a JavaScript loop) and `'tensor'` elsewhere.
 */
export type ProjectionMode = 'auto' | 'tensor' | 'typed';

/** Every value a `projection` option accepts. */
export const PROJECTION_MODES: readonly ProjectionMode[] = Object.freeze([
  'auto',
  'tensor',
  'typed',
]);

/** The concrete path `'auto'` stands for on the active tfjs backend. */
export function resolveProjectionMode(
  mode: ProjectionMode,
): 'tensor' | 'typed' {
  if (mode !== 'auto') return mode;
  return tf.getBackend() === 'cpu' ? 'typed' : 'tensor';
}

/** `[count, d]` float32 directions with i.i.d. standard normal entries. */
export function gaussianDirections(
  random: Random,
  count: number,
  dimensions: number,
): Float32Array {
  const directions = new Float32Array(count * dimensions);
  for (let i = 0; i < directions.length; i++) directions[i] = random.normal();
  return directions;
}

/** Rows per matrix-product chunk: about 4 M input or output values. */
function chunkRows(columns: number, outputs: number): number {
  return Math.max(1, Math.floor(2 ** 22 / Math.max(columns, outputs)));
}

/**
 * Projects every row on every direction: `out[i, j] = row_i · direction_j`.
 *
 * @param points - `[n, d]` rows.
 * @param directions - `[m, d]` float32 row-major directions.
 * @param mode - Where to compute (see {@link ProjectionMode}).
 * @returns `[n, m]` float32 row-major projections (a new array).
 * @remarks O(n·m·d) time; the tensor path holds one chunk of about 4 M
 *   values at a time.
 */
export async function projectRows(
  points: PointMatrix,
  directions: Float32Array,
  mode: ProjectionMode,
): Promise<Float32Array> {
  const { rows, columns } = points;
  const outputs = directions.length / columns;
  if (resolveProjectionMode(mode) === 'typed') {
    return projectTyped(points, directions, outputs);
  }
  const out = new Float32Array(rows * outputs);
  const transposed = tf.tidy(() =>
    tf.transpose(tf.tensor2d(directions, [outputs, columns])),
  );
  try {
    await forEachChunk(
      rows,
      chunkRows(columns, outputs),
      ({ start, end }) => {
        const slice = points.data.subarray(start * columns, end * columns);
        return tf.matMul(
          tf.tensor2d(slice, [end - start, columns]),
          transposed,
        );
      },
      async (product, { start }) => {
        out.set(await product.data(), start * outputs);
      },
    );
  } finally {
    transposed.dispose();
  }
  return out;
}

function projectTyped(
  points: PointMatrix,
  directions: Float32Array,
  outputs: number,
): Float32Array {
  const { data, rows, columns } = points;
  const out = new Float32Array(rows * outputs);
  for (let i = 0; i < rows; i++) {
    const rowStart = i * columns;
    for (let j = 0; j < outputs; j++) {
      const directionStart = j * columns;
      let sum = 0;
      for (let c = 0; c < columns; c++) {
        sum +=
          (data[rowStart + c] as number) *
          (directions[directionStart + c] as number);
      }
      out[i * outputs + j] = sum;
    }
  }
  return out;
}
