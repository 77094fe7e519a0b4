import { describe, expect, it } from 'vitest';

import { Random } from './random.js';

describe('Random', () => {
  it('repeats its sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);

    const first = Array.from({ length: 5 }, () => a.nextUint32());
    const second = Array.from({ length: 5 }, () => b.nextUint32());

    expect(first).toEqual(second);
    expect(new Random(43).nextUint32()).not.toBe(first[0]);
  });

  it('draws uniform floats in [0, 1) with the right mean', () => {
    const random = new Random(1);

    const values = Array.from({ length: 20_000 }, () => random.next());

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    // The standard error of the mean is 0.29 / sqrt(20000) ≈ 0.002.
    expect(mean).toBeCloseTo(0.5, 2);
  });

  it('draws normals with the requested mean and variance', () => {
    const random = new Random(7);

    const values = Array.from({ length: 40_000 }, () => random.normal(3, 2));

    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance =
      values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    // Standard errors: 0.01 for the mean, about 0.03 for the variance.
    expect(Math.abs(mean - 3)).toBeLessThan(0.04);
    expect(Math.abs(variance - 4)).toBeLessThan(0.12);
  });

  it('draws integers below the limit, each about equally often', () => {
    const random = new Random(3);
    const counts = new Array<number>(6).fill(0);

    for (let i = 0; i < 60_000; i++) counts[random.integer(6)]! += 1;

    for (const count of counts) {
      expect(Math.abs(count - 10_000)).toBeLessThan(400);
    }
  });

  it('samples distinct indices and shuffles a permutation', () => {
    const random = new Random(5);

    const sample = Array.from(random.sampleIndices(100, 30));
    const shuffled = random.shuffle([0, 1, 2, 3, 4, 5, 6, 7]);

    expect(new Set(sample).size).toBe(30);
    expect(sample.every((i) => i >= 0 && i < 100)).toBe(true);
    expect([...shuffled].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects a seed that is not a 32-bit unsigned integer', () => {
    expect(() => new Random(-1)).toThrow(
      new RangeError('Random: seed must be an integer in [0, 2^32), got -1.'),
    );
    expect(() => new Random(1.5)).toThrow(RangeError);
  });
});
