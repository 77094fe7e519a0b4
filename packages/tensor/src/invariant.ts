/**
 * Throws when a state that should be impossible happens. For internal checks
 * only: bad input from a caller gets a `TypeError` or `RangeError` at the
 * public boundary instead.
 */
export function invariant(
  condition: unknown,
  message: () => string,
): asserts condition {
  if (!condition) {
    throw new Error(`invariant failed: ${message()}`);
  }
}

/** Ends an exhaustive `switch`; the message quotes the value that got here. */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
