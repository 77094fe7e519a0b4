// The dense mean-shift step (one in-place Gaussian sweep, batch 500, 2-D) on
// each tfjs backend, against the numpy peer (the lesson's batched algorithm)
// on the same points in the same run.
//
//   pnpm bench meanshift-step [--sizes 1500,20000] [--repeats 3]
//     [--backends wasm,cpu,tensorflow,webgpu] [--budget-s 90]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { meanShift } from '@lesson11/meanshift-gpu';
import { makeBlobs, selectBackend, SILENT_LOGGER } from '@lesson11/tensor';
import type { BackendName } from '@lesson11/tensor';

import { findPython, runPeer } from './peers.js';
import { markdownTable, median } from './timing.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1500,20000' },
    repeats: { type: 'string', default: '3' },
    backends: { type: 'string', default: 'wasm,cpu,tensorflow,webgpu' },
    'budget-s': { type: 'string', default: '90' },
    bandwidth: { type: 'string', default: '2.5' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const repeats = Number(values.repeats);
const budgetMs = Number(values['budget-s']) * 1000;
const bandwidth = Number(values.bandwidth);
const backends = values.backends.split(',') as BackendName[];
const batchSize = 500;

/** Milliseconds per sweep: `repeats` timed sweeps after one warm-up sweep. */
async function sweepMs(
  points: Float32Array,
  n: number,
  engine: 'tfjs' | 'fused' = 'tfjs',
): Promise<number> {
  const result = await meanShift(
    { data: points, rows: n, columns: 2 },
    {
      bandwidth,
      batchSize,
      maxIterations: repeats + 1,
      tolerance: 0,
      engine,
      logger: SILENT_LOGGER,
    },
  );
  return median(result.iterationMs.slice(1));
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-meanshift-'));
const { python, reason } = findPython(['numpy', 'threadpoolctl']);
const rows: string[][] = [];
const lastMs = new Map<string, { n: number; ms: number }>();
try {
  for (const n of sizes) {
    const blobs = makeBlobs({ pointsPerCluster: Math.ceil(n / 6), seed: 1 });
    const points = blobs.points.subarray(0, n * 2);
    const file = join(scratch, `points-${n}.f32`);
    writeFileSync(file, points);

    // The peer first, so our numbers are read against it.
    let numpyMs: number | null = null;
    if (python === null) {
      process.stderr.write(`numpy peer skipped: ${reason}\n`);
    } else {
      for (const dist of ['diff', 'gemm']) {
        const report = runPeer(python, 'meanshift_numpy.py', [
          '--input',
          file,
          '--dims',
          '2',
          '--bw',
          String(bandwidth),
          '--iters',
          n > 5000 ? '2' : '5',
          '--batch',
          String(batchSize),
          '--dist',
          dist,
          '--repeats',
          n > 5000 ? '1' : String(repeats),
        ]);
        const ms = report['ms_per_iter'] as number;
        if (dist === 'diff') numpyMs = ms;
        // The gemm form is numpy's own faster variant: its ratio is against
        // the lesson's difference form, like ours.
        const ratio =
          dist === 'diff' || numpyMs === null
            ? '1.0 (ref)'
            : `${(numpyMs / ms).toFixed(2)}×`;
        rows.push([
          String(n),
          `numpy peer (--dist ${dist})`,
          ms.toFixed(1),
          ratio,
        ]);
      }
    }

    // The fused streaming kernel (WebAssembly SIMD in worker threads).
    const fusedMs = await sweepMs(points, n, 'fused');
    rows.push([
      String(n),
      'fused wasm SIMD, worker threads',
      fusedMs.toFixed(1),
      numpyMs === null ? 'n/a' : `${(numpyMs / fusedMs).toFixed(2)}×`,
    ]);

    for (const backend of backends) {
      const previous = lastMs.get(backend);
      const estimate = previous ? previous.ms * (n / previous.n) ** 2 : 0;
      if (estimate * (repeats + 2) > budgetMs) {
        rows.push([
          String(n),
          backend,
          `skipped (≈${(estimate / 1000).toFixed(0)} s/sweep)`,
          '',
        ]);
        continue;
      }
      try {
        await selectBackend({ backend, logger: SILENT_LOGGER });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        rows.push([String(n), backend, `unavailable: ${why.slice(0, 80)}`, '']);
        continue;
      }
      const ms = await sweepMs(points, n);
      lastMs.set(backend, { n, ms });
      const ratio = numpyMs === null ? 'n/a' : `${(numpyMs / ms).toFixed(2)}×`;
      // On webgpu, meanShift's tfjs path runs the fused custom WGSL kernel.
      const label =
        backend === 'webgpu'
          ? 'tfjs webgpu (fused WGSL kernel)'
          : `tfjs ${backend}`;
      rows.push([String(n), label, ms.toFixed(1), ratio]);
      process.stderr.write(`n=${n} ${backend}: ${ms.toFixed(1)} ms/sweep\n`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  `Mean-shift step: one in-place Gaussian sweep, 2-D, batch ${batchSize}, ` +
    `bandwidth ${bandwidth}, median of ${repeats}; speed-up = numpy (diff) ms / ours\n\n`,
);
process.stdout.write(
  `${markdownTable(['n', 'implementation', 'ms per sweep', 'speed-up vs numpy'], rows)}\n`,
);
