// Batch k-nearest neighbours: recall@k against throughput for each lsh-ann
// index, hnswlib-node and the faiss peer, in one run on the same data.
//
// Two measures per configuration:
// - queries: recall@k on `--sample` query rows and queries per second over
//   `--query-limit` queries (build excluded);
// - all-kNN: every base point its k nearest (build + queries), recall on
//   `--sample` base rows, throughput = n / (build + query) seconds. This is
//   the target: ≥ hnswlib-node's throughput at recall ≥ --target.
//
//   pnpm bench ann-knn [--datasets fashion,blobs] [--sample 500] [--k 10]
//     [--target 0.9] [--query-limit 2000] [--efs 10,20,40,80] [--threads 1]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import {
  autotuneIndex,
  buildBruteForceIndex,
  buildE2lshIndex,
  buildSpillForestIndex,
  recallAtK,
} from '@lesson11/lsh-ann';
import type { KnnResult, NeighborIndex } from '@lesson11/lsh-ann';
import { selectBackend } from '@lesson11/tensor';
import type { BackendName, PointMatrix } from '@lesson11/tensor';

import {
  clusteredBlobs,
  loadFashionMnist,
  sampleRows,
  seconds,
  writeF32,
} from './ann-common.js';
import type { AnnDataset } from './ann-common.js';
import { findPython, runPeer } from './peers.js';
import { markdownTable } from './timing.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'fashion,blobs' },
    methods: { type: 'string', default: 'e2lsh,spill,hnsw,faiss' },
    sample: { type: 'string', default: '500' },
    k: { type: 'string', default: '10' },
    target: { type: 'string', default: '0.9' },
    'query-limit': { type: 'string', default: '2000' },
    'hnsw-m': { type: 'string', default: '16' },
    'hnsw-ef-construction': { type: 'string', default: '100' },
    efs: { type: 'string', default: '10,20,40,80' },
    threads: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    seed: { type: 'string', default: '0' },
  },
});
const k = Number(values.k);
const target = Number(values.target);
const sampleSize = Number(values.sample);
const seed = Number(values.seed);
const methods = values.methods.split(',');

