/**
 * One hash table: the indexed points grouped by their 32-bit bucket key.
 *
 * Buckets are stored sorted by key (`keys`, with `starts` into `ids`), so a
 * lookup is a binary search and the table is three flat typed arrays that
 * serialize as they are.
 */
export interface BucketTable {
  /** Distinct bucket keys, ascending. */
  keys: Uint32Array;
  /** `[keys.length + 1]` start of each bucket in `ids`. */
  starts: Int32Array;
  /** Point indices grouped by bucket. */
  ids: Int32Array;
}

/** Largest point count whose (key, id) pairs pack exactly into a float64. */
const PACKED_SORT_LIMIT = 2 ** 21;

/**
 * Groups points by key.
 *
 * @param keys - `[n]` uint32 bucket key of every point.
 * @remarks O(n log n). Up to 2^21 points, (key, id) pairs are packed into
 *   one float64 each (32 + 21 bits) and sorted natively, which is several
 *   times faster than sorting with a comparator.
 */
export function buildBucketTable(keys: Uint32Array): BucketTable {
  const n = keys.length;
  const ids = new Int32Array(n);
  if (n <= PACKED_SORT_LIMIT) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      packed[i] = (keys[i] as number) * PACKED_SORT_LIMIT + i;
    }
    packed.sort();
    for (let i = 0; i < n; i++) {
      ids[i] = (packed[i] as number) % PACKED_SORT_LIMIT;
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
    ids.set(order);
  }
  let distinct = 0;
  for (let p = 0; p < n; p++) {
    if (p === 0 || keys[ids[p] as number] !== keys[ids[p - 1] as number]) {
      distinct++;
    }
  }
  const sortedKeys = new Uint32Array(distinct);
  const starts = new Int32Array(distinct + 1);
  let bucket = -1;
  for (let p = 0; p < n; p++) {
    const key = keys[ids[p] as number] as number;
    if (bucket < 0 || key !== sortedKeys[bucket]) {
      bucket++;
      sortedKeys[bucket] = key;
      starts[bucket] = p;
    }
  }
  starts[distinct] = n;
  return { keys: sortedKeys, starts, ids };
}

/**
 * The bucket holding `key`, as its position in `table.keys`, or −1 when no
 * point has that key.
 */
export function findBucket(table: BucketTable, key: number): number {
  const keys = table.keys;
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = keys[middle] as number;
    if (value < key) low = middle + 1;
    else if (value > key) high = middle - 1;
    else return middle;
  }
  return -1;
}
