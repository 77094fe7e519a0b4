import { describe, expect, it } from 'vitest';

import { toPointMatrix } from './point-matrix.js';

describe('toPointMatrix', () => {
  it('packs rows into a row-major float32 matrix', () => {
    const matrix = toPointMatrix('f', [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);

    expect(matrix.rows).toBe(3);
    expect(matrix.columns).toBe(2);
    expect(Array.from(matrix.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names the empty, ragged and non-finite inputs', () => {
    expect(() => toPointMatrix('meanShift', [])).toThrow(
      new RangeError(
        'meanShift: points must hold at least one point with at least one coordinate, got [].',
      ),
    );
    expect(() => toPointMatrix('meanShift', [[1, 2], [3]])).toThrow(
      new RangeError(
        'meanShift: points[1] must have 2 coordinates like points[0], got 1.',
      ),
    );
    expect(() =>
      toPointMatrix('meanShift', [
        [1, 2],
        [3, Number.NaN],
      ]),
    ).toThrow(
      new RangeError(
        'meanShift: points[1][1] must be a finite number, got NaN.',
      ),
    );
    expect(() =>
      toPointMatrix('meanShift', {
        data: Float32Array.of(1, Infinity),
        rows: 1,
        columns: 2,
      }),
    ).toThrow(
      new RangeError(
        'meanShift: points[0][1] must be a finite number, got Infinity.',
      ),
    );
  });

  it('checks that a matrix shape matches its data', () => {
    expect(() =>
      toPointMatrix('f', { data: new Float32Array(5), rows: 2, columns: 2 }),
    ).toThrow(
      new RangeError(
        'f: points must have rows × columns = data.length with both ≥ 1, got' +
          ' shape [2, 2] and data.length 5.',
      ),
    );
  });
});
