import { describe, expect, it } from 'vitest';

import {
  BOOLEAN_RULE,
  integerRule,
  numberRule,
  oneOfRule,
  resolveOptions,
} from './option-rules.js';

interface Example {
  size?: number;
  rate?: number;
  mode?: 'a' | 'b';
  flag?: boolean;
}

const DEFAULTS: Required<Example> = Object.freeze({
  size: 3,
  rate: 0.5,
  mode: 'a',
  flag: false,
});

const RULES = {
  size: integerRule({ min: 1, allowInfinity: true }),
  rate: numberRule({ min: 0, minExclusive: true, max: 1 }),
  mode: oneOfRule(['a', 'b']),
  flag: BOOLEAN_RULE,
};

describe('resolveOptions', () => {
  it('fills defaults and keeps given values', () => {
    const resolved = resolveOptions<Example>(
      'demo',
      { size: 7 },
      DEFAULTS,
      RULES,
    );

    expect(resolved).toEqual({ size: 7, rate: 0.5, mode: 'a', flag: false });
  });

  it('accepts Infinity only where the rule allows it', () => {
    expect(
      resolveOptions<Example>('demo', { size: Infinity }, DEFAULTS, RULES).size,
    ).toBe(Infinity);
    expect(() =>
      resolveOptions<Example>('demo', { rate: Infinity }, DEFAULTS, RULES),
    ).toThrow(
      new RangeError(
        'demo: rate must be a finite number > 0 and <= 1, got Infinity.',
      ),
    );
  });

  it('reports an unknown key such as a typo', () => {
    expect(() =>
      resolveOptions<Example>('demo', { sise: 2 } as Example, DEFAULTS, RULES),
    ).toThrow(
      new TypeError(
        'demo: options has an unknown field "sise". Try one of size, rate, mode, flag.',
      ),
    );
  });

  it('uses TypeError for a wrong type and quotes the allowed set', () => {
    expect(() =>
      resolveOptions<Example>(
        'demo',
        { flag: 'yes' as never },
        DEFAULTS,
        RULES,
      ),
    ).toThrow(new TypeError('demo: flag must be a boolean, got "yes".'));
    expect(() =>
      resolveOptions<Example>('demo', { mode: 'c' as never }, DEFAULTS, RULES),
    ).toThrow(new RangeError('demo: mode must be one of "a", "b", got "c".'));
  });
});
