import { describe, expect, it } from 'vitest';

import { REFERENCE, referenceProbes, SLABS } from '../test/shared-data.js';
import type { Slab } from '../test/shared-data.js';
import { slabVolumes } from '../test/slab-volumes.js';
import {
  RESAMPLE_DEFAULTS,
  resample,
  resampleGrid,
  roundHalfToEven,
} from './resample.js';
import type { Volume, Zyx } from './volume.js';

/** Values of `volume` along the probe lines (see fixtures/README.md). */
function probe(
  volume: Volume,
  lines: Array<[string, number, number]>,
): number[] {
  const [nz, ny, nx] = volume.shape;
  const at = (z: number, y: number, x: number) =>
    volume.data[(z * ny + y) * nx + x] as number;
  const values: number[] = [];
  for (const [axis, a, b] of lines) {
    const length = axis === 'x' ? nx : axis === 'y' ? ny : nz;
    for (let i = 0; i < length; i += 1) {
      values.push(
        axis === 'x' ? at(a, b, i) : axis === 'y' ? at(a, i, b) : at(i, a, b),
      );
    }
  }
  return values;
}

function maxDifference(a: number[], b: Float32Array): number {
  return a.reduce(
    (max, v, i) => Math.max(max, Math.abs(v - (b[i] as number))),
    0,
  );
}

describe('roundHalfToEven', () => {
  it('rounds exact halves to the even neighbour, like NumPy', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfToEven)).toEqual([
      0, 2, 2, 0, -2, 2, 3,
    ]);
  });
});

describe('resampleGrid', () => {
  it.each(SLABS)('gives the peer shape and spacings for %s', async (slab) => {
    const { hu } = await slabVolumes(slab);

    const grid = resampleGrid(hu.shape, hu.spacingMm, [1, 1, 1]);

    expect(grid.shape).toEqual(REFERENCE[slab].resampled_shape);
    grid.spacingMm.forEach((s, axis) =>
      expect(s).toBeCloseTo(REFERENCE[slab].new_spacing_mm[axis] as number, 6),
    );
    grid.sampleSpacingMm.forEach((s, axis) =>
      expect(s).toBeCloseTo(
        REFERENCE[slab].sample_spacing_mm[axis] as number,
        6,
      ),
    );
  });

  it('rounds 2.5 voxels down to 2, as NumPy does', () => {
    expect(resampleGrid([5, 1, 1], [0.5, 1, 1], [1, 1, 1]).shape).toEqual([
      2, 1, 1,
    ]);
  });
});

describe('resample', () => {
  // Tolerance 1e-3 HU: both sides compute in float64 and store float32; the
  // difference measured is 0, the margin covers summation order only.
  it.each(SLABS)(
    'matches the peer cubic and linear values of %s on probe lines',
    async (s) => {
      const slab = s as Slab;
      const { hu, cubic } = await slabVolumes(slab);
      const reference = referenceProbes(slab);
      const cubicLines = REFERENCE[slab].probe_lines_cubic;

      const linear = resample(hu, { order: 'linear' });
      const ours = [
        ...probe(cubic, cubicLines),
        ...probe(linear, REFERENCE[slab].probe_lines_linear),
      ];

      expect(ours.length).toBe(reference.length);
      expect(maxDifference(ours, reference)).toBeLessThanOrEqual(1e-3);
    },
  );

  it.each(SLABS)('matches the peer min, max and mean of %s', async (slab) => {
    const { cubic } = await slabVolumes(slab);
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;

    for (const v of cubic.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }

    expect(min).toBeCloseTo(REFERENCE[slab].resampled_cubic.min, 3);
    expect(max).toBeCloseTo(REFERENCE[slab].resampled_cubic.max, 3);
    expect(sum / cubic.data.length).toBeCloseTo(
      REFERENCE[slab].resampled_cubic.mean,
      3,
    );
  });

  it('keeps a linear ramp linear (linear) and a constant constant (cubic)', () => {
    const shape: Zyx = [3, 4, 5];
    const ramp = new Float32Array(60).map((_, i) => i % 5);
    const flat = new Float32Array(60).fill(-700);
    const place = {
      shape,
      spacingMm: [2, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };

    const linear = resample(
      { ...place, data: ramp },
      { targetSpacingMm: [1, 1, 0.5], order: 'linear' },
    );
    const cubic = resample(
      { ...place, data: flat },
      { targetSpacingMm: [1, 1, 0.5] },
    );

    expect(linear.shape).toEqual([6, 4, 10]);
    for (let x = 0; x < 10; x += 1) {
      expect(linear.data[x]).toBeCloseTo((x * 4) / 9, 5);
    }
    expect(cubic.data.every((v) => Math.abs(v + 700) < 1e-3)).toBe(true);
  });

  it('has the tutorial defaults', () => {
    expect(RESAMPLE_DEFAULTS).toMatchInlineSnapshot(`
      {
        "order": "cubic",
        "targetSpacingMm": 1,
      }
    `);
  });

  it('refuses a bad target spacing with the full message', () => {
    const volume = {
      data: new Int16Array(8),
      shape: [2, 2, 2] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };

    expect(() => resample(volume, { targetSpacingMm: 0 })).toThrow(
      'resample: targetSpacingMm must be a finite number > 0 or three of them, got 0.',
    );
    expect(() => resample(volume, { order: 'quintic' as 'cubic' })).toThrow(
      'resample: order must be one of "linear", "cubic", got "quintic".',
    );
  });
});
