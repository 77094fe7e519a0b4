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
// Sign LSH answers cosine queries, so its row is measured against an exact
// cosine search (`--methods sign`, not in the default list).
//
//   pnpm bench ann-knn [--datasets fashion,blobs] [--sample 500] [--k 10]
//     [--target 0.9] [--query-limit 2000] [--efs 10,20,40,80] [--threads 1]
//     [--params {"numTables":12,"numProbes":16}]  (skip the autotuner)
//     [--all-knn spill:3:1,e2lsh:12:1]  (allKnn rows: kind:tables-or-trees:
//     refinement rounds[:bound dims[:Gram block rows]]; default per
//     dataset, see ALL_KNN_DEFAULT)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import {
  autotuneIndex,
  buildBruteForceIndex,
  buildE2lshIndex,
  buildSignLshIndex,
  buildSpillForestIndex,
} from '@lesson11/lsh-ann';
import type { NeighborIndex } from '@lesson11/lsh-ann';
import { selectBackend } from '@lesson11/tensor';
import type { BackendName } from '@lesson11/tensor';

import {
  clusteredBlobs,
  loadFashionMnist,
  sampleRows,
  seconds,
} from './ann-common.js';
import type { AnnDataset } from './ann-common.js';
import { measureFaiss, measureHnsw } from './ann-baselines.js';
import {
  firstRows,
  measureAllKnn,
  measureIndex,
  parseAllKnnConfigs,
} from './ann-measure.js';
import type { KnnSettings, Row, Truth } from './ann-measure.js';
import { markdownTable } from './timing.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'fashion,blobs' },
    methods: { type: 'string', default: 'e2lsh,spill,all-knn,hnsw,faiss' },
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
    params: { type: 'string', default: '' },
    'all-knn': { type: 'string', default: '' },
  },
});
const k = Number(values.k);
const target = Number(values.target);
const sampleSize = Number(values.sample);
const seed = Number(values.seed);
const methods = values.methods.split(',');
const settings: KnnSettings = {
  k,
  seed,
  sampleSize,
  queryLimit: Number(values['query-limit']),
  efs: values.efs.split(',').map(Number),
  hnswM: Number(values['hnsw-m']),
  hnswEfConstruction: Number(values['hnsw-ef-construction']),
  threads: Number(values.threads),
};

async function measureOurs(
  data: AnnDataset,
  method: 'e2lsh' | 'spill-forest',
  truth: Truth,
): Promise<Row> {
  // `--params` skips the autotuner (which can take many minutes in 784-D).
  const given =
    values.params === ''
      ? null
      : (JSON.parse(values.params) as Record<string, number>);
  const tuneStart = performance.now();
  const p =
    given ??
    (
      await autotuneIndex(data.base, {
        method,
        targetRecall: Math.min(1, target + 0.03),
        k,
        sampleSize: 200,
        maxTrees: 32,
        seed,
      })
    ).params;
  const tuneS = (performance.now() - tuneStart) / 1000;
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
    settings,
    data,
    method,
    JSON.stringify(p),
    buildMs,
    truth,
    (q) => index.knn(q, k),
    given ? 'parameters given' : `autotune ${tuneS.toFixed(1)} s (not counted)`,
  );
}

/**
 * Sign (random-hyperplane) LSH on cosine similarity, autotuned like the
 * others, against exact cosine neighbours of the same rows.
 */
async function measureSign(data: AnnDataset): Promise<Row> {
  const exact = await buildBruteForceIndex(data.base, { metric: 'cosine' });
  const { rows: sampled, sample } = sampleRows(data.base, sampleSize, seed);
  const truth: Truth = {
    queries: await exact.knn(firstRows(data.queries, sampleSize), k),
    all: await exact.knn(sample, k),
    sampleRows: sampled,
  };
  const tuneStart = performance.now();
  const { params: p } = await autotuneIndex(data.base, {
    method: 'sign-lsh',
    targetRecall: Math.min(1, target + 0.03),
    k,
    sampleSize: 200,
    seed,
  });
  const tuneS = (performance.now() - tuneStart) / 1000;
  const started = performance.now();
  const index = await buildSignLshIndex(data.base, {
    numTables: p.numTables,
    bitsPerTable: p.bitsPerTable,
    numProbes: p.numProbes,
    seed,
  });
  const buildMs = performance.now() - started;
  return measureIndex(
    settings,
    data,
    'sign-lsh (cosine)',
    JSON.stringify(p),
    buildMs,
    truth,
    (q) => index.knn(q, k),
    `recall against exact cosine search; autotune ${tuneS.toFixed(1)} s (not counted)`,
  );
}

/** allKnn configurations per dataset (chosen on this machine, 2026-12-03). */
const ALL_KNN_DEFAULT: Record<string, string> = {
  'blobs-100k-16d': 'spill:3:1,e2lsh:12:1',
  'fashion-mnist-784': 'spill:8:1:32:64,spill:8:1:32',
};

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
    if (methods.includes('all-knn')) {
      const text = values['all-knn'] || (ALL_KNN_DEFAULT[data.name] ?? '');
      for (const config of parseAllKnnConfigs(text))
        rows.push(await measureAllKnn(data, config, truth, seed, k));
    }
    if (methods.includes('sign')) rows.push(await measureSign(data));
    if (methods.includes('hnsw'))
      rows.push(...(await measureHnsw(settings, data, truth)));
    if (methods.includes('faiss'))
      rows.push(...measureFaiss(settings, data, truth, folder));
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
      Number.isNaN(r.qps) ? '-' : f(r.qps, 0),
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
  const ours = ['e2lsh', 'spill-forest'];
  for (const method of [...ours, ...ours.map((m) => `${m} all-kNN`)]) {
    // Methods left out with --methods get no verdict line.
    if (!rows.some((r) => r.dataset === dataset && r.method === method)) {
      continue;
    }
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
