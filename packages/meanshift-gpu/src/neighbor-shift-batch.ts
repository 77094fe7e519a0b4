import * as tf from '@tensorflow/tfjs-core';
import { forEachChunk } from '@lesson11/tensor';

/**
 * Moves each row to the Gaussian-weighted mean of its listed neighbours only:
 * the sparse step of ANN-accelerated mean shift. Far points would get almost
 * no weight anyway, so dropping them changes the step very little.
 *
 * The weight of neighbour j of row i is mass_j · exp(−‖rᵢ − sⱼ‖² / (2h²)).
 * As in the dense step, each row's smallest squared distance is subtracted
 * before the exponential, so the largest weight is mass_j and a row far from
 * all its neighbours still moves.
 *
 * @param rows - `[m, d]` float32 row-major points to move.
 * @param source - `[p, d]` float32 row-major points that pull them.
 * @param masses - `[p]` float32 weight of each source point (1 for plain
 *   points; the number of merged points for a particle).
 * @param neighbors - `[m, k]` int32 indices into `source`; −1 entries are
 *   ignored (given zero weight).
 * @param bandwidth - h > 0.
 * @returns `[m, d]` float32 moved rows (a new array).
 * @remarks O(m·k·d) time, gathered on the active tfjs backend in chunks of
 *   about 4 M values. {@link neighborShiftBatch} picks this or the typed
 *   loops per backend.
 */
export async function neighborShiftTensor(
  rows: Float32Array,
  source: Float32Array,
  masses: Float32Array,
  neighbors: Int32Array,
  k: number,
  dimensions: number,
  bandwidth: number,
): Promise<Float32Array> {
  const m = rows.length / dimensions;
  const p = source.length / dimensions;
  const out = new Float32Array(rows.length);
  const safe = new Int32Array(neighbors.length);
  const present = new Float32Array(neighbors.length);
  for (let e = 0; e < neighbors.length; e++) {
    const j = neighbors[e] as number;
    safe[e] = j < 0 ? 0 : j;
    present[e] = j < 0 ? 0 : 1;
  }
  const sourceTensor = tf.tensor2d(source, [p, dimensions]);
  const massTensor = tf.tensor1d(masses);
  const scale = -0.5 / (bandwidth * bandwidth);
  const chunk = Math.max(1, Math.floor(2 ** 22 / (k * dimensions)));
  try {
    await forEachChunk(
      m,
      chunk,
      ({ start, end }) => {
        const b = end - start;
        const index = tf.tensor1d(safe.subarray(start * k, end * k), 'int32');
        const gathered = tf.reshape(tf.gather(sourceTensor, index), [
          b,
          k,
          dimensions,
        ]);
        const own = tf.tensor3d(
          rows.subarray(start * dimensions, end * dimensions),
          [b, 1, dimensions],
        );
        const squared = tf.sum(tf.square(tf.sub(gathered, own)), 2);
        const mask = tf.tensor2d(present.subarray(start * k, end * k), [b, k]);
        // Missing neighbours sit 1e30 away: they neither set the nearest
        // distance nor get weight (0 · exp(+big) would be NaN).
        const masked = tf.add(squared, tf.mul(tf.sub(1, mask), 1e30));
        const nearest = tf.min(masked, 1, true);
        const mass = tf.reshape(tf.gather(massTensor, index), [b, k]);
        const weights = tf.mul(
          mass,
          tf.exp(tf.mul(tf.sub(masked, nearest), scale)),
        );
        const totals = tf.sum(weights, 1, true);
        const sums = tf.sum(tf.mul(tf.expandDims(weights, 2), gathered), 1);
        return tf.div(sums, totals) as tf.Tensor2D;
      },
      async (moved, { start }) => {
        out.set(await moved.data(), start * dimensions);
      },
    );
  } finally {
    sourceTensor.dispose();
    massTensor.dispose();
  }
  return out;
}

/**
 * The same step as {@link neighborShiftTensor} in plain loops over the typed
 * arrays, with float64 sums: on CPU backends it skips building a `[m, k, d]`
 * tensor per chunk and is several times faster.
 */
export function neighborShiftTyped(
  rows: Float32Array,
  source: Float32Array,
  masses: Float32Array,
  neighbors: Int32Array,
  k: number,
  dimensions: number,
  bandwidth: number,
): Float32Array {
  const m = rows.length / dimensions;
  const out = new Float32Array(rows.length);
  const squared = new Float64Array(k);
  const sums = new Float64Array(dimensions);
  const scale = -0.5 / (bandwidth * bandwidth);
  for (let i = 0; i < m; i++) {
    let nearest = Infinity;
    for (let e = 0; e < k; e++) {
      const j = neighbors[i * k + e] as number;
      let sum = Infinity;
      if (j >= 0) {
        sum = 0;
        for (let c = 0; c < dimensions; c++) {
          const delta =
            (source[j * dimensions + c] as number) -
            (rows[i * dimensions + c] as number);
          sum += delta * delta;
        }
        nearest = Math.min(nearest, sum);
      }
      squared[e] = sum;
    }
    sums.fill(0);
    let total = 0;
    for (let e = 0; e < k; e++) {
      const j = neighbors[i * k + e] as number;
      if (j < 0) continue;
      const weight =
        (masses[j] as number) *
        Math.exp(((squared[e] as number) - nearest) * scale);
      total += weight;
      for (let c = 0; c < dimensions; c++) {
        sums[c] =
          (sums[c] as number) + weight * (source[j * dimensions + c] as number);
      }
    }
    for (let c = 0; c < dimensions; c++) {
      out[i * dimensions + c] =
        total > 0
          ? (sums[c] as number) / total
          : (rows[i * dimensions + c] as number);
    }
  }
  return out;
}

/**
 * Moves each row to the Gaussian-weighted mean of its listed neighbours
 * (see {@link neighborShiftTensor}): with typed-array loops on the tfjs
 * `cpu` and `wasm` backends, with tensors on the others (GPU included).
 *
 * @returns `[m, d]` float32 moved rows (a new array).
 */
export async function neighborShiftBatch(
  rows: Float32Array,
  source: Float32Array,
  masses: Float32Array,
  neighbors: Int32Array,
  k: number,
  dimensions: number,
  bandwidth: number,
): Promise<Float32Array> {
  const backend = tf.getBackend();
  const shift =
    backend === 'cpu' || backend === 'wasm'
      ? neighborShiftTyped
      : neighborShiftTensor;
  return shift(rows, source, masses, neighbors, k, dimensions, bandwidth);
}
