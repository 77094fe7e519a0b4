import { formatValue, optionError } from '@lesson11/tensor';
import type { OptionRule } from '@lesson11/tensor';
import type { RgbaImage } from './image.js';

/** A colour: three finite numbers in 0–255. */
export const COLOR_RULE: OptionRule = {
  must: 'be [r, g, b] with each channel a number in 0-255',
  kind: 'type',
  test: (value) =>
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((c) => typeof c === 'number' && c >= 0 && c <= 255),
};

/** An axis range `[min, max]` of finite numbers with min < max, or null. */
export const RANGE_RULE: OptionRule = {
  must: 'be null or [min, max] with finite numbers and min < max',
  kind: 'range',
  test: (value) =>
    value === null ||
    (Array.isArray(value) &&
      value.length === 2 &&
      Number.isFinite(value[0]) &&
      Number.isFinite(value[1]) &&
      (value[0] as number) < (value[1] as number)),
};

/** A string, possibly empty. */
export const STRING_RULE: OptionRule = {
  must: 'be a string',
  kind: 'type',
  test: (value) => typeof value === 'string',
};

/** Throws the house error unless `value` is a colour. */
export function checkColor(fn: string, field: string, value: unknown): void {
  if (!COLOR_RULE.test(value)) {
    throw optionError(fn, field, COLOR_RULE, value);
  }
}

/** Whether a value can be read like an array of numbers. */
export function isArrayLike(value: unknown): value is ArrayLike<number> {
  return (
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    typeof (value as ArrayLike<number>).length === 'number'
  );
}

/** Throws a TypeError unless `value` is an array or typed array. */
export function checkArrayLike(
  fn: string,
  field: string,
  value: unknown,
): asserts value is ArrayLike<number> {
  if (!isArrayLike(value)) {
    throw new TypeError(
      `${fn}: ${field} must be an array or typed array of numbers, ` +
        `got ${formatValue(value)}.`,
    );
  }
}

/** Throws a RangeError unless an array has the expected length. */
export function checkLength(
  fn: string,
  field: string,
  value: ArrayLike<number>,
  expected: number,
  because: string,
): void {
  if (value.length !== expected) {
    throw new RangeError(
      `${fn}: ${field} must have length ${expected} (${because}), ` +
        `got ${value.length}.`,
    );
  }
}

/** Throws a TypeError unless `value` looks like an `RgbaImage`. */
export function checkImage(fn: string, field: string, value: unknown): void {
  const image = value as RgbaImage;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger(image.width) &&
    Number.isInteger(image.height) &&
    image.width > 0 &&
    image.height > 0 &&
    image.data instanceof Uint8ClampedArray &&
    image.data.length === image.width * image.height * 4;
  if (!valid) {
    throw new TypeError(
      `${fn}: ${field} must be an RgbaImage {width, height, data} with ` +
        `data.length = width * height * 4, got ${formatValue(describe(value))}.`,
    );
  }
}

function describe(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const { width, height, data } = value as Partial<RgbaImage>;
  return { width, height, dataLength: data?.length };
}
