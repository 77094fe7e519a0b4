// The three speed targets of meanshift-gpu, each against its Python peer
// measured in the same run:
//  1. one dense in-place Gaussian sweep, 2-D, n = 20000 (batch 500), fused
//     CPU kernel vs numpy (and torch);
//  2. the lesson run: 1500 points, 5 in-place sweeps, bandwidth 2.5;
//  3. full clustering of 100 000 points (6 blobs) in 2-D and 16-D with bin
//     seeding, fitMeanShift vs scikit-learn's MeanShift at the same
//     bandwidth (from estimateBandwidth on a 5000-point sample).
//
//   nice pnpm bench meanshift-full [--repeats 3] [--skip step,lesson,full]
//     [--full-n 100000] [--dims 2,16] [--quantile 0.05]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import {
  estimateBandwidth,
  fitMeanShift,
  meanShift,
} from '@lesson11/meanshift-gpu';
import { adjustedRandIndex, makeBlobs, SILENT_LOGGER } from '@lesson11/tensor';

import { findPython, runPeer } from './peers.js';
import { markdownTable, median, timeRuns } from './timing.js';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    skip: { type: 'string', default: '' },
    'full-n': { type: 'string', default: '100000' },
    dims: { type: 'string', default: '2,16' },
    quantile: { type: 'string', default: '0.05' },
  },
});
const repeats = Number(values.repeats);
const skip = new Set(values.skip.split(','));
const scratch = mkdtempSync(join(tmpdir(), 'bench-meanshift-full-'));
const rows: string[][] = [];
const numpy = findPython(['numpy', 'threadpoolctl']);
const torch = findPython(['torch', 'threadpoolctl']);
const sklearn = findPython(['sklearn', 'threadpoolctl']);
const log = (line: string) => process.stderr.write(`${line}\n`);
const ratio = (peerMs: number | null, ms: number) =>
  peerMs === null ? 'n/a' : `${(peerMs / ms).toFixed(1)}×`;

function writePoints(name: string, points: Float32Array): string {
  const file = join(scratch, name);
  writeFileSync(file, points);
  return file;
}

/** numpy / torch: ms per sweep (median) and the whole run's median. */
function denseExample(
  script: string,
  file: string,
  iterations: number,
  peerRepeats: number,
): { perSweepMs: number; totalMs: number } | null {
  const found = script.includes('torch') ? torch : numpy;
  if (found.python === null) {
    log(`${script} skipped: ${found.reason}`);
    return null;
  }
  const report = runPeer(found.python, script, [
    ...['--input', file, '--dims', '2', '--bw', '2.5'],
    ...['--iters', String(iterations), '--batch', '500'],
    ...['--repeats', String(peerRepeats)],
  ]);
  return {
    perSweepMs: report['ms_per_iter'] as number,
    totalMs: report['total_ms'] as number,
  };
}

async function ourSweeps(points: Float32Array, iterations: number) {
  return meanShift(
    { data: points, rows: points.length / 2, columns: 2 },
    {
      bandwidth: 2.5,
      batchSize: 500,
      maxIterations: iterations,
      tolerance: 0,
      engine: 'fused',
      logger: SILENT_LOGGER,
    },
  );
}

