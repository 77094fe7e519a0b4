import { describe, expect, it } from 'vitest';
import { formatTick, niceTicks } from './nice-ticks.js';

describe('niceTicks', () => {
  it.each([
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1], 0.2],
    [0, 10, 5, [0, 2, 4, 6, 8, 10], 2],
    [0.001, 0.0042, 4, [0.001, 0.002, 0.003, 0.004], 0.001],
    [-1e6, 1e6, 4, [-1e6, -5e5, 0, 5e5, 1e6], 5e5],
    [17, 93, 3, [20, 40, 60, 80], 20],
  ])(
    'picks steps of 1, 2 or 5 for [%d, %d]',
    (min, max, count, values, step) => {
      const ticks = niceTicks(min, max, count);

      expect(ticks.step).toBeCloseTo(step, 12);
      expect(ticks.values).toEqual(values);
      expect(ticks.values.every((v) => v >= min && v <= max)).toBe(true);
    },
  );

  it('returns ticks free of float noise', () => {
    expect(niceTicks(0.1, 0.35, 5).values).toEqual([
      0.1, 0.15, 0.2, 0.25, 0.3, 0.35,
    ]);
  });

  it('covers a negative range with exact multiples of the step', () => {
    expect(niceTicks(-3.7, 12.2, 5).values).toEqual([
      -2, 0, 2, 4, 6, 8, 10, 12,
    ]);
  });

  it('rejects min >= max and NaN with the full message', () => {
    expect(() => niceTicks(1, 1)).toThrow(
      new RangeError(
        'niceTicks: max must be a finite number > min (1), got 1.',
      ),
    );
    expect(() => niceTicks(NaN, 1)).toThrow(
      new RangeError('niceTicks: min must be a finite number, got NaN.'),
    );
  });
});

describe('formatTick', () => {
  it('prints as many decimals as the step needs', () => {
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(0.4, 0.2)).toBe('0.4');
    expect(formatTick(40, 20)).toBe('40');
    expect(formatTick(0, 0.2)).toBe('0.0');
    expect(formatTick(-0, 1)).toBe('0');
  });

  it('uses exponents for large magnitudes and tiny steps', () => {
    expect(formatTick(1.5e7, 5e6)).toBe('1.5e+7');
    expect(formatTick(3e-5, 1e-5)).toBe('3e-5');
  });
});
