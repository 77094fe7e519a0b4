import { describe, expect, it } from 'vitest';

import { REFERENCE, SLABS } from '../test/shared-data.js';
import { slabVolumes } from '../test/slab-volumes.js';
import { NORMALISE_DEFAULTS, normalise } from './normalise.js';
import type { Zyx } from './volume.js';

const place = {
  shape: [1, 1, 5] as Zyx,
  spacingMm: [1, 1, 1] as Zyx,
  originMm: [0, 0, 0] as Zyx,
};

describe('normalise', () => {
  it('maps -1000..400 HU to 0..1, clips, and subtracts 0.25', () => {
    const out = normalise({
      ...place,
      data: new Int16Array([-2000, -1000, -300, 400, 3000]),
    });

    expect(Array.from(out.data)).toEqual([-0.25, -0.25, 0.25, 0.75, 0.75]);
  });

  it.each(SLABS)('matches the peer mean of %s', async (slab) => {
    const { cubic } = await slabVolumes(slab);

    const out = normalise(cubic);

    const mean = out.data.reduce((a, b) => a + b, 0) / out.data.length;
    expect(mean).toBeCloseTo(REFERENCE[slab].normalised.mean, 4);
  });

  it('has the tutorial defaults and refuses an empty window', () => {
    expect(NORMALISE_DEFAULTS).toEqual({
      minHu: -1000,
      maxHu: 400,
      pixelMean: 0.25,
    });
    expect(() =>
      normalise({ ...place, data: new Int16Array(5) }, { maxHu: -1000 }),
    ).toThrow('normalise: maxHu must be > minHu (-1000), got -1000.');
  });
});
