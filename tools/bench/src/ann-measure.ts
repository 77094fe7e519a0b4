// Measuring one k-nearest-neighbour configuration for the ann-knn benchmark.
import { recallAtK } from '@lesson11/lsh-ann';
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
