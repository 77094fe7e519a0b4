import { formatValue } from '@lesson11/tensor';

import type { KnnResult, RadiusResult } from './neighbor-index.js';

/**
 * Recall@k of approximate neighbours against exact ones: the mean, over
 * queries, of |approx top-k ∩ exact top-k| / k.
 *
 * Ties at the k-th distance can make two correct answers differ; with
 * continuous data they are rare enough to ignore.
 *
 * @param approx - The approximate result, at least `k` columns.
 * @param exact - The exact result for the same queries, at least `k` columns.
 * @param k - Neighbours compared; defaults to `exact.k`.
 * @returns A number in [0, 1].
 * @throws RangeError when the results disagree in rows or have fewer than k
 *   columns.
 * @example
 * recallAtK(await lsh.knn(queries, 10), await exact.knn(queries, 10)); // 0.97
 */
export function recallAtK(
  approx: KnnResult,
  exact: KnnResult,
  k = exact.k,
): number {
  if (approx.rows !== exact.rows) {
    throw new RangeError(
      `recallAtK: approx must have as many rows as exact (${exact.rows}), ` +
        `got ${formatValue(approx.rows)}.`,
    );
  }
  if (!Number.isInteger(k) || k < 1 || k > approx.k || k > exact.k) {
    throw new RangeError(
      `recallAtK: k must be an integer in [1, ${Math.min(approx.k, exact.k)}], ` +
        `got ${formatValue(k)}.`,
    );
  }
  if (exact.rows === 0) return 1;
  let hits = 0;
  const truth = new Set<number>();
  for (let q = 0; q < exact.rows; q++) {
    truth.clear();
    for (let j = 0; j < k; j++)
      truth.add(exact.indices[q * exact.k + j] as number);
    for (let j = 0; j < k; j++) {
      if (truth.has(approx.indices[q * approx.k + j] as number)) hits++;
    }
  }
  return hits / (exact.rows * k);
}

/**
 * Recall of a radius query: found neighbours over true ones, pooled over
 * all queries (1 when there are no true neighbours at all).
 *
 * @throws RangeError when the results disagree in rows.
 */
export function radiusRecall(
  approx: RadiusResult,
  exact: RadiusResult,
): number {
  if (approx.rows !== exact.rows) {
    throw new RangeError(
      `radiusRecall: approx must have as many rows as exact (${exact.rows}), ` +
        `got ${formatValue(approx.rows)}.`,
    );
  }
  const total = exact.indices.length;
  if (total === 0) return 1;
  let hits = 0;
  const truth = new Set<number>();
  for (let q = 0; q < exact.rows; q++) {
    truth.clear();
    for (
      let p = exact.offsets[q] as number;
      p < (exact.offsets[q + 1] as number);
      p++
    ) {
      truth.add(exact.indices[p] as number);
    }
    for (
      let p = approx.offsets[q] as number;
      p < (approx.offsets[q + 1] as number);
      p++
    ) {
      if (truth.has(approx.indices[p] as number)) hits++;
    }
  }
  return hits / total;
}
