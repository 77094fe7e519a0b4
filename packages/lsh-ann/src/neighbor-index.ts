import type { PointsInput } from '@lesson11/tensor';

/**
 * How distances are measured. `'euclidean'` is the L2 distance;
 * `'cosine'` is 1 − cos θ between the vectors (0 for the same direction,
 * 2 for opposite ones).
 */
export type Metric = 'euclidean' | 'cosine';

/** The kinds of index this package builds. */
export type IndexKind = 'brute-force' | 'e2lsh' | 'sign-lsh' | 'spill-forest';

/**
 * The k nearest neighbours of a batch of queries, nearest first.
 *
 * Rows that found fewer than `k` candidates end in index −1 and distance
 * `Infinity` (approximate indexes only; brute force always fills `k`).
 */
export interface KnnResult {
  /** Number of queries. */
  rows: number;
  /** Neighbours per query. */
  k: number;
  /** `[rows, k]` int32 row-major indices into the indexed points. */
  indices: Int32Array;
  /** `[rows, k]` float32 distances in the index's metric. */
  distances: Float32Array;
  /** Distinct candidates whose exact distance was computed, all rows. */
  candidatesChecked: number;
}

/**
 * Every indexed point within a radius of each query, in compressed rows:
 * the neighbours of query `q` are `indices[offsets[q] .. offsets[q + 1])`,
 * sorted by distance.
 */
export interface RadiusResult {
  rows: number;
  /** `[rows + 1]` int32 start of each query's neighbours. */
  offsets: Int32Array;
  /** int32 indices into the indexed points. */
  indices: Int32Array;
  /** float32 distances in the index's metric, beside `indices`. */
  distances: Float32Array;
  /** Distinct candidates whose exact distance was computed, all rows. */
  candidatesChecked: number;
}

/**
 * What every index of this package offers: batch k-nearest and radius
 * queries with exact re-ranking, and a byte form for saving.
 *
 * Indexes are static: they are built once over a point set and answer any
 * number of query batches. Points and queries are `[n, d]` float32.
 */
export interface NeighborIndex {
  readonly kind: IndexKind;
  readonly metric: Metric;
  /** Number of indexed points n. */
  readonly size: number;
  /** Dimensions d of every point. */
  readonly dimensions: number;
  /**
   * The `k` nearest indexed points of each query.
   * @throws RangeError when k is not an integer in [1, size] or the queries
   *   have another dimension than the index.
   */
  knn(queries: PointsInput, k: number): Promise<KnnResult>;
  /**
   * Every indexed point within `radius` of each query (distance ≤ radius).
   * @throws RangeError when the radius is not a finite number > 0 or the
   *   queries have another dimension than the index.
   */
  radius(queries: PointsInput, radius: number): Promise<RadiusResult>;
  /** The index as bytes; {@link deserializeIndex} reads them back. */
  serialize(): Uint8Array;
}
