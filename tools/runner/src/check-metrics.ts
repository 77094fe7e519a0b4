import type { MetricValue } from './lesson-definition.js';

/** What one metric must satisfy. */
export type MetricExpectation =
  | { equals: MetricValue }
  | { min?: number; max?: number }
  | { approx: number; tolerance: number };

/** A lesson part's committed expectations: `<slug>.check.json`. */
export interface CheckFile {
  /** Flags of the quick configuration the check runs. */
  args: string[];
  /** Expectations by dotted path into `metrics.json`. */
  metrics: Record<string, MetricExpectation>;
}

/** One compared metric. */
export interface MetricCheck {
  path: string;
  passed: boolean;
  actual: MetricValue | undefined;
  expected: string;
}

function lookup(
  metrics: Record<string, MetricValue>,
  path: string,
): MetricValue | undefined {
  let value: MetricValue | undefined = metrics;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value)
      ? value[Number(key)]
      : (value as Record<string, MetricValue>)[key];
  }
  return value;
}

function describe(expectation: MetricExpectation): string {
  if ('equals' in expectation) return `= ${JSON.stringify(expectation.equals)}`;
  if ('approx' in expectation) {
    return `${expectation.approx} ± ${expectation.tolerance}`;
  }
  const parts: string[] = [];
  if (expectation.min !== undefined) parts.push(`>= ${expectation.min}`);
  if (expectation.max !== undefined) parts.push(`<= ${expectation.max}`);
  return parts.join(' and ');
}

function satisfies(
  actual: MetricValue | undefined,
  expectation: MetricExpectation,
): boolean {
  if ('equals' in expectation) {
    return JSON.stringify(actual) === JSON.stringify(expectation.equals);
  }
  if (typeof actual !== 'number' || !Number.isFinite(actual)) return false;
  if ('approx' in expectation) {
    return Math.abs(actual - expectation.approx) <= expectation.tolerance;
  }
  return (
    (expectation.min === undefined || actual >= expectation.min) &&
    (expectation.max === undefined || actual <= expectation.max)
  );
}

/**
 * Compares a run's metrics with committed expectations. A metric that is
 * missing fails.
 *
 * @returns One entry per expectation, in the file's order.
 */
export function checkMetrics(
  metrics: Record<string, MetricValue>,
  expectations: Record<string, MetricExpectation>,
): MetricCheck[] {
  return Object.entries(expectations).map(([path, expectation]) => {
    const actual = lookup(metrics, path);
    return {
      path,
      passed: satisfies(actual, expectation),
      actual,
      expected: describe(expectation),
    };
  });
}

/**
 * Reads and checks a `.check.json` file's shape.
 *
 * @throws TypeError naming the file and the bad field.
 */
export function parseCheckFile(text: string, file: string): CheckFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`lesson:check: ${file} must be JSON.`, {
      cause: error,
    });
  }
  const candidate = parsed as Partial<CheckFile>;
  if (
    !Array.isArray(candidate.args) ||
    !candidate.args.every((arg) => typeof arg === 'string')
  ) {
    throw new TypeError(
      `lesson:check: ${file}: args must be an array of strings.`,
    );
  }
  if (typeof candidate.metrics !== 'object' || candidate.metrics === null) {
    throw new TypeError(`lesson:check: ${file}: metrics must be an object.`);
  }
  for (const [path, expectation] of Object.entries(candidate.metrics)) {
    const e = expectation as Record<string, unknown>;
    const valid =
      'equals' in e ||
      (typeof e['approx'] === 'number' && typeof e['tolerance'] === 'number') ||
      (['min', 'max'].some((k) => typeof e[k] === 'number') &&
        Object.keys(e).every((k) => k === 'min' || k === 'max'));
    if (!valid) {
      throw new TypeError(
        `lesson:check: ${file}: metrics.${path} must be {equals}, {min, max} ` +
          `or {approx, tolerance}, got ${JSON.stringify(expectation)}.`,
      );
    }
  }
  return candidate as CheckFile;
}
