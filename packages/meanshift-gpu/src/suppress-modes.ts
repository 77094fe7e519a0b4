/** The surviving modes of {@link suppressNearModes}. */
export interface SuppressedModes {
  /** Row-major `[k, d]` float32 centres, most points first. */
  centers: Float32Array;
  /** `[k]` how many points each centre's window held. */
  intensities: Float64Array;
}

/**
 * Turns converged seeds into cluster centres the way scikit-learn does:
 * seeds at bit-identical positions count once (the last one's intensity
 * wins), centres are sorted by intensity, then by their coordinates,
 * both descending, and walked greedily: each centre not yet removed is kept
 * and removes every other centre within `radius` (boundary included).
 *
 * @param modes - Row-major `[s, d]` converged seeds.
 * @param intensities - `[s]` points in each seed's last window (> 0).
 * @param dimensions - d.
 * @param radius - Suppression radius, the bandwidth.
 * @returns The kept centres, largest intensity first.
 * @remarks O(s²·d) time in the number of distinct seeds.
 */
export function suppressNearModes(
  modes: Float32Array,
  intensities: ArrayLike<number>,
  dimensions: number,
  radius: number,
): SuppressedModes {
  const d = dimensions;
  const byPosition = new Map<string, { row: number; intensity: number }>();
  for (let s = 0; s < modes.length / d; s++) {
    const key = Array.from(modes.subarray(s * d, (s + 1) * d)).join(',');
    const earlier = byPosition.get(key);
    byPosition.delete(key);
    byPosition.set(key, {
      row: earlier?.row ?? s,
      intensity: intensities[s] as number,
    });
  }
  const order = [...byPosition.values()].sort((a, b) => {
    if (a.intensity !== b.intensity) return b.intensity - a.intensity;
    for (let k = 0; k < d; k++) {
      const gap =
        (modes[b.row * d + k] as number) - (modes[a.row * d + k] as number);
      if (gap !== 0) return gap;
    }
    return 0;
  });

  const removed = new Uint8Array(order.length);
  const kept: number[] = [];
  const radiusSquared = radius * radius;
  for (let i = 0; i < order.length; i++) {
    if (removed[i]) continue;
    kept.push(i);
    const a = (order[i] as { row: number }).row;
    for (let j = i + 1; j < order.length; j++) {
      const b = (order[j] as { row: number }).row;
      let d2 = 0;
      for (let k = 0; k < d; k++) {
        const v = (modes[a * d + k] as number) - (modes[b * d + k] as number);
        d2 += v * v;
      }
      if (d2 <= radiusSquared) removed[j] = 1;
    }
  }
  const centers = new Float32Array(kept.length * d);
  const keptIntensities = new Float64Array(kept.length);
  kept.forEach((i, rank) => {
    const { row, intensity } = order[i] as { row: number; intensity: number };
    centers.set(modes.subarray(row * d, (row + 1) * d), rank * d);
    keptIntensities[rank] = intensity;
  });
  return { centers, intensities: keptIntensities };
}
