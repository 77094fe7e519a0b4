import { describe, expect, it } from 'vitest';

import { buildBucketTable, findBucket } from './bucket-table.js';
import { positionsNeeded, probeTemplate, sortSlots } from './probe-sequence.js';

describe('probeTemplate', () => {
  it('starts with the nearest boundary, then the next, then both', () => {
    const template = probeTemplate(8, 4, true);

    expect(template.slice(0, 3)).toEqual([[0], [1], [0, 1]]);
  });

  it('never repeats a set and keeps positions ascending', () => {
    const template = probeTemplate(12, 60, true);

    const keys = template.map((set) => set.join(','));
    expect(new Set(keys).size).toBe(60);
    for (const set of template) {
      expect([...set].sort((a, b) => a - b)).toEqual(set);
    }
  });

  it('says how many sorted positions its sets read', () => {
    expect(positionsNeeded([[0], [1], [0, 1], [2]])).toBe(3);
  });

  it('gives at most 2^slots − 1 sets', () => {
    expect(probeTemplate(3, 100, false)).toHaveLength(7);
  });
});

describe('sortSlots', () => {
  it('orders slots by distance', () => {
    const order = new Int32Array(4);

    sortSlots(Float64Array.from([0.4, 0.1, 0.9, 0.2]), order);

    expect(Array.from(order)).toEqual([1, 3, 0, 2]);
  });

  it('finds only the nearest few when fewer are needed', () => {
    const order = new Int32Array(5).fill(-1);

    sortSlots(Float64Array.from([0.4, 0.1, 0.9, 0.2, 0.05]), order, 2);

    expect(Array.from(order.subarray(0, 2))).toEqual([4, 1]);
  });
});

describe('buildBucketTable', () => {
  it('groups points by key and finds buckets', () => {
    const table = buildBucketTable(Uint32Array.from([7, 3, 7, 2 ** 32 - 1, 3]));

    expect(Array.from(table.keys)).toEqual([3, 7, 2 ** 32 - 1]);
    const bucket = findBucket(table, 7);
    expect(
      Array.from(
        table.ids.subarray(table.starts[bucket], table.starts[bucket + 1]),
      ),
    ).toEqual([0, 2]);
    expect(findBucket(table, 5)).toBe(-1);
  });
});
