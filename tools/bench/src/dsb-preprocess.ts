// The DSB 2017 tutorial preprocessing, stage by stage, against the Python
// peer (../shared/peers/ct_reference.py: pydicom, scipy, scikit-image) on the
// same LIDC slabs in the same run, with the agreement of the results.
//
//   pnpm bench dsb-preprocess [--slabs lidc-idri-0001,lidc-idri-0002,lidc-idri-0003]
//     [--repeats 3] [--data-dir ../shared/data]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  diceCoefficient,
  hounsfieldUnits,
  normalise,
  readDicomSeries,
  resample,
  robustLungMask,
  tutorialLungMask,
} from '@lesson11/dsb-pipeline';
import type { ResampledVolume } from '@lesson11/dsb-pipeline';

import { findPython, PEERS_DIR, runPeer } from './peers.js';
import { markdownTable, median } from './timing.js';

const { values } = parseArgs({
  options: {
    slabs: {
      type: 'string',
      default: 'lidc-idri-0001,lidc-idri-0002,lidc-idri-0003',
    },
    repeats: { type: 'string', default: '3' },
    'data-dir': { type: 'string', default: join(PEERS_DIR, '..', 'data') },
  },
});
const slabs = values.slabs.split(',');
const repeats = Number(values.repeats);
const ctDir = resolve(values['data-dir'], 'ct');
const STAGES = ['read', 'hu', 'resample', 'mask', 'normalise'] as const;

/** Our stages once: volumes and milliseconds per stage. */
async function runOurs(folder: string) {
  const ms: Record<string, number> = {};
  let clock = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    ms[stage] = now - clock;
    clock = now;
  };
  const series = await readDicomSeries(folder);
  lap('read');
  const hu = hounsfieldUnits(series);
  lap('hu');
  const resampled = resample(hu);
  lap('resample');
  const mask = tutorialLungMask(resampled);
  lap('mask');
  const normalised = normalise(resampled);
  lap('normalise');
  robustLungMask(resampled);
  lap('robustMask');
  return { hu, resampled, mask, normalised, ms };
}

function readRaw<T>(path: string, make: (b: ArrayBuffer) => T): T {
  const bytes = readFileSync(path);
  return make(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
}

/** Largest |ours - peer|, inside (2+ voxels from every face) and at the border. */
function resampledDifference(ours: ResampledVolume, peer: Float32Array) {
  const [nz, ny, nx] = ours.shape;
  let interior = 0;
  let border = 0;
  for (let z = 0; z < nz; z += 1) {
    for (let y = 0; y < ny; y += 1) {
      for (let x = 0; x < nx; x += 1) {
        const i = (z * ny + y) * nx + x;
        const d = Math.abs((ours.data[i] as number) - (peer[i] as number));
        const inside = [z, y, x].every(
          (v, a) => v >= 2 && v < [nz, ny, nx][a]! - 2,
        );
        if (inside) interior = Math.max(interior, d);
        else border = Math.max(border, d);
      }
    }
  }
  return { interior, border };
}

const { python, reason } = findPython(['numpy', 'scipy', 'pydicom', 'skimage']);
if (python === null) {
  process.stdout.write(`dsb-preprocess: skipping the peer: ${reason}\n`);
}
const scratch = mkdtempSync(join(tmpdir(), 'bench-dsb-'));
const timeRows: string[][] = [];
const agreementRows: string[][] = [];
try {
  for (const slab of slabs) {
    const folder = join(ctDir, slab);
    // 1. Ours: one warm-up, then the median of each stage over the repeats.
    const runs = [];
    for (let r = 0; r <= repeats; r += 1) runs.push(await runOurs(folder));
    const timed = runs.slice(1);
    const ours = Object.fromEntries(
      [...STAGES, 'robustMask'].map((s) => [
        s,
        median(timed.map((t) => t.ms[s] as number)),
      ]),
    );
    const last = runs.at(-1)!;
    if (python === null) {
      for (const s of [...STAGES, 'robustMask']) {
        timeRows.push([slab, s, ours[s]!.toFixed(1), '-', '-']);
      }
      continue;
    }

    // 2. The peer on the same folder, writing its volumes to compare.
    const out = (name: string) => join(scratch, `${slab}.${name}`);
    const peer = runPeer(python, 'ct_reference.py', [
      folder,
      '--repeats',
      String(repeats),
      '--hu-out',
      out('hu'),
      '--resampled-out',
      out('res'),
      '--mask-out',
      out('mask'),
      '--norm-out',
      out('norm'),
    ]);
    const peerMs = peer.stage_ms as Record<string, number>;
    const peerStage: Record<string, number> = {
      ...peerMs,
      read: (peerMs.read ?? 0) + (peerMs.sort ?? 0),
      robustMask: NaN,
    };
    let oursTotal = 0;
    let peerTotal = 0;
    for (const s of [...STAGES, 'robustMask']) {
      const [o, p] = [ours[s]!, peerStage[s]!];
      if (s !== 'robustMask') {
        oursTotal += o;
        peerTotal += p;
      }
      const ratio = Number.isNaN(p) ? '-' : `${(p / o).toFixed(2)}x`;
      timeRows.push([
        slab,
        s,
        o.toFixed(1),
        Number.isNaN(p) ? '-' : p.toFixed(1),
        ratio,
      ]);
    }
    timeRows.push([
      slab,
      '**total**',
      oursTotal.toFixed(1),
      peerTotal.toFixed(1),
      `${(peerTotal / oursTotal).toFixed(2)}x`,
    ]);

    // 3. Agreement: HU identical, resampled difference, mask Dice.
    const peerHu = readRaw(out('hu'), (b) => new Int16Array(b));
    const huDifferent = peerHu.reduce(
      (n, v, i) => n + (v === last.hu.data[i] ? 0 : 1),
      0,
    );
    const peerResampled = readRaw(out('res'), (b) => new Float32Array(b));
    const sameShape =
      JSON.stringify(peer.resampled_shape) ===
      JSON.stringify(last.resampled.shape);
    const difference = resampledDifference(last.resampled, peerResampled);
    const peerMask = readRaw(out('mask'), (b) => new Uint8Array(b));
    const peerNorm = readRaw(out('norm'), (b) => new Float32Array(b));
    const normDifferent = peerNorm.reduce(
      (n, v, i) => n + (v === last.normalised.data[i] ? 0 : 1),
      0,
    );
    agreementRows.push([
      slab,
      huDifferent === 0 ? 'identical' : `${huDifferent} voxels differ`,
      `${last.resampled.shape.join('x')} ` +
        (sameShape
          ? '(same)'
          : `(peer ${JSON.stringify(peer.resampled_shape)})`),
      difference.interior.toExponential(2),
      difference.border.toExponential(2),
      diceCoefficient(last.mask.data, peerMask).toFixed(6),
      normDifferent === 0 ? 'identical' : `${normDifferent} voxels differ`,
      `${(peerTotal / oursTotal).toFixed(2)}x`,
    ]);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  `dsb-preprocess: median of ${repeats} runs after a warm-up, ms; ratio = peer / ours ` +
    `(> 1: ours faster); mask = tutorial, no fill; robustMask is ours only\n\n` +
    `${markdownTable(['slab', 'stage', 'ours ms', 'peer ms', 'ratio'], timeRows)}\n\n`,
);
if (agreementRows.length > 0) {
  process.stdout.write(
    `${markdownTable(
      [
        'slab',
        'HU',
        'resampled shape',
        'max abs diff inside (HU)',
        'max abs diff border (HU)',
        'mask Dice',
        'normalised',
        'speed ratio',
      ],
      agreementRows,
    )}\n`,
  );
}
