import { formatValue } from './format-value.js';

/**
 * One validation rule for an option: a test and the words that finish the
 * sentence "<field> must …" when the test fails.
 */
export interface OptionRule {
  /** Finishes "must …", e.g. `'be a number > 0'`. */
  readonly must: string;
  /** Whether a wrong value is a wrong type (`TypeError`) or range. */
  readonly kind: 'type' | 'range';
  readonly test: (value: unknown) => boolean;
}

/** A table of rules, one per option field. */
export type OptionRules<T> = { readonly [K in keyof T]-?: OptionRule };

interface NumberBounds {
  /** Smallest value allowed, included unless `minExclusive`. */
  min?: number;
  minExclusive?: boolean;
  /** Largest value allowed, included unless `maxExclusive`. */
  max?: number;
  maxExclusive?: boolean;
  /** Whether `Infinity` is allowed (it means "no limit"). */
  allowInfinity?: boolean;
}

function describeBounds(bounds: NumberBounds): string {
  const parts: string[] = [];
  if (bounds.min !== undefined) {
    parts.push(`${bounds.minExclusive ? '>' : '>='} ${bounds.min}`);
  }
  if (bounds.max !== undefined) {
    parts.push(`${bounds.maxExclusive ? '<' : '<='} ${bounds.max}`);
  }
  return parts.length === 0 ? '' : ` ${parts.join(' and ')}`;
}

function withinBounds(value: number, bounds: NumberBounds): boolean {
  const { min, max } = bounds;
  if (min !== undefined && (bounds.minExclusive ? value <= min : value < min)) {
    return false;
  }
  return !(
    max !== undefined && (bounds.maxExclusive ? value >= max : value > max)
  );
}

/** A finite number (or `Infinity`, when allowed) within the bounds. */
export function numberRule(bounds: NumberBounds = {}): OptionRule {
  const infinity = bounds.allowInfinity ? ' or Infinity' : '';
  return {
    must: `be a finite number${describeBounds(bounds)}${infinity}`,
    kind: 'range',
    test: (value) =>
      typeof value === 'number' &&
      ((bounds.allowInfinity && value === Infinity) ||
        (Number.isFinite(value) && withinBounds(value, bounds))),
  };
}

/** An integer (or `Infinity`, when allowed) within the bounds. */
export function integerRule(bounds: NumberBounds = {}): OptionRule {
  const infinity = bounds.allowInfinity ? ' or Infinity' : '';
  return {
    must: `be an integer${describeBounds(bounds)}${infinity}`,
    kind: 'range',
    test: (value) =>
      typeof value === 'number' &&
      ((bounds.allowInfinity && value === Infinity) ||
        (Number.isInteger(value) && withinBounds(value, bounds))),
  };
}

/** One of a closed set of values. */
export function oneOfRule(values: readonly unknown[]): OptionRule {
  return {
    must: `be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
    kind: 'range',
    test: (value) => values.includes(value),
  };
}

/** A boolean. */
export const BOOLEAN_RULE: OptionRule = {
  must: 'be a boolean',
  kind: 'type',
  test: (value) => typeof value === 'boolean',
};

/** A function, or `undefined` for none. */
export const OPTIONAL_FUNCTION_RULE: OptionRule = {
  must: 'be a function',
  kind: 'type',
  test: (value) => value === undefined || typeof value === 'function',
};

/** Any value: for fields checked elsewhere (e.g. the input itself). */
export const ANY_RULE: OptionRule = {
  must: 'be anything',
  kind: 'type',
  test: () => true,
};

/** The rule, or `null`. */
export function nullableRule(rule: OptionRule): OptionRule {
  return {
    must: `${rule.must}, or null`,
    kind: rule.kind,
    test: (value) => value === null || rule.test(value),
  };
}

/**
 * Builds the house error for a field: `<fn>: <field> must <rule>, got <value>.`
 */
export function optionError(
  functionName: string,
  field: string,
  rule: Pick<OptionRule, 'must' | 'kind'>,
  value: unknown,
  fix?: string,
): TypeError | RangeError {
  const hint = fix === undefined ? '' : ` Try ${fix}.`;
  const message =
    `${functionName}: ${field} must ${rule.must}, ` +
    `got ${formatValue(value)}.${hint}`;
  return rule.kind === 'type'
    ? new TypeError(message)
    : new RangeError(message);
}

/**
 * Merges caller options over frozen defaults and checks every field against
 * its rule. Unknown keys are errors, which catches typos such as `bandwith`.
 *
 * @param functionName - The exported name used in error messages.
 * @param options - What the caller passed; `undefined` fields take defaults.
 * @param defaults - Every field's default (`X_DEFAULTS`).
 * @param rules - One rule per field.
 * @returns A new object with every field set.
 * @throws TypeError when `options` is not an object, a key is unknown or a
 *   field has the wrong type; RangeError when a value is out of range.
 */
export function resolveOptions<T extends object>(
  functionName: string,
  options: Partial<T> | undefined,
  defaults: Readonly<T>,
  rules: OptionRules<T>,
): T {
  if (options === undefined || options === null) {
    options = {};
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(
      `${functionName}: options must be an object, got ${formatValue(options)}.`,
    );
  }
  const known = Object.keys(rules);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(
        `${functionName}: options has an unknown field ${JSON.stringify(key)}. ` +
          `Try one of ${known.join(', ')}.`,
      );
    }
  }
  const resolved = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) {
      resolved[key] = value;
    }
  }
  for (const key of known) {
    const rule = (rules as Record<string, OptionRule>)[key] as OptionRule;
    if (!rule.test(resolved[key])) {
      throw optionError(functionName, key, rule, resolved[key]);
    }
  }
  return resolved as T;
}
