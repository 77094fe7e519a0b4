/** Points gathered into weighted particles. */
export interface Particles {
  /** Row-major `[p, d]` float32 particle positions. */
  positions: Float32Array;
  /** `[p]` float32: how many original points each particle carries. */
  masses: Float32Array;
  /** `[old p]` int32: the new particle each old one went into. */
  mapping: Int32Array;
}

/**
 * Merges particles that lie in the same grid cell of side `radius` into
 * one, at their mass-weighted mean. Points that have converged onto the same
 * mode follow the same path from then on, so merging them loses nothing and
 * shrinks the work of every later sweep.
 *
 * Cells are keyed by a hash of the integer cell coordinates; two particles
 * that share a key are merged only if they are truly within
 * radius·√d of each other, so a hash collision never merges distant points.
 * Close particles on either side of a cell wall stay apart until a later
 * sweep brings them into one cell.
 *
 * @param positions - Row-major `[p, d]` float32.
 * @param masses - `[p]` float32.
 * @param radius - Cell side > 0.
 * @returns The merged particles and where each old particle went.
 * @remarks O(p·d) expected time.
 */
export function mergeParticles(
  positions: Float32Array,
  masses: Float32Array,
  dimensions: number,
  radius: number,
): Particles {
  const p = masses.length;
  const mapping = new Int32Array(p);
  const cells = new Map<number, number[]>();
  const sums: number[] = [];
  const weights: number[] = [];
  const anchors: number[] = [];
  const limit = radius * radius * dimensions;
  for (let i = 0; i < p; i++) {
    const key = cellKey(positions, i, dimensions, radius);
    const candidates = cells.get(key) ?? [];
    let target = -1;
    for (const c of candidates) {
      if (squaredGap(positions, i, anchors[c] as number, dimensions) <= limit) {
        target = c;
        break;
      }
    }
    if (target < 0) {
      target = anchors.length;
      anchors.push(i);
      weights.push(0);
      for (let j = 0; j < dimensions; j++) sums.push(0);
      candidates.push(target);
      cells.set(key, candidates);
    }
    const mass = masses[i] as number;
    weights[target] = (weights[target] as number) + mass;
    for (let j = 0; j < dimensions; j++) {
      sums[target * dimensions + j] =
        (sums[target * dimensions + j] as number) +
        mass * (positions[i * dimensions + j] as number);
    }
    mapping[i] = target;
  }
  const merged = new Float32Array(anchors.length * dimensions);
  for (let c = 0; c < anchors.length; c++) {
    for (let j = 0; j < dimensions; j++) {
      merged[c * dimensions + j] =
        (sums[c * dimensions + j] as number) / (weights[c] as number);
    }
  }
  return { positions: merged, masses: Float32Array.from(weights), mapping };
}

function cellKey(
  positions: Float32Array,
  i: number,
  dimensions: number,
  radius: number,
): number {
  // A multiplicative hash of the cell coordinates, folded to 32 bits.
  let key = 0x811c9dc5;
  for (let j = 0; j < dimensions; j++) {
    const cell = Math.floor((positions[i * dimensions + j] as number) / radius);
    key = Math.imul(key ^ (cell | 0), 0x01000193);
    key = Math.imul(key ^ Math.floor(cell / 2 ** 32), 0x01000193);
  }
  return key >>> 0;
}

function squaredGap(
  positions: Float32Array,
  a: number,
  b: number,
  dimensions: number,
): number {
  let sum = 0;
  for (let j = 0; j < dimensions; j++) {
    const delta =
      (positions[a * dimensions + j] as number) -
      (positions[b * dimensions + j] as number);
    sum += delta * delta;
  }
  return sum;
}
