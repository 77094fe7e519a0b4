import type { PointMatrix } from '@lesson11/tensor';

import type { KnnResult, Metric, RadiusResult } from './neighbor-index.js';

/**
 * The distinct candidates of one query. A stamp per indexed point marks the
 * query that last saw it, so deduplication costs O(1) per candidate and no
 * clearing between queries.
 */
export class CandidateSet {
  #stamps: Int32Array;
  #marker = -1;
  ids: Int32Array;
  count = 0;

  constructor(size: number) {
    this.#stamps = new Int32Array(size).fill(-1);
    this.ids = new Int32Array(Math.min(size, 1024));
  }

  /** Empties the set for the next query. */
  begin(): void {
    this.#marker++;
    this.count = 0;
  }

  /** Adds `source[start .. end)`, skipping ids already in the set. */
  addRange(source: Int32Array, start: number, end: number): void {
    const stamps = this.#stamps;
    const marker = this.#marker;
    if (this.count + end - start > this.ids.length) {
      const grown = new Int32Array(2 * (this.count + end - start));
      grown.set(this.ids.subarray(0, this.count));
      this.ids = grown;
    }
    const ids = this.ids;
    let count = this.count;
    for (let p = start; p < end; p++) {
      const id = source[p] as number;
      if (stamps[id] !== marker) {
        stamps[id] = marker;
        ids[count++] = id;
      }
    }
    this.count = count;
  }
}

/** Writes query `q`'s candidates into `set` (already begun). */
export type CandidateGatherer = (q: number, set: CandidateSet) => void;

/** Squared L2 distance between base row `i` and query row `q`. */
export function squaredDistance(
  base: Float32Array,
  i: number,
  queries: Float32Array,
  q: number,
  d: number,
): number {
  let sum = 0;
  const a = i * d;
  const b = q * d;
  let c = 0;
  for (; c + 3 < d; c += 4) {
    const x0 = (base[a + c] as number) - (queries[b + c] as number);
    const x1 = (base[a + c + 1] as number) - (queries[b + c + 1] as number);
    const x2 = (base[a + c + 2] as number) - (queries[b + c + 2] as number);
    const x3 = (base[a + c + 3] as number) - (queries[b + c + 3] as number);
    sum += x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3;
  }
  for (; c < d; c++) {
    const x = (base[a + c] as number) - (queries[b + c] as number);
    sum += x * x;
  }
  return sum;
}

/**
 * Turns a squared L2 distance between stored rows into the metric's
 * distance; cosine indexes store unit rows, where |a − b|² = 2(1 − cos θ).
 */
export function fromSquared(metric: Metric, squared: number): number {
  return metric === 'cosine' ? squared / 2 : Math.sqrt(squared);
}

/** The squared L2 threshold that matches a radius in the metric. */
export function toSquared(metric: Metric, distance: number): number {
  return metric === 'cosine' ? 2 * distance : distance * distance;
}

/**
 * Exact top-k among each query's candidates: the re-ranking step shared by
 * every approximate index.
 *
 * @param base - The indexed rows as stored (unit rows for cosine).
 * @param queries - The query rows, prepared the same way.
 * @returns Indices and distances, nearest first; −1 / Infinity pad rows
 *   with fewer than k candidates.
 * @remarks O(c·d + c·log k) per query for c candidates.
 */
export function rerankKnn(
  base: PointMatrix,
  queries: PointMatrix,
  k: number,
  metric: Metric,
  gather: CandidateGatherer,
): KnnResult {
  const d = base.columns;
  const rows = queries.rows;
  const indices = new Int32Array(rows * k).fill(-1);
  const distances = new Float32Array(rows * k).fill(Infinity);
  const set = new CandidateSet(base.rows);
  const heapDistance = new Float64Array(k);
  const heapIndex = new Int32Array(k);
  let checked = 0;
  for (let q = 0; q < rows; q++) {
    set.begin();
    gather(q, set);
    checked += set.count;
    let size = 0;
    for (let c = 0; c < set.count; c++) {
      const id = set.ids[c] as number;
      const dist = squaredDistance(base.data, id, queries.data, q, d);
      if (size < k) {
        siftUp(heapDistance, heapIndex, size++, dist, id);
      } else if (dist < (heapDistance[0] as number)) {
        siftDown(heapDistance, heapIndex, size, dist, id);
      }
    }
    // Pop the max-heap from the back so the row ends up nearest first.
    for (let slot = size - 1; slot >= 0; slot--) {
      indices[q * k + slot] = heapIndex[0] as number;
      distances[q * k + slot] = fromSquared(metric, heapDistance[0] as number);
      const lastDistance = heapDistance[slot] as number;
      const lastIndex = heapIndex[slot] as number;
      if (slot > 0)
        siftDown(heapDistance, heapIndex, slot, lastDistance, lastIndex);
    }
  }
  return { rows, k, indices, distances, candidatesChecked: checked };
}

/** Larger distance wins; ties go to the larger index, for determinism. */
function above(d1: number, i1: number, d2: number, i2: number): boolean {
  return d1 > d2 || (d1 === d2 && i1 > i2);
}

function siftUp(
  dist: Float64Array,
  index: Int32Array,
  position: number,
  value: number,
  id: number,
): void {
  let p = position;
  while (p > 0) {
    const parent = (p - 1) >> 1;
    if (!above(value, id, dist[parent] as number, index[parent] as number))
      break;
    dist[p] = dist[parent] as number;
    index[p] = index[parent] as number;
    p = parent;
  }
  dist[p] = value;
  index[p] = id;
}

/** Replaces the root of a heap of `size` with (value, id) and restores it. */
function siftDown(
  dist: Float64Array,
  index: Int32Array,
  size: number,
  value: number,
  id: number,
): void {
  let p = 0;
  for (;;) {
    let child = 2 * p + 1;
    if (child >= size) break;
    const right = child + 1;
    if (
      right < size &&
      above(
        dist[right] as number,
        index[right] as number,
        dist[child] as number,
        index[child] as number,
      )
    ) {
      child = right;
    }
    if (!above(dist[child] as number, index[child] as number, value, id)) break;
    dist[p] = dist[child] as number;
    index[p] = index[child] as number;
    p = child;
  }
  dist[p] = value;
  index[p] = id;
}

/**
 * Exact radius filter over each query's candidates, sorted by distance.
 *
 * @param squaredRadius - Threshold on the squared L2 distance of stored rows.
 */
export function rerankRadius(
  base: PointMatrix,
  queries: PointMatrix,
  squaredRadius: number,
  metric: Metric,
  gather: CandidateGatherer,
): RadiusResult {
  const d = base.columns;
  const rows = queries.rows;
  const offsets = new Int32Array(rows + 1);
  const foundIds: number[] = [];
  const foundDistances: number[] = [];
  const set = new CandidateSet(base.rows);
  let checked = 0;
  for (let q = 0; q < rows; q++) {
    set.begin();
    gather(q, set);
    checked += set.count;
    const hits: Array<[number, number]> = [];
    for (let c = 0; c < set.count; c++) {
      const id = set.ids[c] as number;
      const dist = squaredDistance(base.data, id, queries.data, q, d);
      if (dist <= squaredRadius) hits.push([dist, id]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [dist, id] of hits) {
      foundIds.push(id);
      foundDistances.push(fromSquared(metric, dist));
    }
    offsets[q + 1] = foundIds.length;
  }
  return {
    rows,
    offsets,
    indices: Int32Array.from(foundIds),
    distances: Float32Array.from(foundDistances),
    candidatesChecked: checked,
  };
}
