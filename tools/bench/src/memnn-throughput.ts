// Training throughput of the memory network (examples per second) against
// the PyTorch CPU peer (../shared/peers/memn2n_torch.py), same task and
// configuration, measured in the same run: 3 hops, d = 20, position and
// temporal encoding, adjacent tying, memory 50, SGD 0.01, batch 32, gradient
// norm 40, 10% held out. Each side reports the median epoch time of epochs
// 2..E (epoch 1 warms up).
//
// The tfjs engine (far slower: a fixed cost per tfjs operation) is timed on
// the first --tfjs-examples training questions only, for --tfjs-epochs.
//
//   pnpm bench memnn-throughput [--tasks 1,2] [--set en] [--epochs 6]
//     [--threads 2] [--backend wasm] [--tfjs-epochs 2] [--tfjs-examples 320]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { loadBabiTask } from '@lesson11/babi-data/node';
import {
  evaluateMemN2N,
  memn2nTraining,
  prepareBabiData,
  resolveMemN2NConfig,
} from '@lesson11/memnn';
import type { EngineName } from '@lesson11/memnn';
import { selectBackend, SILENT_LOGGER } from '@lesson11/tensor';
import type { BackendRequest } from '@lesson11/tensor';

import { findPython, runPeer } from './peers.js';
import { markdownTable, median } from './timing.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1,2' },
    set: { type: 'string', default: 'en' },
    epochs: { type: 'string', default: '6' },
    threads: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'wasm' },
    'tfjs-epochs': { type: 'string', default: '2' },
    'tfjs-examples': { type: 'string', default: '320' },
  },
});
const tasks = values.tasks.split(',').map(Number);
const epochs = Number(values.epochs);
const tfjsEpochs = Number(values['tfjs-epochs']);
const dataDir = fileURLToPath(
  new URL('../../../../shared/data/', import.meta.url),
);
const setDir = join(dataDir, 'babi', 'tasks_1-20_v1-2', values.set);

const backend = await selectBackend({
  backend: values.backend as BackendRequest,
  logger: SILENT_LOGGER,
});
process.stderr.write(`${backend.message}\n`);

/** Our examples/s (median of epochs 2..E) and test accuracy. */
async function ours(
  taskId: number,
  engine: EngineName,
  runEpochs: number,
  limit = Infinity,
) {
  const task = await loadBabiTask(dataDir, { taskId, set: values.set as 'en' });
  const data = prepareBabiData(task.train.slice(0, limit), task.test);
  const config = resolveMemN2NConfig({
    vocabularySize: data.vocabulary.size,
    memorySize: data.memorySize,
  });
  const rates: number[] = [];
  let parameters = null;
  for await (const step of memn2nTraining(config, data, {
    epochs: runEpochs,
    engine,
    clipScope: 'global',
  })) {
    rates.push(step.metrics.examplesPerSecond);
    parameters = step.parameters;
  }
  return {
    examplesPerSecond: median(rates.length > 1 ? rates.slice(1) : rates),
    testAccuracy: evaluateMemN2N(config, parameters!, data.test).accuracy,
  };
}

const { python, reason } = findPython(['torch', 'numpy']);
const rows: string[][] = [];
const report: Record<string, unknown>[] = [];
for (const taskId of tasks) {
  const peer =
    python === null
      ? null
      : runPeer(python, 'memn2n_torch.py', [
          '--data-dir',
          setDir,
          '--task',
          String(taskId),
          '--epochs',
          String(epochs),
          '--threads',
          values.threads,
        ]);
  const fused = await ours(taskId, 'fused', epochs);
  const tfjsLimit = Number(values['tfjs-examples']);
  const tfjs = await ours(taskId, 'tfjs', tfjsEpochs, tfjsLimit);
  const peerRate = peer === null ? NaN : Number(peer['examples_per_s']);
  const ratio = (rate: number) => (rate / peerRate).toFixed(2);
  rows.push([
    `${taskId} (${values.set})`,
    peer === null ? `n/a (${reason})` : peerRate.toFixed(0),
    fused.examplesPerSecond.toFixed(0),
    ratio(fused.examplesPerSecond),
    tfjs.examplesPerSecond.toFixed(0),
    ratio(tfjs.examplesPerSecond),
    `${peer?.['test_acc'] ?? '-'} / ${fused.testAccuracy.toFixed(3)}`,
  ]);
  report.push({
    taskId,
    set: values.set,
    epochs,
    peer: peerRate,
    fused,
    tfjs,
    tfjsBackend: backend.backend,
    threads: peer?.['threads'] ?? null,
  });
}
process.stdout.write(
  `${markdownTable(
    [
      'task',
      `torch CPU ex/s (${values.threads} threads)`,
      'fused TS ex/s',
      'fused / torch',
      `tfjs ${backend.backend} ex/s`,
      'tfjs / torch',
      `test acc torch / fused (${epochs} epochs)`,
    ],
    rows,
  )}\n\n${JSON.stringify(report)}\n`,
);
