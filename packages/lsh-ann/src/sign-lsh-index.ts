import {
  BOOLEAN_RULE,
  integerRule,
  oneOfRule,
  optionError,
  Random,
  resolveOptions,
  toPointMatrix,
} from '@lesson11/tensor';
import type { OptionRules, PointMatrix, PointsInput } from '@lesson11/tensor';

import { buildBucketTable, findBucket } from './bucket-table.js';
import type { BucketTable } from './bucket-table.js';
import { rerankKnn, rerankRadius, toSquared } from './candidate-search.js';
import type { CandidateGatherer, CandidateSet } from './candidate-search.js';
import { MAX_PROBES } from './e2lsh-options.js';
import type {
  KnnResult,
  NeighborIndex,
  RadiusResult,
} from './neighbor-index.js';
import { positionsNeeded, probeTemplate, sortSlots } from './probe-sequence.js';
import {
  gaussianDirections,
  projectRows,
  PROJECTION_MODES,
} from './projection.js';
import type { ProjectionMode } from './projection.js';
import {
  checkK,
  checkQueries,
  checkRadius,
  normalizeRows,
} from './query-input.js';
import { arraysToTables, encodeIndex, tablesToArrays } from './serialize.js';
import type { IndexParts } from './serialize.js';

/** Options of {@link buildSignLshIndex}. */
export interface SignLshOptions {
  /**
   * Hash tables L.
   * @defaultValue 8
   */
  numTables?: number;
  /**
   * Sign bits per table (the bucket key), at most 32.
   * @defaultValue 16
   */
  bitsPerTable?: number;
  /**
   * Extra buckets probed per table and query, flipping the bits whose
   * hyperplanes pass closest to the query first. Can be changed later.
   * @defaultValue 8
   */
  numProbes?: number;
  /**
   * Pass the hyperplanes through the mean of the unit-length points instead
   * of the origin. Data in one orthant (pixels, counts, TF-IDF) otherwise
   * falls into a few huge buckets: on Fashion-MNIST with 12 bits a point's
   * bucket held 898 points on average through the origin, 103 through the
   * mean. Re-ranking is exact cosine either way; only the hashing moves.
   * @defaultValue true
   */
  center?: boolean;
  /**
   * Seed of the random hyperplanes.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Where projections run (see {@link ProjectionMode}).
   * @defaultValue 'auto'
   */
  projection?: ProjectionMode;
}

/** Defaults of {@link buildSignLshIndex}. */
export const SIGN_LSH_DEFAULTS: Readonly<Required<SignLshOptions>> =
  Object.freeze({
    numTables: 8,
    bitsPerTable: 16,
    numProbes: 8,
    center: true,
    seed: 0,
    projection: 'auto',
  });

const PROBES_RULE = integerRule({ min: 0, max: MAX_PROBES });

const RULES: OptionRules<Required<SignLshOptions>> = {
  numTables: integerRule({ min: 1, max: 1024 }),
  bitsPerTable: integerRule({ min: 1, max: 32 }),
  numProbes: PROBES_RULE,
  center: BOOLEAN_RULE,
  seed: integerRule({ min: 0, max: 2 ** 32, maxExclusive: true }),
  projection: oneOfRule(PROJECTION_MODES),
};

/**
 * Builds a random-hyperplane (sign) LSH index for cosine distance: each
 * table's key is the signs of `bitsPerTable` Gaussian projections, so two
 * vectors at angle θ agree on a bit with probability 1 − θ/π. Candidates
 * from all tables (plus multi-probe bit flips) are re-ranked by exact cosine
 * distance.
 *
 * @param points - `[n, d]` points; they are stored scaled to unit length.
 * @returns The index (metric `'cosine'`: distances are 1 − cos θ).
 * @throws RangeError for empty or non-finite points or a bad option.
 * @remarks Build O(n·L·b·d + L·n log n); memory O(n·(d + L)).
 * @see Charikar (2002), "Similarity estimation techniques from rounding
 *   algorithms".
 * @example
 * const index = await buildSignLshIndex(embeddings, { numTables: 16 });
 * const { indices } = await index.knn(queries, 10);
 */
export async function buildSignLshIndex(
  points: PointsInput,
  options: SignLshOptions = {},
): Promise<SignLshIndex> {
  const resolved = resolveOptions(
    'buildSignLshIndex',
    options,
    SIGN_LSH_DEFAULTS,
    RULES,
  );
  const matrix = normalizeRows(toPointMatrix('buildSignLshIndex', points));
  const { numTables, bitsPerTable } = resolved;
  const random = new Random(resolved.seed);
  const directions = gaussianDirections(
    random,
    numTables * bitsPerTable,
    matrix.columns,
  );
  const projections = await projectRows(
    matrix,
    directions,
    resolved.projection,
  );
  const thresholds = resolved.center
    ? meanProjections(projections, matrix.rows, numTables * bitsPerTable)
    : new Float32Array(numTables * bitsPerTable);
  const tables: BucketTable[] = [];
  const keys = new Uint32Array(matrix.rows);
  const stride = numTables * bitsPerTable;
  for (let t = 0; t < numTables; t++) {
    for (let i = 0; i < matrix.rows; i++) {
      keys[i] = signKey(
        projections,
        thresholds,
        i * stride + t * bitsPerTable,
        t * bitsPerTable,
        bitsPerTable,
      );
    }
    tables.push(buildBucketTable(keys));
  }
  return new SignLshIndex(
    matrix,
    directions,
    thresholds,
    bitsPerTable,
    tables,
    resolved,
  );
}

