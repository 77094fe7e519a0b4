import { formatShape, formatValue } from './format-value.js';

/** Points as one row-major float32 buffer. */
export interface PointMatrix {
  /** Row-major `[rows, columns]` coordinates. */
  data: Float32Array;
  rows: number;
  columns: number;
}

/** What the algorithms accept as points: rows of numbers, or a matrix. */
export type PointsInput = ArrayLike<ArrayLike<number>> | PointMatrix;

function isPointMatrix(input: unknown): input is PointMatrix {
  return (
    typeof input === 'object' &&
    input !== null &&
    'data' in input &&
    'rows' in input &&
    'columns' in input
  );
}

/**
 * Checks points at a public boundary and returns them as a float32 matrix.
 *
 * Rows of numbers are copied; a {@link PointMatrix} is checked and returned
 * as it is (NOTE: its buffer is shared, not copied).
 *
 * @param functionName - The exported name used in error messages.
 * @param input - Rows of coordinates, or a matrix.
 * @param field - The field name used in error messages.
 * @returns The points as a matrix.
 * @throws TypeError when the input is not rows of numbers; RangeError when
 *   it is empty, ragged, or holds NaN or an infinite coordinate.
 */
export function toPointMatrix(
  functionName: string,
  input: PointsInput,
  field = 'points',
): PointMatrix {
  if (isPointMatrix(input)) {
    return checkMatrix(functionName, input, field);
  }
  if (
    typeof input !== 'object' ||
    input === null ||
    typeof input.length !== 'number'
  ) {
    throw new TypeError(
      `${functionName}: ${field} must be an array of points, got ${formatValue(input)}.`,
    );
  }
  const rows = input.length;
  const first = input[0];
  if (rows === 0 || first === undefined || first.length === 0) {
    throw new RangeError(
      `${functionName}: ${field} must hold at least one point with at least ` +
        `one coordinate, got ${formatValue(rows === 0 ? [] : [first])}.`,
    );
  }
  const columns = first.length;
  const data = new Float32Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const row = input[i];
    if (row === undefined || typeof row.length !== 'number') {
      throw new TypeError(
        `${functionName}: ${field}[${i}] must be an array of numbers, got ${formatValue(row)}.`,
      );
    }
    if (row.length !== columns) {
      throw new RangeError(
        `${functionName}: ${field}[${i}] must have ${columns} coordinates ` +
          `like ${field}[0], got ${row.length}.`,
      );
    }
    for (let j = 0; j < columns; j++) {
      const value = row[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new RangeError(
          `${functionName}: ${field}[${i}][${j}] must be a finite number, ` +
            `got ${formatValue(value)}.`,
        );
      }
      data[i * columns + j] = value;
    }
  }
  return { data, rows, columns };
}

function checkMatrix(
  functionName: string,
  matrix: PointMatrix,
  field: string,
): PointMatrix {
  const { data, rows, columns } = matrix;
  if (!(data instanceof Float32Array)) {
    throw new TypeError(
      `${functionName}: ${field}.data must be a Float32Array, got ${formatValue(data)}.`,
    );
  }
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(columns) ||
    rows < 1 ||
    columns < 1 ||
    data.length !== rows * columns
  ) {
    throw new RangeError(
      `${functionName}: ${field} must have rows × columns = data.length with ` +
        `both ≥ 1, got shape ${formatShape([rows, columns])} and ` +
        `data.length ${data.length}.`,
    );
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      const i = Math.floor(k / columns);
      throw new RangeError(
        `${functionName}: ${field}[${i}][${k - i * columns}] must be a finite ` +
          `number, got ${formatValue(data[k])}.`,
      );
    }
  }
  return matrix;
}
