import * as tf from '@tensorflow/tfjs-core';
import {
  forEachChunk,
  integerRule,
  oneOfRule,
  resolveOptions,
  squaredEuclideanDistances,
  toPointMatrix,
} from '@lesson11/tensor';
import type { OptionRules, PointMatrix, PointsInput } from '@lesson11/tensor';

import { rerankKnn, rerankRadius, toSquared } from './candidate-search.js';
import type {
  KnnResult,
  Metric,
  NeighborIndex,
  RadiusResult,
} from './neighbor-index.js';
import {
  checkK,
  checkQueries,
  checkRadius,
  normalizeRows,
} from './query-input.js';
import { encodeIndex } from './serialize.js';
import type { IndexParts } from './serialize.js';

/** Options of {@link buildBruteForceIndex}. */
export interface BruteForceOptions {
  /**
   * Distance: Euclidean, or cosine (rows are stored scaled to unit length).
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Distances formed per matrix-product chunk (queries × points); bounds
   * the memory of one chunk.
   * @defaultValue 16777216
   */
  chunkElements?: number;
}

/** Defaults of {@link buildBruteForceIndex}. */
export const BRUTE_FORCE_DEFAULTS: Readonly<Required<BruteForceOptions>> =
  Object.freeze({ metric: 'euclidean', chunkElements: 2 ** 24 });

const RULES: OptionRules<Required<BruteForceOptions>> = {
  metric: oneOfRule(['euclidean', 'cosine']),
  chunkElements: integerRule({ min: 1 }),
};

/**
 * Extra tensor-ranked neighbours re-ranked exactly in float64, so that
 * float32 cancellation in |a|² + |b|² − 2a·b cannot reorder the top k.
 */
const RERANK_MARGIN = 8;

/**
 * Builds the exact index: every query is compared with every point by
 * batched matrix products on the active tfjs backend, the best k + 8 are
 * kept by `tf.topk`, and those are re-ranked with exact distances. This is
 * the ground truth the approximate indexes are measured against.
 *
 * @param points - `[n, d]` points (a matrix's buffer is kept, not copied,
 *   for the Euclidean metric).
 * @returns The index.
 * @throws RangeError for empty or non-finite points or a bad option.
 * @remarks O(m·n·d) per batch of m queries; one chunk of `chunkElements`
 *   float32 distances lives at a time.
 * @example
 * const exact = await buildBruteForceIndex(points);
 * const truth = await exact.knn(queries, 10);
 */
export async function buildBruteForceIndex(
  points: PointsInput,
  options: BruteForceOptions = {},
): Promise<BruteForceIndex> {
  const resolved = resolveOptions(
    'buildBruteForceIndex',
    options,
    BRUTE_FORCE_DEFAULTS,
    RULES,
  );
  const matrix = toPointMatrix('buildBruteForceIndex', points);
  const stored = resolved.metric === 'cosine' ? normalizeRows(matrix) : matrix;
  return new BruteForceIndex(stored, resolved.metric, resolved.chunkElements);
}

/** The exact index (see {@link buildBruteForceIndex}). */
export class BruteForceIndex implements NeighborIndex {
  readonly kind = 'brute-force' as const;
  readonly size: number;
  readonly dimensions: number;

  /** Use {@link buildBruteForceIndex} or {@link deserializeIndex} instead. */
  constructor(
    readonly points: PointMatrix,
    readonly metric: Metric,
    readonly chunkElements: number,
  ) {
    this.size = points.rows;
    this.dimensions = points.columns;
  }

  async knn(queries: PointsInput, k: number): Promise<KnnResult> {
    const matrix = this.#prepare(
      checkQueries('BruteForceIndex.knn', queries, this.dimensions),
    );
    checkK('BruteForceIndex.knn', k, this.size);
    const wide = Math.min(this.size, k + RERANK_MARGIN);
    const ranked = new Int32Array(matrix.rows * wide);
    await this.#eachChunk(
      matrix,
      (distances) => tf.topk(tf.neg(distances), wide).indices,
      async (indices, start) => ranked.set(await indices.data(), start * wide),
    );
    return rerankKnn(this.points, matrix, k, this.metric, (q, set) =>
      set.addRange(ranked, q * wide, (q + 1) * wide),
    );
  }

  async radius(queries: PointsInput, radius: number): Promise<RadiusResult> {
    const matrix = this.#prepare(
      checkQueries('BruteForceIndex.radius', queries, this.dimensions),
    );
    checkRadius('BruteForceIndex.radius', radius);
    const squared = toSquared(this.metric, radius);
    const slack =
      1e-5 * (maxSquaredNorm(this.points) + maxSquaredNorm(matrix)) + 1e-12;
    const lists: Int32Array[] = [];
    await this.#eachChunk(
      matrix,
      (distances) => distances,
      async (distances, start, end) => {
        const values = await distances.data();
        for (let q = start; q < end; q++) {
          const row = values.subarray(
            (q - start) * this.size,
            (q - start + 1) * this.size,
          );
          const hits: number[] = [];
          row.forEach((value, i) => {
            if (value <= squared + slack) hits.push(i);
          });
          lists[q] = Int32Array.from(hits);
        }
      },
    );
    return rerankRadius(this.points, matrix, squared, this.metric, (q, set) => {
      const list = lists[q] as Int32Array;
      set.addRange(list, 0, list.length);
    });
  }

  serialize(): Uint8Array {
    return encodeIndex(this.toParts());
  }

  /** The index as named arrays and fields (what `serialize` writes). */
  toParts(): IndexParts {
    return {
      kind: this.kind,
      fields: {
        rows: this.size,
        columns: this.dimensions,
        metric: this.metric,
        chunkElements: this.chunkElements,
      },
      arrays: { points: this.points.data },
    };
  }

  /** Rebuilds an index from {@link BruteForceIndex.toParts}. */
  static fromParts(parts: IndexParts): BruteForceIndex {
    const f = parts.fields as {
      rows: number;
      columns: number;
      metric: Metric;
      chunkElements: number;
    };
    const points = {
      data: parts.arrays.points as Float32Array,
      rows: f.rows,
      columns: f.columns,
    };
    return new BruteForceIndex(points, f.metric, f.chunkElements);
  }

  #prepare(queries: PointMatrix): PointMatrix {
    return this.metric === 'cosine' ? normalizeRows(queries) : queries;
  }

  /** Runs `body` on each chunk's `[rows, n]` squared distances. */
  async #eachChunk(
    queries: PointMatrix,
    body: (distances: tf.Tensor2D) => tf.Tensor,
    consume: (result: tf.Tensor, start: number, end: number) => Promise<void>,
  ): Promise<void> {
    const base = tf.tensor2d(this.points.data, [this.size, this.dimensions]);
    const rows = Math.max(1, Math.floor(this.chunkElements / this.size));
    try {
      await forEachChunk(
        queries.rows,
        rows,
        ({ start, end }) => {
          const slice = queries.data.subarray(
            start * this.dimensions,
            end * this.dimensions,
          );
          const chunk = tf.tensor2d(slice, [end - start, this.dimensions]);
          return body(squaredEuclideanDistances(chunk, base));
        },
        (result, { start, end }) => consume(result, start, end),
      );
    } finally {
      base.dispose();
    }
  }
}

function maxSquaredNorm(matrix: PointMatrix): number {
  let best = 0;
  for (let i = 0; i < matrix.rows; i++) {
    let sum = 0;
    for (let j = i * matrix.columns; j < (i + 1) * matrix.columns; j++) {
      sum += (matrix.data[j] as number) ** 2;
    }
    best = Math.max(best, sum);
  }
  return best;
}
