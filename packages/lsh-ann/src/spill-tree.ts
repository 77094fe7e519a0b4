/**
 * One random-projection spill tree: every level splits its nodes at the
 * median of the points' projections on that level's random direction, but
 * each child keeps the points up to `overlap` past the median (a fraction of
 * the node's points), so points near a split land in both children (Liu,
 * Moore, Gray & Yang 2004). A query descends one path only ("defeatist"
 * search): the overlap is what lets it still find neighbours across a split.
 *
 * NOTE: one direction per level, shared by all nodes of that level, so a
 * whole tree's projections are one matrix product. Children are node
 * indices ≥ 0, or −(leaf + 1) for a leaf.
 */
export interface SpillTree {
  /** Split value (the median) of each internal node. */
  thresholds: Float32Array;
  /** Left child code of each internal node (points ≤ threshold). */
  lefts: Int32Array;
  /** Right child code of each internal node. */
  rights: Int32Array;
  /** `[leaves + 1]` start of each leaf in `leafIds`. */
  leafStarts: Int32Array;
  /** Point indices of all leaves, leaf by leaf. */
  leafIds: Int32Array;
}

/**
 * Grows a tree over all n points.
 *
 * @param projections - `[n, depth]` projections of every point on the
 *   tree's level directions.
 * @param leafSize - A node with at most this many points becomes a leaf.
 * @param overlap - Fraction in [0, 0.5) of a node's points that each child
 *   takes beyond the median.
 * @remarks Stored ids grow like n·(1 + 2·overlap)^levels.
 */
export function growSpillTree(
  projections: Float32Array,
  n: number,
  depth: number,
  leafSize: number,
  overlap: number,
): SpillTree {
  const thresholds: number[] = [];
  const lefts: number[] = [];
  const rights: number[] = [];
  const leafStarts: number[] = [0];
  const leafChunks: Int32Array[] = [];
  let stored = 0;

  const makeLeaf = (ids: Int32Array): number => {
    leafChunks.push(ids);
    stored += ids.length;
    leafStarts.push(stored);
    return -leafStarts.length + 1;
  };

  const grow = (ids: Int32Array, level: number): number => {
    const m = ids.length;
    if (m <= leafSize || level >= depth) return makeLeaf(ids);
    const values = new Float32Array(m);
    for (let i = 0; i < m; i++)
      values[i] = projections[(ids[i] as number) * depth + level] as number;
    const sorted = values.slice().sort();
    const middle = (m - 1) / 2;
    const threshold =
      ((sorted[Math.floor(middle)] as number) +
        (sorted[Math.ceil(middle)] as number)) /
      2;
    const high = sorted[
      Math.min(m - 1, Math.ceil(m * (0.5 + overlap)) - 1)
    ] as number;
    const low = sorted[Math.max(0, Math.floor(m * (0.5 - overlap)))] as number;
    const upper = Math.max(high, threshold);
    const lower = Math.min(low, threshold);
    const left = new Int32Array(m);
    const right = new Int32Array(m);
    let leftCount = 0;
    let rightCount = 0;
    for (let i = 0; i < m; i++) {
      const value = values[i] as number;
      if (value <= upper) left[leftCount++] = ids[i] as number;
      if (value >= lower) right[rightCount++] = ids[i] as number;
    }
    // Ties can leave a side with every point; such a node cannot split.
    if (leftCount === m || rightCount === m) return makeLeaf(ids);
    const node = thresholds.length;
    thresholds.push(threshold);
    lefts.push(0);
    rights.push(0);
    lefts[node] = grow(left.subarray(0, leftCount), level + 1);
    rights[node] = grow(right.subarray(0, rightCount), level + 1);
    return node;
  };

  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const root = grow(all, 0);
  const leafIds = new Int32Array(stored);
  let at = 0;
  for (const chunk of leafChunks) {
    leafIds.set(chunk, at);
    at += chunk.length;
  }
  if (root < 0) {
    // A single leaf: represent it as a root whose two children are that leaf.
    thresholds.push(0);
    lefts.push(root);
    rights.push(root);
  }
  return {
    thresholds: Float32Array.from(thresholds),
    lefts: Int32Array.from(lefts),
    rights: Int32Array.from(rights),
    leafStarts: Int32Array.from(leafStarts),
    leafIds,
  };
}

/**
 * The leaf a query reaches by defeatist descent.
 *
 * @param projections - The query's projections, `depth` values from `at`.
 * @returns The leaf's number (index into `leafStarts`).
 */
export function descend(
  tree: SpillTree,
  projections: Float32Array,
  at: number,
): number {
  let node = 0;
  let level = 0;
  while (node >= 0) {
    const value = projections[at + level] as number;
    node =
      value <= (tree.thresholds[node] as number)
        ? (tree.lefts[node] as number)
        : (tree.rights[node] as number);
    level++;
  }
  return -node - 1;
}
