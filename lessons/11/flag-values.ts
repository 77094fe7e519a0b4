// Reads the string flags a lesson part declares, with the runner's error
// format: `lesson: --<flag> must <rule>, got <value>.`
type Values = Record<string, string | boolean>;

function fail(name: string, rule: string, text: unknown): never {
  throw new RangeError(
    `lesson: --${name} must ${rule}, got ${JSON.stringify(text)}.`,
  );
}

/** An integer flag ≥ `min`. */
export function readInteger(values: Values, name: string, min: number): number {
  const text = values[name];
  const value = Number(text);
  if (
    typeof text !== 'string' ||
    text.trim() === '' ||
    !Number.isInteger(value) ||
    value < min
  ) {
    fail(name, `be an integer >= ${min}`, text);
  }
  return value;
}

/** A finite number flag (> 0 unless `allowZero`). */
export function readNumber(values: Values, name: string): number {
  const text = values[name];
  const value = Number(text);
  if (
    typeof text !== 'string' ||
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value <= 0
  ) {
    fail(name, 'be a number > 0', text);
  }
  return value;
}

/** A tolerance: a number ≥ 0, or "auto". */
export function readTolerance(values: Values, name: string): number | 'auto' {
  const text = values[name];
  if (text === 'auto') return 'auto';
  const value = Number(text);
  if (
    typeof text !== 'string' ||
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < 0
  ) {
    fail(name, 'be a number >= 0 or "auto"', text);
  }
  return value;
}

/**
 * A list of indices and ranges such as `0-4,7`, each in [0, `limit`); the
 * empty string means every index.
 */
export function readIndexList(
  values: Values,
  name: string,
  limit: number,
): number[] {
  const text = values[name];
  if (text === '') return Array.from({ length: limit }, (_, i) => i);
  const indices = new Set<number>();
  for (const part of String(text).split(',')) {
    const bounds = part
      .split('-')
      .map((t) => (t.trim() === '' ? NaN : Number(t)));
    const low = bounds[0] ?? NaN;
    const high = bounds[1] ?? low;
    if (
      bounds.length > 2 ||
      !Number.isInteger(low) ||
      !Number.isInteger(high) ||
      low < 0 ||
      high >= limit ||
      low > high
    ) {
      fail(name, `list indices or ranges within 0-${limit - 1}`, text);
    }
    for (let i = low; i <= high; i++) indices.add(i);
  }
  return [...indices].sort((a, b) => a - b);
}

/** The `--clip` flag: a gradient clipping scope of `@lesson11/memnn`. */
export function readClip(values: Values): 'perMatrix' | 'spectral' | 'global' {
  const text = values['clip'];
  if (text !== 'perMatrix' && text !== 'spectral' && text !== 'global') {
    fail('clip', 'be perMatrix, spectral or global', text);
  }
  return text;
}

/** The `--pe-length` flag: J of position encoding in `@lesson11/memnn`. */
export function readPeLength(values: Values): 'sentence' | 'padded' {
  const text = values['pe-length'];
  if (text !== 'sentence' && text !== 'padded') {
    fail('pe-length', 'be sentence or padded', text);
  }
  return text;
}

/** The `--pe-form` flag: the form of position encoding in `@lesson11/memnn`. */
export function readPeForm(values: Values): 'paper' | 'centred' {
  const text = values['pe-form'];
  if (text !== 'paper' && text !== 'centred') {
    fail('pe-form', 'be paper or centred', text);
  }
  return text;
}

/** --empty-slots: masked or nil. */
export function readEmptySlots(values: Values): 'masked' | 'nil' {
  const text = values['empty-slots'];
  if (text !== 'masked' && text !== 'nil') {
    fail('empty-slots', 'be masked or nil', text);
  }
  return text;
}

/** A number flag in [0, 1]. */
export function readFraction(values: Values, name: string): number {
  const text = values[name];
  const value = Number(text);
  if (
    typeof text !== 'string' ||
    text.trim() === '' ||
    !(value >= 0 && value <= 1)
  ) {
    fail(name, 'be a number from 0 to 1', text);
  }
  return value;
}
