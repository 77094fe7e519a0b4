import { formatShape, formatValue, toPointMatrix } from '@lesson11/tensor';
import type { PointMatrix, PointsInput } from '@lesson11/tensor';

/**
 * Checks a batch of queries against an index of `dimensions` columns.
 *
 * @throws TypeError or RangeError for points that are not a matrix, and
 *   RangeError naming both shapes when the dimensions differ.
 */
export function checkQueries(
  functionName: string,
  queries: PointsInput,
  dimensions: number,
): PointMatrix {
  const matrix = toPointMatrix(functionName, queries, 'queries');
  if (matrix.columns !== dimensions) {
    throw new RangeError(
      `${functionName}: queries must have ${dimensions} columns like the ` +
        `index, got shape ${formatShape([matrix.rows, matrix.columns])}.`,
    );
  }
  return matrix;
}

/** Checks k against the number of indexed points. */
export function checkK(functionName: string, k: number, size: number): void {
  if (!Number.isInteger(k) || k < 1 || k > size) {
    throw new RangeError(
      `${functionName}: k must be an integer in [1, ${size}] (the number of ` +
        `indexed points), got ${formatValue(k)}.`,
    );
  }
}

/** Checks a query radius. */
export function checkRadius(functionName: string, radius: number): void {
  if (typeof radius !== 'number' || !Number.isFinite(radius) || radius <= 0) {
    throw new RangeError(
      `${functionName}: radius must be a finite number > 0, ` +
        `got ${formatValue(radius)}.`,
    );
  }
}

/**
 * Copies rows scaled to unit length, so that squared Euclidean distance
 * between them is 2 · (1 − cos θ). A zero row stays zero.
 */
export function normalizeRows(matrix: PointMatrix): PointMatrix {
  const { rows, columns } = matrix;
  const data = new Float32Array(matrix.data);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = i * columns; j < (i + 1) * columns; j++) {
      sum += (data[j] as number) ** 2;
    }
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let j = i * columns; j < (i + 1) * columns; j++) {
      data[j] = (data[j] as number) * scale;
    }
  }
  return { data, rows, columns };
}
