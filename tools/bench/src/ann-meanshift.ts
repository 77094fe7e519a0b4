// ANN-accelerated mean shift against dense mean shift and scikit-learn, on
// the same points in one run (the issue's second target: 100 000 points in
// 16-D, ≥ 20× faster than dense, ARI ≥ 0.99 against dense's labels, and
// faster than scikit-learn with bin seeding).
//
//   pnpm bench ann-meanshift [--points-per-cluster 16667] [--dimensions 16]
//     [--bandwidth 3] [--neighbors 50] [--refresh-every 10]
//     [--methods dense,e2lsh,spill,sklearn]
//     [--dense-max-iterations 300]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { buildE2lshIndex, buildSpillForestIndex } from '@lesson11/lsh-ann';
import { meanShift, neighborMeanShift } from '@lesson11/meanshift-gpu';
import type { NeighborIndexBuilder } from '@lesson11/meanshift-gpu';
import {
  adjustedRandIndex,
  makeBlobs,
  selectBackend,
  SILENT_LOGGER,
} from '@lesson11/tensor';
import type { BackendName, PointMatrix } from '@lesson11/tensor';

import { seconds, writeF32 } from './ann-common.js';
import { findPython, runPeer } from './peers.js';
import { markdownTable, median } from './timing.js';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '6' },
    'points-per-cluster': { type: 'string', default: '16667' },
    dimensions: { type: 'string', default: '16' },
    bandwidth: { type: 'string', default: '3' },
    neighbors: { type: 'string', default: '50' },
    'refresh-every': { type: 'string', default: '10' },
    methods: { type: 'string', default: 'dense,e2lsh,spill,sklearn' },
    'dense-max-iterations': { type: 'string', default: '300' },
    'sklearn-quantile': { type: 'string', default: '0.05' },
    threads: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    seed: { type: 'string', default: '0' },
  },
});
const seed = Number(values.seed);
const d = Number(values.dimensions);
const bandwidth = Number(values.bandwidth);
const methods = values.methods.split(',');
await selectBackend({ backend: values.backend as BackendName });

const blobs = makeBlobs({
  clusters: Number(values.clusters),
  pointsPerCluster: Number(values['points-per-cluster']),
  dimensions: d,
  seed,
});
const points = { data: blobs.points, rows: blobs.n, columns: d };
process.stderr.write(`${blobs.n} points in ${d}-D, bandwidth ${bandwidth}\n`);

interface Row {
  method: string;
  seconds: number;
  iterations: number;
  converged: boolean;
  clusters: number;
  labels: Int32Array | null;
  ariTruth: number;
  note: string;
}
const rows: Row[] = [];

function record(row: Row): void {
  rows.push(row);
  const { labels: _labels, ...shown } = row;
  process.stderr.write(`${JSON.stringify(shown)}\n`);
}

if (methods.includes('dense')) {
  const started = performance.now();
  const result = await meanShift(points, {
    bandwidth,
    update: 'blurring',
    tolerance: 'auto',
    maxIterations: Number(values['dense-max-iterations']),
    logger: SILENT_LOGGER,
    // One line per sweep on stderr, so a long run shows where it is.
    onProgress: ({ stage, completed, metrics }) =>
      stage === 'shift' &&
      process.stderr.write(
        `dense sweep ${completed}: max shift ${metrics?.['maxShift']}, ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      ),
  });
  record({
    method: 'dense (meanShift, blurring)',
    seconds: (performance.now() - started) / 1000,
    iterations: result.iterations,
    converged: result.converged,
    clusters: result.clusterSizes.length,
    labels: result.labels,
    ariTruth: adjustedRandIndex(blobs.labels, result.labels),
    note: `${seconds(median(result.iterationMs))} s per sweep (median)`,
  });
}

const builders: Record<string, NeighborIndexBuilder> = {
  e2lsh: (p: PointMatrix) => buildE2lshIndex(p, { seed, numTables: 8 }),
  spill: (p: PointMatrix) => buildSpillForestIndex(p, { seed, numTrees: 8 }),
};
for (const method of ['e2lsh', 'spill']) {
  if (!methods.includes(method)) continue;
  const started = performance.now();
  const result = await neighborMeanShift(points, builders[method]!, {
    bandwidth,
    neighbors: Number(values.neighbors),
    refreshEvery: Number(values['refresh-every']),
    logger: SILENT_LOGGER,
  });
  record({
    method: `neighborMeanShift + ${method}`,
    seconds: (performance.now() - started) / 1000,
    iterations: result.iterations,
    converged: result.converged,
    clusters: result.clusterSizes.length,
    labels: result.labels,
    ariTruth: adjustedRandIndex(blobs.labels, result.labels),
    note:
      `k ${values.neighbors}, search ${seconds(result.searchMs)} s, particles ` +
      `${result.particleCounts.slice(0, 4).join('→')}…→${result.particleCounts.at(-1)}`,
  });
}

if (methods.includes('sklearn')) {
  const { python, reason } = findPython(['sklearn', 'numpy']);
  if (python === null) {
    process.stderr.write(`sklearn peer skipped: ${reason}\n`);
  } else {
    const folder = mkdtempSync(join(tmpdir(), 'bench-ann-ms-'));
    try {
      const input = writeF32(join(folder, 'X.f32'), blobs.points);
      const truth = join(folder, 'y.i32');
      // The labels' int32 bytes, written as they are (the peer reads int32).
      writeF32(truth, new Float32Array(blobs.labels.buffer));
      const report = runPeer(python, 'meanshift_sklearn.py', [
        '--input',
        input,
        '--dims',
        String(d),
        '--quantile',
        values['sklearn-quantile'],
        '--bw-samples',
        '5000',
        '--bin-seeding',
        '--truth',
        truth,
        '--threads',
        values.threads,
        '--repeats',
        '1',
      ]);
      record({
        method: 'scikit-learn MeanShift, bin seeding (peer)',
        seconds: (report.fit_ms as number) / 1000,
        iterations: report.n_iter as number,
        converged: true,
        clusters: report.n_clusters as number,
        labels: null,
        ariTruth: report.adjusted_rand_score as number,
        note:
          `flat kernel, bw ${(report.bw as number).toFixed(3)} (quantile ` +
          `${values['sklearn-quantile']}; estimate ` +
          `${seconds(report.estimate_bandwidth_ms as number)} s ` +
          `not counted), ${values.threads} thread(s)`,
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

const dense = rows.find((r) => r.method.startsWith('dense'));
const sklearn = rows.find((r) => r.method.startsWith('scikit'));
process.stdout.write(
  `${markdownTable(
    [
      'method',
      'time s',
      'sweeps',
      'converged',
      'clusters',
      'ARI vs truth',
      'ARI vs dense',
      'speed-up vs dense',
      'vs scikit-learn',
      'note',
    ],
    rows.map((r) => [
      r.method,
      r.seconds.toFixed(2),
      String(r.iterations),
      String(r.converged),
      String(r.clusters),
      r.ariTruth.toFixed(4),
      dense?.labels && r.labels
        ? adjustedRandIndex(dense.labels, r.labels).toFixed(4)
        : '-',
      dense ? `${(dense.seconds / r.seconds).toFixed(1)}×` : '-',
      sklearn ? `${(sklearn.seconds / r.seconds).toFixed(2)}×` : '-',
      r.note,
    ]),
  )}\n`,
);
