import { describe, expect, it } from 'vitest';

import { adjustedRandIndex } from './adjusted-rand-index.js';

describe('adjustedRandIndex', () => {
  it('is 1 for the same grouping under other label values', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [7, 7, -1, -1, 3])).toBe(1);
  });

  it('matches scikit-learn 1.2.1 adjusted_rand_score on hand cases', () => {
    // Values printed by sklearn.metrics.adjusted_rand_score (Debian 1.2.1).
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(
      0.5714285714285714,
      12,
    );
    expect(
      adjustedRandIndex([0, 0, 0, 1, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2, 2, 2]),
    ).toBeCloseTo(0.18181818181818182, 12);
    expect(adjustedRandIndex([0, 1, 2, 3], [0, 0, 0, 0])).toBe(0);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(
      new RangeError(
        'adjustedRandIndex: labelsPredicted must have the length of labelsTrue (2 > 0), got 1.',
      ),
    );
  });
});
