const MAX_VALUE_CHARS = 60;

/**
 * Shows a value the way error messages do: as JSON cut to 60 characters, with
 * the numbers JSON cannot spell (NaN, ±Infinity) and `undefined` written out.
 */
export function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    text = String(value);
  } else if (value === undefined) {
    text = 'undefined';
  } else if (typeof value === 'bigint') {
    text = `${value}n`;
  } else if (typeof value === 'function') {
    text = `[function ${value.name || 'anonymous'}]`;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_VALUE_CHARS
    ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…`
    : text;
}

/** Writes a shape as `[n, d]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