try {
  // 1. One dense sweep at n = 20000.
  if (!skip.has('step')) {
    const n = 20000;
    const blobs = makeBlobs({ pointsPerCluster: Math.ceil(n / 6), seed: 1 });
    const points = blobs.points.slice(0, 2 * n);
    const file = writePoints('step.f32', points);
    const np = denseExample('meanshift_numpy.py', file, 1, 1);
    const th = denseExample('meanshift_torch.py', file, 1, 1);
    const run = await ourSweeps(points, repeats + 1);
    const ms = median(run.iterationMs.slice(1));
    const base = np?.perSweepMs ?? null;
    rows.push([
      'dense sweep n=20000',
      'numpy peer',
      base?.toFixed(1) ?? 'skipped',
      '1 (ref)',
    ]);
    rows.push([
      'dense sweep n=20000',
      'torch peer',
      th?.perSweepMs.toFixed(1) ?? 'skipped',
      ratio(base, th?.perSweepMs ?? NaN),
    ]);
    rows.push([
      'dense sweep n=20000',
      'fused (target ≥ 10×)',
      ms.toFixed(1),
      ratio(base, ms),
    ]);
    log(`step: numpy ${base} ms, ours ${ms.toFixed(1)} ms`);
  }

  // 2. The lesson run: 1500 points, 5 sweeps.
  if (!skip.has('lesson')) {
    const blobs = makeBlobs({ seed: 0 });
    const file = writePoints('lesson.f32', blobs.points);
    const np = denseExample('meanshift_numpy.py', file, 5, repeats);
    const th = denseExample('meanshift_torch.py', file, 5, repeats);
    const { medianMs } = await timeRuns(repeats, () =>
      ourSweeps(blobs.points, 5),
    );
    const base = np?.totalMs ?? null;
    rows.push([
      'lesson run 1500×5',
      'numpy peer',
      base?.toFixed(1) ?? 'skipped',
      '1 (ref)',
    ]);
    rows.push([
      'lesson run 1500×5',
      'torch peer',
      th?.totalMs.toFixed(1) ?? 'skipped',
      ratio(base, th?.totalMs ?? NaN),
    ]);
    rows.push([
      'lesson run 1500×5',
      'meanShift fused (target ≥ 10×)',
      medianMs.toFixed(1),
      ratio(base, medianMs),
    ]);
    log(`lesson: numpy ${base} ms, ours ${medianMs.toFixed(1)} ms`);
  }

  // 3. Full clustering with bin seeding against scikit-learn.
  if (!skip.has('full')) {
    const n = Number(values['full-n']);
    for (const d of values.dims.split(',').map(Number)) {
      const blobs = makeBlobs({
        clusters: 6,
        pointsPerCluster: Math.ceil(n / 6),
        dimensions: d,
        spread: 10,
        variance: 1,
        seed: 0,
      });
      const points = blobs.points.slice(0, n * d);
      const input = { data: points, rows: n, columns: d };
      const file = writePoints(`full-${d}.f32`, points);
      const started = performance.now();
      const bandwidth = estimateBandwidth(input, {
        quantile: Number(values.quantile),
        sampleSize: 5000,
        seed: 0,
      });
      const estimateMs = performance.now() - started;
      const label = `full ${n}×${d}-D bin seeding`;
      let peerMs: number | null = null;
      let peerLabels: Int32Array | null = null;
      let peerClusters = 'skipped';
      if (sklearn.python === null) {
        log(`scikit-learn peer skipped: ${sklearn.reason}`);
      } else {
        const labelsFile = join(scratch, `labels-${d}.i32`);
        const report = runPeer(sklearn.python, 'meanshift_sklearn.py', [
          ...['--input', file, '--dims', String(d), '--bw', String(bandwidth)],
          ...['--bin-seeding', '--labels-out', labelsFile, '--repeats', '1'],
        ]);
        peerMs = report['fit_ms'] as number;
        peerClusters = String(report['n_clusters']);
        const bytes = readFileSync(labelsFile);
        peerLabels = new Int32Array(bytes.buffer, bytes.byteOffset, n);
      }
      let model = await fitMeanShift(input, { bandwidth, binSeeding: true });
      const { medianMs } = await timeRuns(Math.min(repeats, 3), async () => {
        model = await fitMeanShift(input, { bandwidth, binSeeding: true });
      });
      const ari =
        peerLabels === null
          ? 'n/a'
          : adjustedRandIndex(peerLabels, model.labels).toFixed(4);
      rows.push([
        label,
        `scikit-learn peer (bw ${bandwidth.toFixed(3)}), ${peerClusters} clusters`,
        peerMs?.toFixed(0) ?? 'skipped',
        '1 (ref)',
      ]);
      const ours =
        `fitMeanShift (target ≥ 5×): ${model.clusterCount} clusters, ` +
        `${model.seedCount} seeds, ARI vs sklearn ${ari}; ` +
        `estimateBandwidth ${estimateMs.toFixed(0)} ms apart`;
      rows.push([label, ours, medianMs.toFixed(0), ratio(peerMs, medianMs)]);
      log(
        `full ${d}-D: sklearn ${peerMs} ms, ours ${medianMs.toFixed(0)} ms, ARI ${ari}`,
      );
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  `meanshift-gpu targets, medians (peers: ${numpy.python ?? 'no python'}); ` +
    'speed-up = peer ms / ours\n\n',
);
process.stdout.write(
  `${markdownTable(['case', 'implementation', 'ms', 'speed-up vs first row'], rows)}\n`,
);
process.exit(0);
