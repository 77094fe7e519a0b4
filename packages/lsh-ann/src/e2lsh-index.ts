import {
  optionError,
  Random,
  resolveOptions,
  toPointMatrix,
} from '@lesson11/tensor';
import type { PointMatrix, PointsInput } from '@lesson11/tensor';

import { buildBucketTable, findBucket } from './bucket-table.js';
import type { BucketTable } from './bucket-table.js';
import { rerankKnn, rerankRadius, toSquared } from './candidate-search.js';
import type { CandidateGatherer } from './candidate-search.js';
import {
  chooseBucketWidth,
  e2lshKey,
  keyMultipliers,
  shiftKey,
} from './e2lsh-hash.js';
import type { E2lshTableHash } from './e2lsh-hash.js';
import { E2LSH_DEFAULTS, E2LSH_RULES, PROBES_RULE } from './e2lsh-options.js';
import type { E2lshOptions } from './e2lsh-options.js';
import type {
  KnnResult,
  NeighborIndex,
  RadiusResult,
} from './neighbor-index.js';
import { positionsNeeded, probeTemplate, sortSlots } from './probe-sequence.js';
import { gaussianDirections, projectRows } from './projection.js';
import type { ProjectionMode } from './projection.js';
import { checkK, checkQueries, checkRadius } from './query-input.js';
import { arraysToTables, encodeIndex, tablesToArrays } from './serialize.js';
import type { IndexParts } from './serialize.js';

/**
 * Builds a Euclidean E2LSH index: L tables, each keyed by k p-stable hashes
 * ⌊(a·v + b) / w⌋ with Gaussian a and b uniform in [0, w), searched with
 * query-directed multi-probe and exact re-ranking of the candidates.
 *
 * @param points - `[n, d]` points to index (rows or a matrix; a matrix's
 *   buffer is kept, not copied).
 * @param options - Table sizes, width, probes, seed.
 * @returns The index.
 * @throws RangeError for empty or non-finite points, or an option out of
 *   range (e.g. `bucketWidth` ≤ 0).
 * @remarks Build O(n·L·k·d) for the projections plus O(L·n log n) for the
 *   tables; memory O(n·(d + L)). A query costs O(L·k·d) to hash plus the
 *   exact distances to its distinct candidates.
 * @see Datar, Immorlica, Indyk & Mirrokni (2004), "Locality-sensitive
 *   hashing scheme based on p-stable distributions"; Lv et al. (2007),
 *   "Multi-probe LSH".
 * @example
 * const index = await buildE2lshIndex(points, { numTables: 8, seed: 1 });
 * const { indices } = await index.knn(queries, 10);
 */
export async function buildE2lshIndex(
  points: PointsInput,
  options: E2lshOptions = {},
): Promise<E2lshIndex> {
  const resolved = resolveOptions(
    'buildE2lshIndex',
    options,
    E2LSH_DEFAULTS,
    E2LSH_RULES,
  );
  const matrix = toPointMatrix('buildE2lshIndex', points);
  const { numTables, hashesPerTable } = resolved;
  const random = new Random(resolved.seed);
  const hashes = numTables * hashesPerTable;
  const directions = gaussianDirections(random, hashes, matrix.columns);
  const offsets = new Float32Array(hashes);
  for (let i = 0; i < hashes; i++) offsets[i] = random.next();
  const multipliers = keyMultipliers(random, hashes);
  const projections = await projectRows(
    matrix,
    directions,
    resolved.projection,
  );

  const bucketWidth =
    resolved.bucketWidth === 'auto'
      ? chooseBucketWidth(
          projections,
          matrix.rows,
          hashes,
          { hashesPerTable, offsets, multipliers },
          resolved.targetBucketSize,
          random,
        )
      : resolved.bucketWidth;
  const hash = { hashesPerTable, bucketWidth, offsets, multipliers };
  const tables: BucketTable[] = [];
  const keys = new Uint32Array(matrix.rows);
  for (let t = 0; t < numTables; t++) {
    for (let i = 0; i < matrix.rows; i++) {
      keys[i] = e2lshKey(
        projections,
        i * hashes + t * hashesPerTable,
        t * hashesPerTable,
        hash,
      );
    }
    tables.push(buildBucketTable(keys));
  }
  return new E2lshIndex(matrix, directions, hash, tables, resolved);
}

/** A built E2LSH index (see {@link buildE2lshIndex}). */
export class E2lshIndex implements NeighborIndex {
  readonly kind = 'e2lsh' as const;
  readonly metric = 'euclidean' as const;
  readonly size: number;
  readonly dimensions: number;
  readonly numTables: number;
  readonly hash: Readonly<E2lshTableHash>;
  projection: ProjectionMode;
  #numProbes = 0;
  #template: number[][] = [];

