// Measuring one k-nearest-neighbour configuration for the ann-knn benchmark.
import {
  allKnn,
  buildE2lshIndex,
  buildSpillForestIndex,
  recallAtK,
} from '@lesson11/lsh-ann';
import type { KnnResult } from '@lesson11/lsh-ann';
import type { PointMatrix } from '@lesson11/tensor';

import type { AnnDataset } from './ann-common.js';

/** What ann-knn measures, shared by every configuration. */
export interface KnnSettings {
  k: number;
  seed: number;
  /** Rows whose recall is measured (queries and base rows). */
  sampleSize: number;
  /** Queries timed for QPS. */
  queryLimit: number;
  efs: number[];
  hnswM: number;
  hnswEfConstruction: number;
  threads: number;
}

export interface Row {
  dataset: string;
  method: string;
  params: string;
  buildS: number;
  queryRecall: number;
  qps: number;
  allRecall: number;
  allS: number;
  throughput: number;
  note: string;
}

/** Recall of the rows of `result` at `positions` against `exact` (same order). */
export function recallAt(
  result: KnnResult,
  positions: Int32Array | null,
  exact: KnnResult,
): number {
  if (positions === null) return recallAtK(result, exact);
  const indices = new Int32Array(positions.length * result.k);
  positions.forEach((row, i) =>
    indices.set(
      result.indices.subarray(row * result.k, (row + 1) * result.k),
      i * result.k,
    ),
  );
  return recallAtK({ ...result, rows: positions.length, indices }, exact);
}

export const firstRows = (m: PointMatrix, count: number): PointMatrix => {
  const rows = Math.min(count, m.rows);
  return {
    data: m.data.subarray(0, rows * m.columns),
    rows,
    columns: m.columns,
  };
};

export async function measureIndex(
  settings: KnnSettings,
  data: AnnDataset,
  method: string,
  params: string,
  buildMs: number,
  truth: Truth,
  search: (queries: PointMatrix) => Promise<KnnResult>,
  note: string,
): Promise<Row> {
  const queries = firstRows(data.queries, settings.queryLimit);
  let started = performance.now();
  const queryResult = await search(queries);
  const queryMs = performance.now() - started;
  started = performance.now();
  const all = await search(data.base);
  const allMs = performance.now() - started;
  const row: Row = {
    dataset: data.name,
    method,
    params,
    buildS: buildMs / 1000,
    queryRecall: recallAtK(
      {
        ...queryResult,
        rows: truth.queries.rows,
        indices: queryResult.indices.subarray(
          0,
          truth.queries.rows * settings.k,
        ),
      },
      truth.queries,
    ),
    qps: queries.rows / (queryMs / 1000),
    allRecall: recallAt(all, truth.sampleRows, truth.all),
    allS: (buildMs + allMs) / 1000,
    throughput: data.base.rows / ((buildMs + allMs) / 1000),
    note,
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

export interface Truth {
  queries: KnnResult;
  all: KnnResult;
  sampleRows: Int32Array;
}

/**
 * One `allKnn` configuration: `kind:size:rounds[:bound[:blockRows]]`
 * (e.g. `spill:3:1`, `spill:8:1:32:64`; blockRows > 0 turns on Gram blocks).
 */
export interface AllKnnConfig {
  kind: 'e2lsh' | 'spill';
  /** Tables (E2LSH) or trees (spill forest). */
  size: number;
  refineRounds: number;
  boundDimensions: number;
  blockRows: number;
}

/** Parses `spill:3:1,e2lsh:12:1` into configurations. */
export function parseAllKnnConfigs(text: string): AllKnnConfig[] {
  return text
    .split(',')
    .filter((part) => part !== '')
    .map((part) => {
      const [kind, size, rounds, bound, block] = part.split(':');
      if ((kind !== 'e2lsh' && kind !== 'spill') || !size) {
        throw new Error(`--all-knn: expected kind:size[:rounds], got ${part}`);
      }
      return {
        kind,
        size: Number(size),
        refineRounds: Number(rounds ?? 0),
        boundDimensions: Number(bound ?? 0),
        blockRows: Number(block ?? 0),
      };
    });
}

/**
 * All-kNN through `allKnn` (pairs inside buckets or leaves, then
 * refinement): build + allKnn timed, recall on the sampled base rows.
 */
export async function measureAllKnn(
  data: AnnDataset,
  config: AllKnnConfig,
  truth: Truth,
  seed: number,
  k: number,
): Promise<Row> {
  const started = performance.now();
  const index =
    config.kind === 'e2lsh'
      ? await buildE2lshIndex(data.base, { numTables: config.size, seed })
      : await buildSpillForestIndex(data.base, { numTrees: config.size, seed });
  const buildMs = performance.now() - started;
  const all = await allKnn(index, k, {
    refineRounds: config.refineRounds,
    boundDimensions: config.boundDimensions,
    groupProducts: config.blockRows > 0,
    blockRows: Math.max(2, config.blockRows),
  });
  const totalMs = performance.now() - started;
  const row: Row = {
    dataset: data.name,
    method: `${config.kind === 'e2lsh' ? 'e2lsh' : 'spill-forest'} all-kNN`,
    params: JSON.stringify(config),
    buildS: buildMs / 1000,
    queryRecall: NaN,
    qps: NaN,
    allRecall: recallAt(all, truth.sampleRows, truth.all),
    allS: totalMs / 1000,
    throughput: data.base.rows / (totalMs / 1000),
    note: `allKnn, ${(all.candidatesChecked / data.base.rows).toFixed(0)} pairs/point`,
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}
