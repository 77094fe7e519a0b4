import * as tf from '@tensorflow/tfjs-core';

/** One chunk of a range: rows `[start, end)`, the `index`-th chunk. */
export interface Chunk {
  start: number;
  end: number;
  index: number;
}

/**
 * Splits `[0, total)` into consecutive chunks of at most `chunkSize` rows.
 *
 * @throws RangeError when `total` is not an integer ≥ 0 or `chunkSize` not
 *   an integer ≥ 1.
 */
export function chunkRanges(total: number, chunkSize: number): Chunk[] {
  if (!Number.isInteger(total) || total < 0) {
    throw new RangeError(
      `chunkRanges: total must be an integer >= 0, got ${total}.`,
    );
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(
      `chunkRanges: chunkSize must be an integer >= 1, got ${chunkSize}.`,
    );
  }
  const chunks: Chunk[] = [];
  for (let start = 0, index = 0; start < total; start += chunkSize, index++) {
    chunks.push({ start, end: Math.min(total, start + chunkSize), index });
  }
  return chunks;
}

/**
 * Runs `body` over `[0, total)` in chunks, each inside its own `tf.tidy`, and
 * hands each chunk's result to `consume` before the next chunk starts.
 *
 * This is what keeps memory bounded: every intermediate of a chunk is freed
 * when its tidy ends, and the result is disposed as soon as `consume` has
 * read it, so at most one chunk's tensors live at a time. That matters most
 * on wasm, whose 4 GB heap aborts the process when it overflows.
 *
 * @param total - Rows in all.
 * @param chunkSize - Rows per chunk.
 * @param body - Computes a chunk's result from its rows; runs in a tidy.
 * @param consume - Reads the result (e.g. `await result.data()`); the
 *   result is disposed after it returns.
 * @throws RangeError for a bad `total` or `chunkSize`.
 * @remarks Peak memory is one chunk's working set, whatever `total` is.
 * @example
 * const sums: number[] = [];
 * await forEachChunk(10, 4, (c) => tf.scalar(c.end - c.start),
 *   async (t) => { sums.push((await t.data())[0]!); });
 * // sums: [4, 4, 2]
 */
export async function forEachChunk<T extends tf.TensorContainer>(
  total: number,
  chunkSize: number,
  body: (chunk: Chunk) => T,
  consume: (result: T, chunk: Chunk) => void | Promise<void>,
): Promise<void> {
  for (const chunk of chunkRanges(total, chunkSize)) {
    const result = tf.tidy(() => body(chunk));
    try {
      await consume(result, chunk);
    } finally {
      tf.dispose(result);
    }
  }
}
