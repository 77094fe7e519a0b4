import { describe, expect, it } from 'vitest';

import { referenceMask, SLABS } from '../test/shared-data.js';
import { slabVolumes } from '../test/slab-volumes.js';
import { TUTORIAL_LUNG_MASK_DEFAULTS, tutorialLungMask } from './lung-mask.js';
import { diceCoefficient, maskReport } from './mask-report.js';
import type { Zyx } from './volume.js';

describe('tutorialLungMask', () => {
  it.each(SLABS)(
    'agrees with the peer mask of %s (Dice >= 0.99)',
    async (slab) => {
      const { cubic } = await slabVolumes(slab);

      const mask = tutorialLungMask(cubic);
      const filled = tutorialLungMask(cubic, { fillLungStructures: true });

      expect(
        diceCoefficient(mask.data, referenceMask(slab, false)),
      ).toBeGreaterThanOrEqual(0.99);
      expect(
        diceCoefficient(filled.data, referenceMask(slab, true)),
      ).toBeGreaterThanOrEqual(0.99);
    },
  );

  it('keeps the air under the table on lidc-idri-0002, the known failure', async () => {
    const { cubic } = await slabVolumes('lidc-idri-0002');

    const report = maskReport(tutorialLungMask(cubic));

    expect(report.plausible).toBe(false);
    expect(report.rowRange).toEqual([185, 348]);
  });

  it('finds the largest inner air pocket and drops the corner air', () => {
    // 1 x 5 x 7 slice: outside air on the left (touching the corner), two
    // pockets inside tissue; the bigger one (3 voxels) is the lung.
    const rows = ['a##...#', 'a#..#.#', 'a######', 'a#.####', 'aaaaaaa'];
    const data = new Int16Array(35);
    rows
      .join('')
      .split('')
      .forEach((c, i) => (data[i] = c === '#' ? 0 : -1000));
    const volume = {
      data,
      shape: [1, 5, 7] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };

    const mask = tutorialLungMask(volume);

    expect(Array.from(mask.data).join('').match(/.{7}/g)).toEqual([
      '0001110',
      '0011010',
      '0000000',
      '0000000',
      '0000000',
    ]);
  });

  it('dilates by a ball of the given radius in mm', () => {
    const data = new Int16Array(125).fill(0);
    data[62] = -1000; // the centre of 5 x 5 x 5
    const volume = {
      data,
      shape: [5, 5, 5] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };

    const mask = tutorialLungMask(volume, { dilationMm: 1 });

    expect(mask.data.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('has the tutorial defaults and refuses a bad option', () => {
    expect(TUTORIAL_LUNG_MASK_DEFAULTS).toMatchInlineSnapshot(`
      {
        "dilationMm": 0,
        "fillLungStructures": false,
        "thresholdHu": -320,
      }
    `);
    const volume = {
      data: new Int16Array(1),
      shape: [1, 1, 1] as Zyx,
      spacingMm: [1, 1, 1] as Zyx,
      originMm: [0, 0, 0] as Zyx,
    };
    expect(() => tutorialLungMask(volume, { dilationMm: -1 })).toThrow(
      'tutorialLungMask: dilationMm must be a finite number >= 0, got -1.',
    );
  });
});
