import { Random } from '@lesson11/tensor';
import { describe, expect, it } from 'vitest';

import { FusedSession, WASM } from './fused-cpu.js';
import { PlainSession } from './plain-session.js';
import { buildSourceCells } from './source-cells.js';
import { emitShiftKernel } from './wasm-kernel.js';
import type { FusedKernel } from './wasm-kernel.js';

function randomPoints(seed: number, n: number, d: number, spread = 4) {
  const random = new Random(seed);
  return Float32Array.from({ length: n * d }, () =>
    random.uniform(-spread, spread),
  );
}

/** Runs both engines on the same rows and returns their sums. */
async function bothSums(
  source: Float32Array,
  rows: Float32Array,
  d: number,
  kernel: FusedKernel,
  bandwidth: number,
  cells = false,
) {
  const m = rows.length / d;
  const problem = { source, dimensions: d, kernel, bandwidth, rows: m };
  const fused = new FusedSession({
    ...problem,
    cells: cells ? buildSourceCells(source, d, 16, 3) : null,
  });
  const plain = new PlainSession(problem);
  fused.rowsView.set(rows);
  plain.rowsView.set(rows);
  const all = Int32Array.from({ length: m }, (_, i) => i);
  await fused.accumulate(all);
  await plain.accumulate(all);
  return { fused: fused.sumsView, plain: plain.sumsView };
}

describe('emitShiftKernel', () => {
  it('emits a valid module for every supported shape', () => {
    for (const kernel of ['gaussian', 'flat'] as const) {
      for (const d of [1, 2, 3, 16, 64]) {
        expect(WASM.validate(emitShiftKernel(d, kernel))).toBe(true);
      }
    }
  });
});

describe('FusedSession', () => {
  it.each([1, 2, 3, 5, 16])(
    'agrees with the plain engine on the Gaussian step in %i-D',
    async (d) => {
      const source = randomPoints(d, 203, d);
      const rows = randomPoints(100 + d, 37, d, 5);

      const { fused, plain } = await bothSums(source, rows, d, 'gaussian', 1.3);

      // Weights agree to the polynomial exp's 3e-6 plus float32 sums; the
      // weighted mean shift (sum / weight) is compared in absolute terms.
      for (let i = 0; i < 37; i++) {
        const wf = fused[i * (d + 1)]!;
        const wp = plain[i * (d + 1)]!;
        for (let k = 1; k <= d; k++) {
          const gap =
            fused[i * (d + 1) + k]! / wf - plain[i * (d + 1) + k]! / wp;
          expect(Math.abs(gap)).toBeLessThan(2e-5);
        }
      }
    },
  );

  it('shifts a row far from every point with the log-sum-exp trick', async () => {
    const source = Float32Array.of(0, 0, 1, 0, 0, 1);
    const rows = Float32Array.of(40, 40);

    const { fused, plain } = await bothSums(source, rows, 2, 'gaussian', 1);

    expect(fused[0]).toBeGreaterThan(0);
    expect(fused[1]! / fused[0]!).toBeCloseTo(plain[1]! / plain[0]!, 4);
    expect(fused[2]! / fused[0]!).toBeCloseTo(plain[2]! / plain[0]!, 4);
  });

  it.each([2, 7])(
    'counts and sums the flat window exactly in %i-D',
    async (d) => {
      const source = randomPoints(9, 301, d);
      const rows = randomPoints(10, 41, d);

      const { fused, plain } = await bothSums(source, rows, d, 'flat', 2.5);

      for (let i = 0; i < fused.length; i++) {
        expect(Math.abs(fused[i]! - plain[i]!)).toBeLessThan(1e-3);
      }
    },
  );

  it('gives the same flat sums when it skips far cells', async () => {
    const source = randomPoints(11, 4000, 2, 30);
    const rows = randomPoints(12, 50, 2, 30);

    const scanned = await bothSums(source, rows, 2, 'flat', 3);
    const skipping = await bothSums(source, rows, 2, 'flat', 3, true);

    // Same windows: equal counts; the sums differ only in float32 order.
    for (let i = 0; i < 50; i++) {
      expect(skipping.fused[i * 3]).toBe(scanned.plain[i * 3]);
      for (const k of [1, 2]) {
        const gap = skipping.fused[i * 3 + k]! - scanned.plain[i * 3 + k]!;
        expect(Math.abs(gap)).toBeLessThan(1e-3);
      }
    }
    expect(skipping.fused.some((v) => v !== 0)).toBe(true);
  });
});
