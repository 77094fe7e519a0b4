import {
  integerRule,
  numberRule,
  oneOfRule,
  optionError,
  Random,
  resolveOptions,
  toPointMatrix,
} from '@lesson11/tensor';
import type { OptionRules, PointMatrix, PointsInput } from '@lesson11/tensor';

import { rerankKnn, rerankRadius, toSquared } from './candidate-search.js';
import type { CandidateGatherer } from './candidate-search.js';
import type {
  KnnResult,
  NeighborIndex,
  RadiusResult,
} from './neighbor-index.js';
import {
  gaussianDirections,
  projectRows,
  PROJECTION_MODES,
} from './projection.js';
import type { ProjectionMode } from './projection.js';
import { checkK, checkQueries, checkRadius } from './query-input.js';
import { encodeIndex } from './serialize.js';
import type { IndexParts, StoredArray } from './serialize.js';
import { descend, growSpillTree } from './spill-tree.js';
import type { SpillTree } from './spill-tree.js';

/** Options of {@link buildSpillForestIndex}. */
export interface SpillForestOptions {
  /**
   * Trees in the forest; each adds one leaf of candidates per query.
   * @defaultValue 4
   */
  numTrees?: number;
  /**
   * Nodes with at most this many points become leaves.
   * @defaultValue 32
   */
  leafSize?: number;
  /**
   * Fraction of a node's points each child takes beyond the median, in
   * [0, 0.5); 0 gives plain random-projection trees.
   * @defaultValue 0.05
   */
  overlap?: number;
  /**
   * Seed of the random directions.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Where projections run (see {@link ProjectionMode}).
   * @defaultValue 'auto'
   */
  projection?: ProjectionMode;
}

/** Defaults of {@link buildSpillForestIndex}. */
export const SPILL_FOREST_DEFAULTS: Readonly<Required<SpillForestOptions>> =
  Object.freeze({
    numTrees: 4,
    leafSize: 32,
    overlap: 0.05,
    seed: 0,
    projection: 'auto',
  });

const RULES: OptionRules<Required<SpillForestOptions>> = {
  numTrees: integerRule({ min: 1, max: 1024 }),
  leafSize: integerRule({ min: 1 }),
  overlap: numberRule({ min: 0, max: 0.5, maxExclusive: true }),
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
  projection: oneOfRule(PROJECTION_MODES),
};

/** Levels a tree needs to bring n points down to a leaf (capped at 48). */
function treeDepth(n: number, leafSize: number, overlap: number): number {
  if (n <= leafSize) return 1;
  return Math.min(
    48,
    Math.ceil(Math.log(n / leafSize) / Math.log(1 / (0.5 + overlap))) + 1,
  );
}

/**
 * Builds a forest of random-projection spill trees for Euclidean search.
 * A query descends each tree to one leaf (defeatist search); the union of
 * its leaves is re-ranked by exact distance.
 *
 * @param points - `[n, d]` points (a matrix's buffer is kept, not copied).
 * @returns The index.
 * @throws RangeError for empty or non-finite points or a bad option (e.g.
 *   `overlap` ≥ 0.5, where the tree would never shrink).
 * @remarks Build O(T·n·D·d) for projections on D ≈ log(n / leafSize) /
 *   log(1 / (½ + overlap)) levels, plus sorting; memory grows like
 *   T·n·(1 + 2·overlap)^D ids. A query costs O(T·D·d + T·leafSize·d).
 * @see Liu, Moore, Gray & Yang (2004), "An investigation of practical
 *   approximate nearest neighbor algorithms"; Dasgupta & Freund (2008),
 *   "Random projection trees and low dimensional manifolds".
 * @example
 * const forest = await buildSpillForestIndex(points, { numTrees: 8 });
 * const { indices } = await forest.knn(queries, 10);
 */
export async function buildSpillForestIndex(
  points: PointsInput,
  options: SpillForestOptions = {},
): Promise<SpillForestIndex> {
  const resolved = resolveOptions(
    'buildSpillForestIndex',
    options,
    SPILL_FOREST_DEFAULTS,
    RULES,
  );
  const matrix = toPointMatrix('buildSpillForestIndex', points);
  const { numTrees, leafSize, overlap } = resolved;
  const depth = treeDepth(matrix.rows, leafSize, overlap);
  const random = new Random(resolved.seed);
  const directions = gaussianDirections(
    random,
    numTrees * depth,
    matrix.columns,
  );
  const trees: SpillTree[] = [];
  for (let t = 0; t < numTrees; t++) {
    const own = directions.subarray(
      t * depth * matrix.columns,
      (t + 1) * depth * matrix.columns,
    );
    const projections = await projectRows(matrix, own, resolved.projection);
    trees.push(
      growSpillTree(projections, matrix.rows, depth, leafSize, overlap),
    );
  }
  return new SpillForestIndex(
    matrix,
    directions,
    depth,
    trees,
    resolved.projection,
  );
}

