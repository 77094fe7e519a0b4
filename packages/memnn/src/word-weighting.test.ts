import { describe, expect, it } from 'vitest';

import { resolveMemN2NConfig } from './config.js';
import { centredPositionWeight } from './position-encoding.js';
import {
  temporalWeights,
  wordWeight,
  wordWeighting,
} from './word-weighting.js';

const at = (w: { constant: number; slope: number }, k: number): number =>
  w.constant + w.slope * k;

describe('wordWeighting', () => {
  const base = { vocabularySize: 10, memorySize: 5 };

  it('resolves the form and, for centred, J = longest row + 1', () => {
    expect(
      wordWeighting(
        resolveMemN2NConfig({ ...base, positionEncoding: false }),
        6,
        4,
      ),
    ).toEqual({ form: 'bag' });
    expect(wordWeighting(resolveMemN2NConfig(base), 6, 4)).toEqual({
      form: 'paper',
      padded: false,
    });
    expect(
      wordWeighting(
        resolveMemN2NConfig({ ...base, positionEncodingForm: 'centred' }),
        6,
        8,
      ),
    ).toEqual({ form: 'centred', length: 9 });
  });
});

describe('wordWeight', () => {
  it('gives the paper form worked by hand (J = 3 words, d = 2)', () => {
    // (1 − 1/3) − (k/2)(1 − 2/3): k = 1 → 1/2, k = 2 → 1/3.
    const w = wordWeight({ form: 'paper', padded: false }, 1, 3, 7, 2);
    expect(at(w, 1)).toBeCloseTo(0.5, 12);
    expect(at(w, 2)).toBeCloseTo(1 / 3, 12);
    // padded: J is the row's 7 places, not its 3 words.
    const padded = wordWeight({ form: 'paper', padded: true }, 7, 3, 7, 2);
    expect(at(padded, 1)).toBeCloseTo(0.5, 12);
    expect(at(padded, 2)).toBeCloseTo(1, 12);
  });

  it('gives the centred form worked by hand (J = 4, d = 2)', () => {
    // 1 + 4(k − 1.5)(1 − 2.5)/8: k = 1 → 1.375, k = 2 → 0.625.
    const w = wordWeight({ form: 'centred', length: 4 }, 1, 2, 3, 2);
    expect(at(w, 1)).toBeCloseTo(1.375, 12);
    expect(at(w, 2)).toBeCloseTo(0.625, 12);
  });

  it('rebuilds centredPositionWeight as constant + slope · k at every j, k', () => {
    const J = 7;
    const d = 5;
    for (let j = 1; j <= J; j++) {
      const w = wordWeight({ form: 'centred', length: J }, j, 3, 6, d);
      for (let k = 1; k <= d; k++) {
        expect(at(w, k)).toBeCloseTo(centredPositionWeight(j, J, k, d), 12);
      }
    }
  });

  it('weights every word 1 in a bag of words', () => {
    expect(wordWeight({ form: 'bag' }, 3, 4, 6, 5)).toEqual({
      constant: 1,
      slope: 0,
    });
  });
});

describe('temporalWeights', () => {
  it('is column J of the centred form (J = 4, d = 2: 0.625, 1.375)', () => {
    const weights = temporalWeights({ form: 'centred', length: 4 }, 2);
    expect(weights).not.toBeNull();
    expect(weights?.[0]).toBeCloseTo(0.625, 6);
    expect(weights?.[1]).toBeCloseTo(1.375, 6);
  });

  it('is null (weight 1) for the other forms', () => {
    expect(temporalWeights({ form: 'bag' }, 3)).toBeNull();
    expect(temporalWeights({ form: 'paper', padded: true }, 3)).toBeNull();
  });
});
