import { describe, expect, it } from 'vitest';

import { labelComponents, largestLabel } from './connected-components.js';

describe('labelComponents', () => {
  it('joins diagonal neighbours (full connectivity) and numbers in raster order', () => {
    const mask = Uint8Array.from([1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1]);

    const { labels, sizes, count } = labelComponents(mask, [1, 3, 4]);

    expect(Array.from(labels)).toEqual([1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 3]);
    expect(sizes).toEqual([8, 2, 1, 1]);
    expect(count).toBe(3);
    expect(largestLabel({ labels, sizes, count })).toBe(1);
    expect(largestLabel({ labels, sizes, count }, 1)).toBe(2);
  });

  it('joins voxels that touch only at a corner across slices (26-connectivity)', () => {
    const mask = new Uint8Array(8);
    mask[0] = 1; // (0, 0, 0)
    mask[7] = 1; // (1, 1, 1)

    expect(labelComponents(mask, [2, 2, 2]).count).toBe(1);
  });

  it('merges a U shape found as two runs first', () => {
    const mask = Uint8Array.from([1, 0, 1, 1, 0, 1, 1, 1, 1]);

    const { labels, count } = labelComponents(mask, [1, 3, 3]);

    expect(count).toBe(1);
    expect(new Set(labels).size).toBe(2);
  });
});
