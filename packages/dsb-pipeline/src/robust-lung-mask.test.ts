import { describe, expect, it } from 'vitest';

import { slabVolumes } from '../test/slab-volumes.js';
import { tutorialLungMask } from './lung-mask.js';
import { diceCoefficient, maskReport } from './mask-report.js';
import {
  ROBUST_LUNG_MASK_DEFAULTS,
  robustLungMask,
} from './robust-lung-mask.js';
import type { Zyx } from './volume.js';

describe('robustLungMask', () => {
  it('segments the lungs of lidc-idri-0002, where the tutorial keeps the table air', async () => {
    const { cubic } = await slabVolumes('lidc-idri-0002');

    const tutorial = maskReport(tutorialLungMask(cubic));
    const robust = maskReport(robustLungMask(cubic));

    expect(tutorial.plausible).toBe(false);
    expect(robust.plausible).toBe(true);
    expect(robust.volumeMl).toBeGreaterThan(150);
    // The lungs lie mid-image; the tutorial's pick sits at the bottom (~0.89).
    expect(robust.centroidFraction![1]).toBeGreaterThan(0.4);
    expect(robust.centroidFraction![1]).toBeLessThan(0.65);
    expect(tutorial.centroidFraction![1]).toBeGreaterThan(0.8);
  });

  it.each(['lidc-idri-0001', 'lidc-idri-0003'] as const)(
    'agrees with the tutorial mask where it works (%s)',
    async (slab) => {
      const { cubic } = await slabVolumes(slab);

      const dice = diceCoefficient(
        tutorialLungMask(cubic).data,
        robustLungMask(cubic).data,
      );

      expect(dice).toBeGreaterThan(0.98);
    },
  );

  it('drops air reaching the sides and keeps at most two pockets', () => {
    // 1 x 5 x 9: outside air reaches the left and right sides under a
    // "table" row; three pockets of sizes 4, 4 and 1.
    const rows = [
      '#########',
      '#..#..#.#',
      '#..#..###',
      '#########',
      '.........',
    ];
    const data = new Int16Array(45);
    rows
      .join('')
      .split('')
      .forEach((c, i) => (data[i] = c === '#' ? 0 : -1000));
    const volume = {
      data,
      shape: [1, 5, 9] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };

    const mask = robustLungMask(volume, { minComponentFraction: 0 });

    expect(Array.from(mask.data).join('').match(/.{9}/g)).toEqual([
      '000000000',
      '011011000',
      '011011000',
      '000000000',
      '000000000',
    ]);
  });

  it('has defaults and refuses a bad fraction', () => {
    expect(ROBUST_LUNG_MASK_DEFAULTS).toMatchInlineSnapshot(`
      {
        "dilationMm": 0,
        "maxComponents": 2,
        "minComponentFraction": 0.2,
        "thresholdHu": -320,
      }
    `);
    const volume = {
      data: new Int16Array(1),
      shape: [1, 1, 1] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };
    expect(() => robustLungMask(volume, { minComponentFraction: 2 })).toThrow(
      'robustLungMask: minComponentFraction must be a finite number >= 0 and <= 1, got 2.',
    );
  });
});