interface Row {
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
function recallAt(
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

const firstRows = (m: PointMatrix, count: number): PointMatrix => {
  const rows = Math.min(count, m.rows);
  return {
    data: m.data.subarray(0, rows * m.columns),
    rows,
    columns: m.columns,
  };
};

async function measureOurs(
  data: AnnDataset,
  method: 'e2lsh' | 'spill-forest',
  truth: Truth,
): Promise<Row> {
  const tuneStart = performance.now();
  const tuned = await autotuneIndex(data.base, {
    method,
    targetRecall: Math.min(1, target + 0.03),
    k,
    sampleSize: 200,
    maxTrees: 32,
    seed,
  });
  const tuneS = (performance.now() - tuneStart) / 1000;
  const p = tuned.params;
  const started = performance.now();
  const index: NeighborIndex =
    method === 'e2lsh'
      ? await buildE2lshIndex(data.base, {
          numTables: p.numTables,
          numProbes: p.numProbes,
          seed,
        })
      : await buildSpillForestIndex(data.base, { numTrees: p.numTrees, seed });
  const buildMs = performance.now() - started;
  return measureIndex(
    data,
    method,
    JSON.stringify(p),
    buildMs,
    truth,
    (q) => index.knn(q, k),
    `autotune ${tuneS.toFixed(1)} s (not counted)`,
  );
}

async function measureIndex(
  data: AnnDataset,
  method: string,
  params: string,
  buildMs: number,
  truth: Truth,
  search: (queries: PointMatrix) => Promise<KnnResult>,
  note: string,
): Promise<Row> {
  const queries = firstRows(data.queries, Number(values['query-limit']));
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
        indices: queryResult.indices.subarray(0, truth.queries.rows * k),
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

interface Truth {
  queries: KnnResult;
  all: KnnResult;
  sampleRows: Int32Array;
}

async function measureHnsw(data: AnnDataset, truth: Truth): Promise<Row[]> {
  let hnswlib: typeof import('hnswlib-node');
  try {
    hnswlib = createRequire(import.meta.url)('hnswlib-node');
  } catch (error) {
    process.stderr.write(
      `hnswlib-node unavailable: ${(error as Error).message}\n`,
    );
    return [];
  }
  const { rows: n, columns: d, data: base } = data.base;
  const m = Number(values['hnsw-m']);
  const efConstruction = Number(values['hnsw-ef-construction']);
  const started = performance.now();
  const index = new hnswlib.HierarchicalNSW('l2', d);
  index.initIndex(n, m, efConstruction, seed);
  for (let i = 0; i < n; i++)
    index.addPoint(Array.from(base.subarray(i * d, (i + 1) * d)), i);
  const buildMs = performance.now() - started;
  const rows: Row[] = [];
  for (const ef of values.efs.split(',').map(Number)) {
    index.setEf(ef);
    const search = async (queries: PointMatrix): Promise<KnnResult> => {
      const indices = new Int32Array(queries.rows * k);
      for (let q = 0; q < queries.rows; q++) {
        const found = index.searchKnn(
          Array.from(queries.data.subarray(q * d, (q + 1) * d)),
          k,
        );
        // hnswlib returns the farthest first.
        const order = found.neighbors
          .map((id, j) => [found.distances[j]!, id] as const)
          .sort((a, b) => a[0] - b[0]);
        order.forEach(([, id], j) => (indices[q * k + j] = id));
      }
      return {
        rows: queries.rows,
        k,
        indices,
        distances: new Float32Array(indices.length),
        candidatesChecked: 0,
      };
    };
    rows.push(
      await measureIndex(
        data,
        'hnswlib-node',
        `M ${m}, efC ${efConstruction}, ef ${ef}`,
        buildMs,
        truth,
        search,
        '1 thread',
      ),
    );
  }
  return rows;
}

function measureFaiss(data: AnnDataset, truth: Truth, folder: string): Row[] {
  const { python, reason } = findPython(['faiss', 'numpy']);
  if (python === null) {
    process.stderr.write(`faiss peer skipped: ${reason}\n`);
    return [];
  }
  const basePath = writeF32(
    join(folder, `${data.name}-base.f32`),
    data.base.data,
  );
  const samplePath = writeF32(
    join(folder, `${data.name}-sample.f32`),
    sampleRows(data.base, sampleSize, seed).sample.data,
  );
  const configs: Array<[string, string[]]> = [
    ['HNSW32, efC 40, ef 16', ['--index', 'hnsw', '--ef-search', '16']],
    ['HNSW32, efC 40, ef 64', ['--index', 'hnsw', '--ef-search', '64']],
    [
      'IVF-Flat 256, nprobe 8',
      ['--index', 'ivf', '--nlist', '256', '--nprobe', '8'],
    ],
  ];
  return configs.map(([label, flags]) => {
    const all = runPeer(python, 'ann_faiss.py', [
      '--base',
      basePath,
      '--dims',
      String(data.base.columns),
      '--k',
      String(k),
      '--threads',
      values.threads,
      '--repeats',
      '1',
      ...flags,
      '--queries',
      samplePath,
    ]);
    const buildMs = all.build_ms as number;
    // One run per configuration: the sampled base rows are its queries, and
    // the all-kNN query time is extrapolated from them.
    const allMs = (all.query_ms as number) * (data.base.rows / sampleSize);
    const row: Row = {
      dataset: data.name,
      method: 'faiss (peer)',
      params: label,
      buildS: buildMs / 1000,
      queryRecall: NaN,
      qps: all.qps as number,
      allRecall: all.recall_at_k as number,
      allS: (buildMs + allMs) / 1000,
      throughput: data.base.rows / ((buildMs + allMs) / 1000),
      note: `${values.threads} thread(s); QPS and recall on ${sampleSize} base rows`,
    };
    process.stderr.write(`${JSON.stringify(row)}\n`);
    return row;
  });
}

await selectBackend({ backend: values.backend as BackendName });
const folder = mkdtempSync(join(tmpdir(), 'bench-ann-'));
const rows: Row[] = [];
try {
  for (const name of values.datasets.split(',')) {
    const data = name === 'fashion' ? loadFashionMnist() : clusteredBlobs(seed);
    if (data === null) {
      process.stderr.write(
        'fashion: apt-get install dataset-fashion-mnist; skipped\n',
      );
      continue;
    }
    process.stderr.write(
      `${data.name}: ${data.base.rows} × ${data.base.columns}, exact truth…\n`,
    );
    const exact = await buildBruteForceIndex(data.base);
    const { rows: sampled, sample } = sampleRows(data.base, sampleSize, seed);
    const truth: Truth = {
      queries: await exact.knn(firstRows(data.queries, sampleSize), k),
      all: await exact.knn(sample, k),
      sampleRows: sampled,
    };
    if (methods.includes('e2lsh'))
      rows.push(await measureOurs(data, 'e2lsh', truth));
    if (methods.includes('spill'))
      rows.push(await measureOurs(data, 'spill-forest', truth));
    if (methods.includes('hnsw'))
      rows.push(...(await measureHnsw(data, truth)));
    if (methods.includes('faiss'))
      rows.push(...measureFaiss(data, truth, folder));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const f = (x: number, digits: number) => x.toFixed(digits);
process.stdout.write(
  `${markdownTable(
    [
      'data',
      'index',
      'parameters',
      'build s',
      `query recall@${k}`,
      'QPS',
      `all-kNN recall@${k}`,
      'all-kNN s (build+query)',
      'all-kNN points/s',
      'note',
    ],
    rows.map((r) => [
      r.dataset,
      r.method,
      r.params,
      seconds(r.buildS * 1000),
      Number.isNaN(r.queryRecall) ? '-' : f(r.queryRecall, 3),
      f(r.qps, 0),
      f(r.allRecall, 3),
      f(r.allS, 1),
      f(r.throughput, 0),
      r.note,
    ]),
  )}\n`,
);
for (const dataset of new Set(rows.map((r) => r.dataset))) {
  const best = (pick: (r: Row) => boolean) =>
    rows
      .filter((r) => r.dataset === dataset && pick(r) && r.allRecall >= target)
      .sort((a, b) => b.throughput - a.throughput)[0];
  const hnsw = best((r) => r.method === 'hnswlib-node');
  for (const method of ['e2lsh', 'spill-forest']) {
    const ours = best((r) => r.method === method);
    const ratio =
      ours !== undefined && hnsw !== undefined
        ? ours.throughput / hnsw.throughput
        : null;
    const mine = ours ? f(ours.throughput, 0) : 'not reached';
    const theirs = hnsw ? f(hnsw.throughput, 0) : 'not reached';
    const verdict = ratio !== null && ratio >= 1 ? 'met' : 'MISSED';
    process.stdout.write(
      `${dataset} ${method}: all-kNN points/s at recall ≥ ${target}: ${mine} ` +
        `vs hnswlib-node ${theirs} → ratio ` +
        `${ratio === null ? 'n/a' : f(ratio, 2)} (${verdict})\n`,
    );
  }
}
