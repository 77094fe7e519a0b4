import { describe, expect, it } from 'vitest';

import { assignLabels } from './assign-labels.js';
import { mergeModes } from './merge-modes.js';

describe('mergeModes', () => {
  it('merges modes closer than the radius, largest cluster first', () => {
    const points = Float32Array.of(0, 0, 5, 5, 0.1, 0, 5, 5.2, 0, 0.1);

    const { centers, sizes } = mergeModes(points, 2, 1);

    expect(Array.from(sizes)).toEqual([3, 2]);
    expect(centers[0]).toBeCloseTo(0.1 / 3, 6);
    expect(centers[1]).toBeCloseTo(0.1 / 3, 6);
    expect(centers[2]).toBeCloseTo(5, 6);
    expect(centers[3]).toBeCloseTo(5.1, 6);
  });

  it('keeps modes apart that are farther than the radius', () => {
    expect(mergeModes(Float32Array.of(0, 2.5, 5), 1, 2).sizes).toHaveLength(3);
  });
});

describe('assignLabels', () => {
  it('labels each point with its nearest centre', () => {
    const labels = assignLabels(
      Float32Array.of(0, 4.9, 5.1, 10),
      Float32Array.of(0, 10),
      1,
    );

    expect(Array.from(labels)).toEqual([0, 0, 1, 1]);
  });
});
