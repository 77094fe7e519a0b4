import { describe, expect, it } from 'vitest';

import { checkMetrics, parseCheckFile } from './check-metrics.js';

describe('checkMetrics', () => {
  const metrics = {
    clustersFound: 6,
    adjustedRandIndex: 0.995,
    sizes: [250, 250],
    nested: { error: 0.2 },
  };

  it('passes values that meet equals, bounds and approx', () => {
    const results = checkMetrics(metrics, {
      clustersFound: { equals: 6 },
      adjustedRandIndex: { min: 0.99 },
      sizes: { equals: [250, 250] },
      'sizes.1': { min: 200, max: 300 },
      'nested.error': { approx: 0.21, tolerance: 0.02 },
    });

    expect(results.every((r) => r.passed)).toBe(true);
  });

  it('fails a value out of bounds, a wrong value and a missing one', () => {
    const results = checkMetrics(metrics, {
      adjustedRandIndex: { min: 0.999 },
      clustersFound: { equals: 5 },
      missing: { max: 1 },
      'nested.error': { approx: 0.1, tolerance: 0.05 },
    });

    expect(results.map((r) => r.passed)).toEqual([false, false, false, false]);
    expect(results[0]).toEqual({
      path: 'adjustedRandIndex',
      passed: false,
      actual: 0.995,
      expected: '>= 0.999',
    });
  });
});

describe('parseCheckFile', () => {
  it('reads args and expectations', () => {
    const file = parseCheckFile(
      '{"args": ["--seed", "1"], "metrics": {"a": {"min": 0}}}',
      'x.check.json',
    );

    expect(file.args).toEqual(['--seed', '1']);
  });

  it('names the file and the bad expectation', () => {
    expect(() =>
      parseCheckFile(
        '{"args": [], "metrics": {"a": {"atLeast": 1}}}',
        'x.check.json',
      ),
    ).toThrow(
      new TypeError(
        'lesson:check: x.check.json: metrics.a must be {equals}, {min, max} or' +
          ' {approx, tolerance}, got {"atLeast":1}.',
      ),
    );
    expect(() => parseCheckFile('{', 'y.check.json')).toThrow(
      new TypeError('lesson:check: y.check.json must be JSON.'),
    );
  });
});
