import { describe, expect, it } from 'vitest';

import type { KnnResult, RadiusResult } from './neighbor-index.js';
import { radiusRecall, recallAtK } from './recall.js';

function knn(rows: number[][]): KnnResult {
  const k = rows[0]!.length;
  return {
    rows: rows.length,
    k,
    indices: Int32Array.from(rows.flat()),
    distances: new Float32Array(rows.length * k),
    candidatesChecked: 0,
  };
}

function radius(rows: number[][]): RadiusResult {
  const offsets = [0];
  for (const row of rows) offsets.push(offsets.at(-1)! + row.length);
  return {
    rows: rows.length,
    offsets: Int32Array.from(offsets),
    indices: Int32Array.from(rows.flat()),
    distances: new Float32Array(offsets.at(-1)!),
    candidatesChecked: 0,
  };
}

describe('recallAtK', () => {
  it('counts shared neighbours regardless of order', () => {
    const exact = knn([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const approx = knn([
      [3, 2, 9],
      [-1, -1, -1],
    ]);

    expect(recallAtK(approx, exact)).toBeCloseTo(2 / 6, 12);
    expect(recallAtK(exact, exact)).toBe(1);
  });

  it('compares only the first k columns when asked', () => {
    expect(recallAtK(knn([[1, 9, 9]]), knn([[1, 2, 3]]), 1)).toBe(1);
  });

  it('rejects results of different lengths and a k too large', () => {
    expect(() => recallAtK(knn([[1]]), knn([[1], [2]]))).toThrow(
      'recallAtK: approx must have as many rows as exact (2), got 1.',
    );
    expect(() => recallAtK(knn([[1, 2]]), knn([[1, 2]]), 3)).toThrow(
      'recallAtK: k must be an integer in [1, 2], got 3.',
    );
  });
});

describe('radiusRecall', () => {
  it('pools found over true neighbours', () => {
    expect(
      radiusRecall(
        radius([[1], [4]]),
        radius([
          [1, 2],
          [4, 5],
        ]),
      ),
    ).toBe(0.5);
    expect(radiusRecall(radius([[]]), radius([[]]))).toBe(1);
  });
});
