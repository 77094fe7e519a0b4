import * as tf from '@tensorflow/tfjs-core';
import type { PointMatrix } from '@lesson11/tensor';

/**
 * Squared distances of all pairs inside blocks of consecutive groups, from
 * one Gram matrix per block on the tfjs backend: a block's rows (whole
 * groups, up to `blockRows` rows, or one bigger group) are gathered into
 * `X [m, d]`, `X Xᵀ` gives every dot product and
 * |a − b|² = |a|² + |b|² − 2 a·b. `visit(i, j, squared)` sees each pair of
 * the block once, including pairs from different groups of the block
 * (spill-tree leaves in order are neighbouring cells, so those pairs are
 * useful candidates too).
 *
 * @param norms - `[n]` squared norm of every point (float64).
 * @returns The number of pairs visited.
 * @remarks A 2-D product, not a batched one: tfjs-wasm's batched matMul
 *   was about 10× slower per flop here. Float32 products: distances carry
 *   a rounding error of about 1e-7 × the squared norms, so callers
 *   recompute the distances they keep. One tidy per block.
 */
export async function groupPairsByProducts(
  points: PointMatrix,
  norms: Float64Array,
  ids: Int32Array,
  starts: Int32Array,
  blockRows: number,
  visit: (i: number, j: number, squared: number) => void,
): Promise<number> {
  const { data, columns: d } = points;
  const groups = starts.length - 1;
  let visited = 0;
  let g = 0;
  while (g < groups) {
    let end = g + 1;
    while (
      end < groups &&
      (starts[end + 1] as number) - (starts[g] as number) <= blockRows
    ) {
      end++;
    }
    const from = starts[g] as number;
    const m = (starts[end] as number) - from;
    g = end;
    if (m < 2) continue;
    const block = new Float32Array(m * d);
    for (let a = 0; a < m; a++) {
      const row = ids[from + a] as number;
      block.set(data.subarray(row * d, (row + 1) * d), a * d);
    }
    // An explicit Xᵀ: tfjs-wasm's transposeB path was ~8× slower here.
    const gram = tf.tidy(() => {
      const x = tf.tensor2d(block, [m, d]);
      return tf.matMul(x, tf.transpose(x));
    });
    let products: Float32Array;
    try {
      products = (await gram.data()) as Float32Array;
    } finally {
      gram.dispose();
    }
    for (let a = 0; a < m; a++) {
      const i = ids[from + a] as number;
      const normI = norms[i] as number;
      for (let b = a + 1; b < m; b++) {
        const j = ids[from + b] as number;
        if (j === i) continue;
        const squared =
          normI + (norms[j] as number) - 2 * (products[a * m + b] as number);
        visit(i, j, squared > 0 ? squared : 0);
      }
    }
    visited += (m * (m - 1)) / 2;
  }
  return visited;
}

/** `[n]` float64 squared norm of every row. */
export function squaredNorms(points: PointMatrix): Float64Array {
  const { data, rows, columns: d } = points;
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let c = i * d; c < (i + 1) * d; c++) {
      sum += (data[c] as number) * (data[c] as number);
    }
    norms[i] = sum;
  }
  return norms;
}