/**
 * Column means of `[rows, m]` projections: r · mean(x), the offset of each
 * hyperplane through the points' mean (projection is linear).
 */
function meanProjections(
  projections: Float32Array,
  rows: number,
  m: number,
): Float32Array {
  const sums = new Float64Array(m);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < m; j++) sums[j]! += projections[i * m + j] as number;
  }
  return Float32Array.from(sums, (sum) => sum / rows);
}

/**
 * The sign bits of `bits` projections starting at `at`, each against its
 * hyperplane's offset starting at `offset`, as a uint32.
 */
function signKey(
  projections: Float32Array,
  thresholds: Float32Array,
  at: number,
  offset: number,
  bits: number,
): number {
  let key = 0;
  for (let j = 0; j < bits; j++) {
    const side =
      (projections[at + j] as number) - (thresholds[offset + j] as number);
    if (side >= 0) key |= 1 << j;
  }
  return key >>> 0;
}

/** A built sign-LSH index (see {@link buildSignLshIndex}). */
export class SignLshIndex implements NeighborIndex {
  readonly kind = 'sign-lsh' as const;
  readonly metric = 'cosine' as const;
  readonly size: number;
  readonly dimensions: number;
  projection: ProjectionMode;
  #numProbes = 0;
  #template: number[][] = [];

  /** Use {@link buildSignLshIndex} or {@link deserializeIndex} instead. */
  constructor(
    readonly points: PointMatrix,
    readonly directions: Float32Array,
    /** Offset of each hyperplane (zeros when built with `center: false`). */
    readonly thresholds: Float32Array,
    readonly bitsPerTable: number,
    readonly tables: BucketTable[],
    settings: { numProbes: number; projection: ProjectionMode },
  ) {
    this.size = points.rows;
    this.dimensions = points.columns;
    this.projection = settings.projection;
    this.numProbes = settings.numProbes;
  }

  /** Extra buckets probed per table and query. */
  get numProbes(): number {
    return this.#numProbes;
  }

  set numProbes(value: number) {
    if (!PROBES_RULE.test(value)) {
      throw optionError(
        'SignLshIndex.numProbes',
        'numProbes',
        PROBES_RULE,
        value,
      );
    }
    this.#numProbes = value;
    this.#template = probeTemplate(this.bitsPerTable, value, false);
  }

  async knn(queries: PointsInput, k: number): Promise<KnnResult> {
    const matrix = checkQueries('SignLshIndex.knn', queries, this.dimensions);
    checkK('SignLshIndex.knn', k, this.size);
    const unit = normalizeRows(matrix);
    return rerankKnn(
      this.points,
      unit,
      k,
      this.metric,
      await this.#gatherer(unit),
    );
  }

  async radius(queries: PointsInput, radius: number): Promise<RadiusResult> {
    const matrix = checkQueries(
      'SignLshIndex.radius',
      queries,
      this.dimensions,
    );
    checkRadius('SignLshIndex.radius', radius);
    const unit = normalizeRows(matrix);
    const squared = toSquared(this.metric, radius);
    return rerankRadius(
      this.points,
      unit,
      squared,
      this.metric,
      await this.#gatherer(unit),
    );
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
        bitsPerTable: this.bitsPerTable,
        numProbes: this.numProbes,
        projection: this.projection,
      },
      arrays: {
        points: this.points.data,
        directions: this.directions,
        thresholds: this.thresholds,
        ...tablesToArrays(this.tables),
      },
    };
  }

  /** Rebuilds an index from {@link SignLshIndex.toParts}. */
  static fromParts(parts: IndexParts): SignLshIndex {
    const f = parts.fields as {
      rows: number;
      columns: number;
      bitsPerTable: number;
      numProbes: number;
      projection: ProjectionMode;
    };
    const a = parts.arrays;
    const points = {
      data: a.points as Float32Array,
      rows: f.rows,
      columns: f.columns,
    };
    const directions = a.directions as Float32Array;
    return new SignLshIndex(
      points,
      directions,
      // Files written before centring existed have no offsets.
      (a.thresholds as Float32Array | undefined) ??
        new Float32Array(directions.length / f.columns),
      f.bitsPerTable,
      arraysToTables(a),
      { numProbes: f.numProbes, projection: f.projection },
    );
  }

  async #gatherer(unit: PointMatrix): Promise<CandidateGatherer> {
    const projections = await projectRows(
      unit,
      this.directions,
      this.projection,
    );
    const bits = this.bitsPerTable;
    const thresholds = this.thresholds;
    const stride = this.tables.length * bits;
    const margins = new Float64Array(bits);
    const order = new Int32Array(bits);
    const template = this.#template;
    const needed = positionsNeeded(template);
    return (q, set) => {
      this.tables.forEach((table, t) => {
        const at = q * stride + t * bits;
        const key = signKey(projections, thresholds, at, t * bits, bits);
        addBucket(table, key, set);
        if (template.length === 0) return;
        for (let j = 0; j < bits; j++) {
          margins[j] = Math.abs(
            (projections[at + j] as number) -
              (thresholds[t * bits + j] as number),
          );
        }
        sortSlots(margins, order, needed);
        for (const positions of template) {
          let probeKey = key;
          for (const position of positions)
            probeKey ^= 1 << (order[position] as number);
          addBucket(table, probeKey >>> 0, set);
        }
      });
    };
  }
}

function addBucket(table: BucketTable, key: number, set: CandidateSet): void {
  const bucket = findBucket(table, key);
  if (bucket >= 0) {
    set.addRange(
      table.ids,
      table.starts[bucket] as number,
      table.starts[bucket + 1] as number,
    );
  }
}
