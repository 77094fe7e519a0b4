/** Seeds from a grid, as {@link binSeeds} returns them. */
export interface BinSeeds {
  /** Row-major `[s, d]` float32 seeds: bin keys times the bin size. */
  seeds: Float32Array;
  /** Whether every point had a bin of its own, so the points are the seeds. */
  fellBack: boolean;
}

/** Rounds half to even, as NumPy's `round` does. */
function roundHalfEven(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value % 1) === 0.5 && nearest % 2 !== 0
    ? nearest - 1
    : nearest;
}

/**
 * Seeds mean shift from a grid: each point falls in the bin keyed by
 * round(point / binSize) per coordinate (halves to even); bins holding at
 * least `minBinFrequency` points give the seeds key × binSize, in the order
 * their first point appears. When there are as many such bins as points,
 * binning saved nothing and the points themselves are returned.
 *
 * Arithmetic is float32, like scikit-learn's `get_bin_seeds` on float32
 * input, so the same bins come out.
 *
 * @param points - Row-major `[n, d]` float32.
 * @param dimensions - d.
 * @param binSize - > 0, usually the bandwidth.
 * @param minBinFrequency - Integer ≥ 1.
 * @returns The seeds and whether binning fell back to the points.
 * @remarks O(n·d) time and memory; the number of occupied bins grows
 *   exponentially with d for spread-out data, so binning helps little in
 *   high dimensions.
 */
export function binSeeds(
  points: Float32Array,
  dimensions: number,
  binSize: number,
  minBinFrequency: number,
): BinSeeds {
  const n = points.length / dimensions;
  const size = Math.fround(binSize);
  const counts = new Map<string, number>();
  const keys: number[][] = [];
  for (let i = 0; i < n; i++) {
    const key: number[] = [];
    for (let k = 0; k < dimensions; k++) {
      const scaled = Math.fround((points[i * dimensions + k] as number) / size);
      key.push(roundHalfEven(scaled));
    }
    const text = key.join(',');
    const count = counts.get(text);
    if (count === undefined) keys.push(key);
    counts.set(text, (count ?? 0) + 1);
  }

  const kept = keys.filter(
    (key) => (counts.get(key.join(',')) as number) >= minBinFrequency,
  );
  if (kept.length === n) {
    return { seeds: Float32Array.from(points), fellBack: true };
  }
  const seeds = new Float32Array(kept.length * dimensions);
  kept.forEach((key, s) => {
    key.forEach((value, k) => {
      seeds[s * dimensions + k] = Math.fround(value * size);
    });
  });
  return { seeds, fellBack: false };
}
