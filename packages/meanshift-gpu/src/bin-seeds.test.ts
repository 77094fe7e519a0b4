import { describe, expect, it } from 'vitest';

import { binSeeds } from './bin-seeds.js';
import { suppressNearModes } from './suppress-modes.js';

const SIX = Float32Array.of(1, 1, 2, 1, 1, 0, 4, 7, 3, 5, 3, 6);

describe('binSeeds', () => {
  it('keys points by rounded bins, halves to even, in first-seen order', () => {
    const { seeds, fellBack } = binSeeds(SIX, 2, 2, 1);

    expect(fellBack).toBe(false);
    expect(Array.from(seeds)).toEqual([0, 0, 2, 0, 4, 8, 4, 4, 4, 6]);
  });

  it('drops bins with fewer points than minBinFrequency', () => {
    const { seeds } = binSeeds(SIX, 2, 2, 2);

    expect(Array.from(seeds)).toEqual([0, 0]);
  });

  it('falls back to the points when every point has its own bin', () => {
    const points = Float32Array.of(0, 10, 20);

    const { seeds, fellBack } = binSeeds(points, 1, 1, 1);

    expect(fellBack).toBe(true);
    expect(Array.from(seeds)).toEqual([0, 10, 20]);
  });
});

describe('suppressNearModes', () => {
  it('keeps the centre with most points and removes those within radius', () => {
    const modes = Float32Array.of(0, 0, 0.5, 0, 5, 5, 5.2, 5);

    const { centers, intensities } = suppressNearModes(
      modes,
      [3, 7, 2, 2],
      2,
      1,
    );

    // (5.2, 5) beats (5, 5) on the tie: the larger coordinates win.
    expect(Array.from(centers)).toEqual([0.5, 0, 5.199999809265137, 5]);
    expect(Array.from(intensities)).toEqual([7, 2]);
  });

  it('counts bit-identical modes once, with the last intensity', () => {
    const modes = Float32Array.of(1, 1, 1, 1);

    const { intensities } = suppressNearModes(modes, [4, 9], 2, 0.5);

    expect(Array.from(intensities)).toEqual([9]);
  });
});
