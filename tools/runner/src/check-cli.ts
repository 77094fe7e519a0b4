// `pnpm lesson:check [ids...]`: runs each lesson part's quick configuration
// and compares its metrics.json with <slug>.check.json. Exits 1 on any miss.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkMetrics, parseCheckFile } from './check-metrics.js';
import { listLessons, locateLesson } from './lesson-files.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function runChild(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', CLI, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const requested = process.argv.slice(2);
const ids =
  requested.length > 0
    ? requested
    : listLessons().filter((id) => existsSync(locateLesson(id).checkPath));
let failures = 0;
for (const id of ids) {
  const location = locateLesson(id);
  if (!existsSync(location.checkPath)) {
    process.stderr.write(`lesson:check: ${id} has no ${location.checkPath}\n`);
    failures += 1;
    continue;
  }
  const check = parseCheckFile(
    await readFile(location.checkPath, 'utf8'),
    location.checkPath,
  );
  const outDir = await mkdtemp(
    join(tmpdir(), `lesson-check-${location.slug}-`),
  );
  const startedAt = performance.now();
  const { code, output } = await runChild([
    id,
    ...check.args,
    '--out',
    outDir,
    '--quiet',
  ]);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  if (code !== 0) {
    process.stdout.write(
      `FAIL ${id}: exited with ${code} after ${seconds} s\n${output}\n`,
    );
    failures += 1;
    await rm(outDir, { recursive: true, force: true });
    continue;
  }
  const metrics = JSON.parse(
    await readFile(join(outDir, 'metrics.json'), 'utf8'),
  );
  const results = checkMetrics(metrics, check.metrics);
  const missed = results.filter((r) => !r.passed);
  process.stdout.write(
    `${missed.length === 0 ? 'PASS' : 'FAIL'} ${id} (${results.length} metrics, ${seconds} s)\n`,
  );
  for (const result of results) {
    process.stdout.write(
      `  ${result.passed ? 'ok  ' : 'MISS'} ${result.path} = ` +
        `${JSON.stringify(result.actual)} (expected ${result.expected})\n`,
    );
  }
  failures += missed.length > 0 ? 1 : 0;
  await rm(outDir, { recursive: true, force: true });
}
const passed = ids.length - failures;
process.stdout.write(`lesson:check: ${passed} passed, ${failures} failed\n`);
process.exit(failures === 0 ? 0 : 1);
