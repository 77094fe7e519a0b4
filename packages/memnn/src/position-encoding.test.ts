import { describe, expect, it } from 'vitest';

import {
  centredPositionWeight,
  positionEncoding,
  positionWeight,
} from './position-encoding.js';

describe('positionEncoding', () => {
  it('matches l_kj = (1 − j/J) − (k/d)(1 − 2j/J) worked by hand', () => {
    // J = 3, d = 4: (j=1, k=1) 2/3 − 1/12 = 7/12; (j=2, k=2) 1/3 + 1/6 = 1/2;
    // (j=3, k=4) 0 − 1·(1 − 2) = 1; (j=1, k=4) 2/3 − 1/3 = 1/3.
    const table = positionEncoding(3, 4);

    expect(table).toHaveLength(12);
    expect(table[0]).toBeCloseTo(7 / 12, 6);
    expect(table[1 * 4 + 1]).toBeCloseTo(0.5, 6);
    expect(table[2 * 4 + 3]).toBeCloseTo(1, 6);
    expect(table[3]).toBeCloseTo(1 / 3, 6);
    expect(Array.from(positionEncoding(2, 2))).toEqual([0.5, 0.5, 0.5, 1]);
  });

  it('gives one word the weights (k/d) of its coordinates', () => {
    expect(positionWeight(1, 1, 1, 4)).toBeCloseTo(0.25, 12);
    expect(positionWeight(1, 1, 4, 4)).toBeCloseTo(1, 12);
  });

  it('rejects a length of 0 with the full message', () => {
    expect(() => positionEncoding(0, 4)).toThrow(
      'positionEncoding: sentenceLength must be an integer >= 1, got 0.',
    );
  });

  it("gives the authors' centred form worked by hand, 1 on average", () => {
    // J = 3, d = 4: l_kj = 1 + 4 (k − 2.5)(j − 2)/12.
    // (j=1, k=1) 1 + 4·(−1.5)(−1)/12 = 1.5; (j=3, k=1) 0.5; (j=2, k) 1.
    expect(centredPositionWeight(1, 3, 1, 4)).toBeCloseTo(1.5, 12);
    expect(centredPositionWeight(3, 3, 1, 4)).toBeCloseTo(0.5, 12);
    expect(centredPositionWeight(2, 3, 3, 4)).toBeCloseTo(1, 12);
    let sum = 0;
    for (let k = 1; k <= 4; k++) sum += centredPositionWeight(1, 3, k, 4);
    expect(sum / 4).toBeCloseTo(1, 12);
  });
});
