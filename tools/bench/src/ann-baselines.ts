// The baselines of the ann-knn benchmark: hnswlib-node (in process) and
// faiss (the Python peer), measured like the lsh-ann indexes.
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { KnnResult } from '@lesson11/lsh-ann';
import type { PointMatrix } from '@lesson11/tensor';

import { sampleRows, writeF32 } from './ann-common.js';
import type { AnnDataset } from './ann-common.js';
import { measureIndex } from './ann-measure.js';
import type { KnnSettings, Row, Truth } from './ann-measure.js';
import { findPython, runPeer } from './peers.js';

/**
 * The part of hnswlib-node 3.0 used here. Typed locally because the package
 * is an optional native dependency: where its build fails (no Node headers),
 * pnpm drops it and its own declarations with it, and the type check must
 * still pass.
 */
interface HnswIndex {
  initIndex(
    maxElements: number,
    m: number,
    efConstruction: number,
    seed: number,
  ): void;
  addPoint(point: number[], label: number): void;
  setEf(ef: number): void;
  searchKnn(
    query: number[],
    k: number,
  ): { neighbors: number[]; distances: number[] };
}
interface HnswModule {
  HierarchicalNSW: new (space: 'l2', dimensions: number) => HnswIndex;
}

export async function measureHnsw(
  settings: KnnSettings,
  data: AnnDataset,
  truth: Truth,
): Promise<Row[]> {
  const { k } = settings;
  let hnswlib: HnswModule;
  try {
    hnswlib = createRequire(import.meta.url)('hnswlib-node') as HnswModule;
  } catch (error) {
    process.stderr.write(
      `hnswlib-node unavailable: ${(error as Error).message}\n`,
    );
    return [];
  }
  const { rows: n, columns: d, data: base } = data.base;
  const m = settings.hnswM;
  const efConstruction = settings.hnswEfConstruction;
  const started = performance.now();
  const index = new hnswlib.HierarchicalNSW('l2', d);
  index.initIndex(n, m, efConstruction, settings.seed);
  for (let i = 0; i < n; i++)
    index.addPoint(Array.from(base.subarray(i * d, (i + 1) * d)), i);
  const buildMs = performance.now() - started;
  const rows: Row[] = [];
  for (const ef of settings.efs) {
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
        settings,
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

export function measureFaiss(
  settings: KnnSettings,
  data: AnnDataset,
  truth: Truth,
  folder: string,
): Row[] {
  const { k } = settings;
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
    sampleRows(data.base, settings.sampleSize, settings.seed).sample.data,
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
      String(settings.threads),
      '--repeats',
      '1',
      ...flags,
      '--queries',
      samplePath,
    ]);
    const buildMs = all.build_ms as number;
    // One run per configuration: the sampled base rows are its queries, and
    // the all-kNN query time is extrapolated from them.
    const allMs =
      (all.query_ms as number) * (data.base.rows / settings.sampleSize);
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
      note:
        `${settings.threads} thread(s); QPS and recall on ` +
        `${settings.sampleSize} base rows`,
    };
    process.stderr.write(`${JSON.stringify(row)}\n`);
    return row;
  });
}