/** A built spill forest (see {@link buildSpillForestIndex}). */
export class SpillForestIndex implements NeighborIndex {
  readonly kind = 'spill-forest' as const;
  readonly metric = 'euclidean' as const;
  readonly size: number;
  readonly dimensions: number;
  projection: ProjectionMode;
  #treesSearched: number;

  /** Use {@link buildSpillForestIndex} or {@link deserializeIndex} instead. */
  constructor(
    readonly points: PointMatrix,
    readonly directions: Float32Array,
    readonly depth: number,
    readonly trees: SpillTree[],
    projection: ProjectionMode,
  ) {
    this.size = points.rows;
    this.dimensions = points.columns;
    this.projection = projection;
    this.#treesSearched = trees.length;
  }

  /** Trees a query descends (the first ones); at most the forest's size. */
  get treesSearched(): number {
    return this.#treesSearched;
  }

  set treesSearched(value: number) {
    const rule = integerRule({ min: 1, max: this.trees.length });
    if (!rule.test(value)) {
      throw optionError(
        'SpillForestIndex.treesSearched',
        'treesSearched',
        rule,
        value,
      );
    }
    this.#treesSearched = value;
  }

  /** A forest of the first `count` trees, sharing this one's arrays. */
  firstTrees(count: number): SpillForestIndex {
    const rule = integerRule({ min: 1, max: this.trees.length });
    if (!rule.test(count)) {
      throw optionError('SpillForestIndex.firstTrees', 'count', rule, count);
    }
    const directions = this.directions.subarray(
      0,
      count * this.depth * this.dimensions,
    );
    return new SpillForestIndex(
      this.points,
      directions,
      this.depth,
      this.trees.slice(0, count),
      this.projection,
    );
  }

  async knn(queries: PointsInput, k: number): Promise<KnnResult> {
    const matrix = checkQueries(
      'SpillForestIndex.knn',
      queries,
      this.dimensions,
    );
    checkK('SpillForestIndex.knn', k, this.size);
    return rerankKnn(
      this.points,
      matrix,
      k,
      this.metric,
      await this.#gatherer(matrix),
    );
  }

  async radius(queries: PointsInput, radius: number): Promise<RadiusResult> {
    const matrix = checkQueries(
      'SpillForestIndex.radius',
      queries,
      this.dimensions,
    );
    checkRadius('SpillForestIndex.radius', radius);
    const squared = toSquared(this.metric, radius);
    return rerankRadius(
      this.points,
      matrix,
      squared,
      this.metric,
      await this.#gatherer(matrix),
    );
  }

  serialize(): Uint8Array {
    return encodeIndex(this.toParts());
  }

  /** The index as named arrays and fields (what `serialize` writes). */
  toParts(): IndexParts {
    const arrays: Record<string, StoredArray> = {
      points: this.points.data,
      directions: this.directions,
    };
    this.trees.forEach((tree, t) => {
      for (const [name, array] of Object.entries(tree))
        arrays[`tree${t}.${name}`] = array;
    });
    return {
      kind: this.kind,
      fields: {
        rows: this.size,
        columns: this.dimensions,
        depth: this.depth,
        numTrees: this.trees.length,
        treesSearched: this.treesSearched,
        projection: this.projection,
      },
      arrays,
    };
  }

  /** Rebuilds an index from {@link SpillForestIndex.toParts}. */
  static fromParts(parts: IndexParts): SpillForestIndex {
    const f = parts.fields as {
      rows: number;
      columns: number;
      depth: number;
      numTrees: number;
      treesSearched: number;
      projection: ProjectionMode;
    };
    const a = parts.arrays;
    const trees = Array.from({ length: f.numTrees }, (_, t) => ({
      thresholds: a[`tree${t}.thresholds`] as Float32Array,
      lefts: a[`tree${t}.lefts`] as Int32Array,
      rights: a[`tree${t}.rights`] as Int32Array,
      leafStarts: a[`tree${t}.leafStarts`] as Int32Array,
      leafIds: a[`tree${t}.leafIds`] as Int32Array,
    }));
    const points = {
      data: a.points as Float32Array,
      rows: f.rows,
      columns: f.columns,
    };
    const index = new SpillForestIndex(
      points,
      a.directions as Float32Array,
      f.depth,
      trees,
      f.projection,
    );
    index.treesSearched = f.treesSearched;
    return index;
  }

  async #gatherer(queries: PointMatrix): Promise<CandidateGatherer> {
    const used = this.treesSearched;
    const perTree = this.depth * this.dimensions;
    const directions = this.directions.subarray(0, used * perTree);
    const projections = await projectRows(queries, directions, this.projection);
    const stride = used * this.depth;
    return (q, set) => {
      for (let t = 0; t < used; t++) {
        const tree = this.trees[t] as SpillTree;
        const leaf = descend(tree, projections, q * stride + t * this.depth);
        set.addRange(
          tree.leafIds,
          tree.leafStarts[leaf] as number,
          tree.leafStarts[leaf + 1] as number,
        );
      }
    };
  }
}
