import type { Random } from '@lesson11/tensor';

/**
 * Multipliers of the linear combination that folds a table's k hash values
 * into one 32-bit bucket key, Σ h_j·r_j mod 2^32 (E2LSH folds the same way
 * modulo a prime; 2^32 lets `Math.imul` do it in integer arithmetic). Odd
 * random r_j keep every h_j's low bits in play; distinct hash vectors collide
 * with probability about 2^−32.
 */
export function keyMultipliers(random: Random, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = random.nextUint32() | 1;
  return out;
}

/** What one table needs to hash a projected row. */
export interface E2lshTableHash {
  /** Hashes per table k. */
  hashesPerTable: number;
  /** Bucket width w. */
  bucketWidth: number;
  /** `[L·k]` offsets b / w, uniform in [0, 1). */
  offsets: Float32Array;
  /** `[L·k]` key multipliers. */
  multipliers: Int32Array;
}

/**
 * The bucket key of one row in one table: h_j = ⌊(a_j·v + b_j) / w⌋ for the
 * table's k projections a_j·v (Datar et al. 2004, §3), folded into 32 bits.
 *
 * @param projections - Projected rows, `stride` values per row.
 * @param at - Where this row's projections for this table start.
 * @param first - The table's first hash in `offsets` and `multipliers`.
 * @param slots - When given (length 2k), receives the distance of each hash
 *   value to its lower (slot 2j) and upper (2j + 1) boundary, in widths.
 */
export function e2lshKey(
  projections: Float32Array,
  at: number,
  first: number,
  hash: E2lshTableHash,
  slots?: Float64Array,
): number {
  const { hashesPerTable, bucketWidth, offsets, multipliers } = hash;
  let key = 0;
  for (let j = 0; j < hashesPerTable; j++) {
    const value =
      (projections[at + j] as number) / bucketWidth +
      (offsets[first + j] as number);
    const h = Math.floor(value);
    if (slots !== undefined) {
      slots[2 * j] = value - h;
      slots[2 * j + 1] = 1 - (value - h);
    }
    key = (key + Math.imul(h, multipliers[first + j] as number)) | 0;
  }
  return key >>> 0;
}

/** The key after moving hash j by `delta` (±1). */
export function shiftKey(
  key: number,
  multiplier: number,
  delta: number,
): number {
  return (delta > 0 ? key + multiplier : key - multiplier) >>> 0;
}

/**
 * Picks the bucket width that gives the wanted bucket occupancy: the mean,
 * over points, of how many OTHER points share their bucket in one table.
 *
 * Occupancy grows with w, so w is found by bisection on a log scale. The
 * occupancy is measured on a sample of at most 20 000 rows and scaled by
 * (n − 1) / (s − 1), since the expected number of bucket mates grows
 * linearly with the number of points.
 *
 * @param projections - `[n, L·k]` projected rows (table 0 is used).
 * @returns The width w > 0.
 */
export function chooseBucketWidth(
  projections: Float32Array,
  n: number,
  stride: number,
  hash: Omit<E2lshTableHash, 'bucketWidth'>,
  targetOccupancy: number,
  random: Random,
): number {
  const sample = random.sampleIndices(n, Math.min(n, 20_000));
  const scale = (n - 1) / Math.max(1, sample.length - 1);
  let spread = 0;
  for (const row of sample) {
    spread = Math.max(spread, Math.abs(projections[row * stride] as number));
  }
  let low = Math.log(Math.max(spread, 1e-12) * 1e-6);
  let high = Math.log(Math.max(spread, 1e-12) * 4);
  for (let step = 0; step < 30; step++) {
    const middle = (low + high) / 2;
    const counts = new Map<number, number>();
    const table = { ...hash, bucketWidth: Math.exp(middle) };
    const keys = new Float64Array(sample.length);
    sample.forEach((row, i) => {
      keys[i] = e2lshKey(projections, row * stride, 0, table);
      counts.set(keys[i] as number, (counts.get(keys[i] as number) ?? 0) + 1);
    });
    let mates = 0;
    for (const key of keys) mates += (counts.get(key) as number) - 1;
    if ((mates / sample.length) * scale < targetOccupancy) low = middle;
    else high = middle;
  }
  return Math.exp((low + high) / 2);
}
