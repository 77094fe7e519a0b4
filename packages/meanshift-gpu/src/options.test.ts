import { describe, expect, it } from 'vitest';

import { MEAN_SHIFT_DEFAULTS, resolveMeanShiftOptions } from './options.js';

describe('resolveMeanShiftOptions', () => {
  it('keeps its defaults', () => {
    const { logger: _logger, ...rest } = MEAN_SHIFT_DEFAULTS;
    expect(rest).toMatchInlineSnapshot(`
      {
        "bandwidth": 2.5,
        "batchSize": 500,
        "engine": "auto",
        "maxIterations": 300,
        "mergeRadius": "auto",
        "neighborIndex": undefined,
        "neighbors": 50,
        "onProgress": undefined,
        "tolerance": "auto",
        "update": "inPlace",
      }
    `);
  });

  it('resolves "auto" from the bandwidth', () => {
    const resolved = resolveMeanShiftOptions({ bandwidth: 4 });

    expect(resolved.tolerance).toBeCloseTo(4e-3, 12);
    expect(resolved.mergeRadius).toBe(4);
  });

  it('names a bad update mode and a bad batch size', () => {
    expect(() =>
      resolveMeanShiftOptions({ update: 'jacobi' as never }),
    ).toThrow(
      new RangeError(
        'meanShift: update must be one of "inPlace", "blurring", "nonBlurring", got "jacobi".',
      ),
    );
    expect(() => resolveMeanShiftOptions({ batchSize: 0.5 })).toThrow(
      new RangeError('meanShift: batchSize must be an integer >= 1, got 0.5.'),
    );
    expect(() => resolveMeanShiftOptions({ tolerance: -1 })).toThrow(
      new RangeError(
        'meanShift: tolerance must be a finite number >= 0, or "auto", got -1.',
      ),
    );
  });
});
