import { describe, expect, it } from 'vitest';

import {
  CHEST_PHANTOM_DEFAULTS,
  makeChestPhantom,
  PHANTOM_HU,
} from './chest-phantom.js';
import { dilateMask, erodeMask } from './morphology.js';
import { diceCoefficient, maskReport } from './mask-report.js';
import type { Zyx } from './volume.js';

describe('makeChestPhantom', () => {
  it('is reproducible from its seed and puts nodule tissue at each nodule centre', () => {
    const a = makeChestPhantom({
      seed: 3,
      shape: [8, 64, 64],
      spacingMm: [2.5, 4, 4],
      noiseHu: 0,
    });
    const b = makeChestPhantom({
      seed: 3,
      shape: [8, 64, 64],
      spacingMm: [2.5, 4, 4],
      noiseHu: 0,
    });

    expect(a.nodules).toEqual(b.nodules);
    expect(a.nodules.map((n) => n.diameterMm)).toEqual([6, 10, 14]);
    const [sz, sy, sx] = a.hu.spacingMm;
    for (const n of a.nodules.slice(1)) {
      const [x, y, z] = [0, 1, 2].map((axis) =>
        Math.round(
          (n.centerMm[axis]! - a.hu.originMm[axis]!) / [sx, sy, sz][axis]!,
        ),
      );
      expect(a.hu.data[(z! * 64 + y!) * 64 + x!]).toBe(PHANTOM_HU.nodule);
      expect(a.isLung(n.centerMm)).toBe(true);
    }
  });

  it('has defaults and refuses a tiny shape', () => {
    expect(CHEST_PHANTOM_DEFAULTS.shape).toEqual([20, 160, 160]);
    expect(() => makeChestPhantom({ shape: [2, 64, 64] })).toThrow(
      'makeChestPhantom: shape must be three integers >= 8, got [2,64,64].',
    );
  });
});

describe('dilateMask and erodeMask', () => {
  it('grow and shrink a cube by one voxel, and erosion undoes dilation here', () => {
    const shape: Zyx = [7, 7, 7];
    const cube = new Uint8Array(343);
    for (let z = 2; z <= 4; z += 1)
      for (let y = 2; y <= 4; y += 1)
        for (let x = 2; x <= 4; x += 1) cube[(z * 7 + y) * 7 + x] = 1;

    const grown = dilateMask(cube, shape, [1, 1, 1], 1);
    const back = erodeMask(grown, shape, [1, 1, 1], 1);

    expect(grown.reduce((s, v) => s + v, 0)).toBe(27 + 6 * 9);
    expect(diceCoefficient(back, cube)).toBe(1);
  });
});

describe('maskReport', () => {
  it('flags an empty mask and one touching the sides as implausible', () => {
    const place = {
      shape: [1, 3, 3] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as [number, number, number],
    };

    const empty = maskReport({ ...place, data: new Uint8Array(9) });
    const side = maskReport({
      ...place,
      data: Uint8Array.from([0, 0, 0, 1, 1, 0, 0, 0, 0]),
    });
    const centre = maskReport({
      ...place,
      data: Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]),
    });

    expect([empty.plausible, side.plausible, centre.plausible]).toEqual([
      false,
      false,
      true,
    ]);
    expect(side.sideEdgeFraction).toBe(0.5);
    expect(centre.centroidFraction).toEqual([0, 0.5, 0.5]);
  });
});
