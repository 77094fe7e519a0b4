import { describe, expect, it } from 'vitest';

import { makeBlobs, MAKE_BLOBS_DEFAULTS } from './make-blobs.js';

describe('makeBlobs', () => {
  it('keeps its defaults: the lesson 11 notebook data', () => {
    expect(MAKE_BLOBS_DEFAULTS).toMatchInlineSnapshot(`
      {
        "clusters": 6,
        "dimensions": 2,
        "pointsPerCluster": 250,
        "seed": 0,
        "spread": 35,
        "variance": 5,
      }
    `);
  });

  it('draws clusters in order around centroids inside the spread', () => {
    const blobs = makeBlobs({ clusters: 3, pointsPerCluster: 400, seed: 9 });

    expect(blobs.points).toHaveLength(3 * 400 * 2);
    expect(Array.from(blobs.labels.slice(398, 402))).toEqual([0, 0, 1, 1]);
    for (const c of blobs.centroids)
      expect(Math.abs(c)).toBeLessThanOrEqual(35);
    const xs: number[] = [];
    for (let i = 400; i < 800; i++) xs.push(blobs.points[2 * i]!);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length;
    // Mean within 4 standard errors (sqrt(5/400) ≈ 0.11); variance near 5.
    expect(Math.abs(mean - blobs.centroids[2]!)).toBeLessThan(0.45);
    expect(variance).toBeGreaterThan(4);
    expect(variance).toBeLessThan(6);
  });

  it('gives the same points for the same seed and others for another', () => {
    const a = makeBlobs({ seed: 1 });
    const b = makeBlobs({ seed: 1 });
    const c = makeBlobs({ seed: 2 });

    expect(a.points).toEqual(b.points);
    expect(a.points[0]).not.toBe(c.points[0]);
  });

  it('names the field and the value of a bad option', () => {
    expect(() => makeBlobs({ clusters: 0 })).toThrow(
      new RangeError('makeBlobs: clusters must be an integer >= 1, got 0.'),
    );
    expect(() => makeBlobs({ variance: Number.NaN })).toThrow(
      new RangeError(
        'makeBlobs: variance must be a finite number >= 0, got NaN.',
      ),
    );
  });
});