  /** Use {@link buildE2lshIndex} or {@link deserializeIndex} instead. */
  constructor(
    readonly points: PointMatrix,
    readonly directions: Float32Array,
    hash: E2lshTableHash,
    readonly tables: BucketTable[],
    settings: { numProbes: number; projection: ProjectionMode },
  ) {
    this.size = points.rows;
    this.dimensions = points.columns;
    this.numTables = tables.length;
    this.hash = hash;
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
        'E2lshIndex.numProbes',
        'numProbes',
        PROBES_RULE,
        value,
      );
    }
    this.#numProbes = value;
    // Some sets move one hash both ways and are skipped: keep spares.
    this.#template = probeTemplate(
      2 * this.hash.hashesPerTable,
      3 * value + 8,
      true,
    );
  }

  async knn(queries: PointsInput, k: number): Promise<KnnResult> {
    const matrix = checkQueries('E2lshIndex.knn', queries, this.dimensions);
    checkK('E2lshIndex.knn', k, this.size);
    const gather = await this.#gatherer(matrix);
    return rerankKnn(this.points, matrix, k, this.metric, gather);
  }

  async radius(queries: PointsInput, radius: number): Promise<RadiusResult> {
    const matrix = checkQueries('E2lshIndex.radius', queries, this.dimensions);
    checkRadius('E2lshIndex.radius', radius);
    const gather = await this.#gatherer(matrix);
    const squared = toSquared(this.metric, radius);
    return rerankRadius(this.points, matrix, squared, this.metric, gather);
  }

  serialize(): Uint8Array {
    return encodeIndex(this.toParts());
  }

  /** The index as named arrays and fields (what `serialize` writes). */
  toParts(): IndexParts {
    const { hashesPerTable, bucketWidth, offsets, multipliers } = this.hash;
    return {
      kind: this.kind,
      fields: {
        rows: this.size,
        columns: this.dimensions,
        hashesPerTable,
        bucketWidth,
        numProbes: this.numProbes,
        projection: this.projection,
      },
      arrays: {
        points: this.points.data,
        directions: this.directions,
        offsets,
        multipliers,
        ...tablesToArrays(this.tables),
      },
    };
  }

  /** Rebuilds an index from {@link E2lshIndex.toParts}. */
  static fromParts(parts: IndexParts): E2lshIndex {
    const f = parts.fields as {
      rows: number;
      columns: number;
      hashesPerTable: number;
      bucketWidth: number;
      numProbes: number;
      projection: ProjectionMode;
    };
    const a = parts.arrays;
    const points = {
      data: a.points as Float32Array,
      rows: f.rows,
      columns: f.columns,
    };
    const hash = {
      hashesPerTable: f.hashesPerTable,
      bucketWidth: f.bucketWidth,
      offsets: a.offsets as Float32Array,
      multipliers: a.multipliers as Int32Array,
    };
    return new E2lshIndex(
      points,
      a.directions as Float32Array,
      hash,
      arraysToTables(a),
      { numProbes: f.numProbes, projection: f.projection },
    );
  }

  async #gatherer(queries: PointMatrix): Promise<CandidateGatherer> {
    const projections = await projectRows(
      queries,
      this.directions,
      this.projection,
    );
    const { hashesPerTable } = this.hash;
    const stride = this.numTables * hashesPerTable;
    const slots = new Float64Array(2 * hashesPerTable);
    const order = new Int32Array(2 * hashesPerTable);
    const used = new Int32Array(hashesPerTable).fill(-1);
    const probes = this.numProbes;
    const template = this.#template;
    const needed = positionsNeeded(template);
    const multipliers = this.hash.multipliers;
    let serial = 0;
    return (q, set) => {
      for (let t = 0; t < this.numTables; t++) {
        const table = this.tables[t] as BucketTable;
        const first = t * hashesPerTable;
        const key = e2lshKey(
          projections,
          q * stride + first,
          first,
          this.hash,
          slots,
        );
        addBucket(table, key, set);
        if (probes === 0) continue;
        sortSlots(slots, order, needed);
        let done = 0;
        for (let s = 0; s < template.length && done < probes; s++) {
          const positions = template[s] as number[];
          serial++;
          let probeKey = key;
          let valid = true;
          for (const position of positions) {
            const slot = order[position] as number;
            const j = slot >> 1;
            if (used[j] === serial) {
              valid = false;
              break;
            }
            used[j] = serial;
            probeKey = shiftKey(
              probeKey,
              multipliers[first + j] as number,
              slot & 1 ? 1 : -1,
            );
          }
          if (!valid) continue;
          addBucket(table, probeKey, set);
          done++;
        }
      }
    };
  }
}

function addBucket(
  table: BucketTable,
  key: number,
  set: Parameters<CandidateGatherer>[1],
): void {
  const bucket = findBucket(table, key);
  if (bucket >= 0) {
    set.addRange(
      table.ids,
      table.starts[bucket] as number,
      table.starts[bucket + 1] as number,
    );
  }
}
