import { integerRule, optionError } from '@lesson11/tensor';

const TARGET_RULE = integerRule({ min: 1, max: 100 });

/** Tick positions for an axis and the step between them. */
export interface NiceTicks {
  /** Ticks inside `[min, max]`, ascending, multiples of `step`. */
  values: number[];
  /** 1, 2 or 5 times a power of ten. */
  step: number;
}

/**
 * Picks "nice" tick values for an axis: multiples of a step that is 1, 2 or 5
 * times a power of ten, chosen so about `targetCount` ticks fall in
 * `[min, max]`. Values are rounded to the step's decimals so they print
 * without float noise (0.30000000000000004 becomes 0.3).
 *
 * @param min - Lower end of the axis, finite.
 * @param max - Upper end, finite and > min.
 * @param targetCount - About how many ticks, an integer in 1–100.
 * @returns The ticks inside the range and their step.
 * @throws RangeError when the range is not finite or min ≥ max.
 * @example
 * niceTicks(0, 1).values; // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(
  min: number,
  max: number,
  targetCount = 5,
): NiceTicks {
  if (!Number.isFinite(min)) {
    throw new RangeError(`niceTicks: min must be a finite number, got ${min}.`);
  }
  if (!Number.isFinite(max) || !(max > min)) {
    throw new RangeError(
      `niceTicks: max must be a finite number > min (${min}), got ${max}.`,
    );
  }
  if (!TARGET_RULE.test(targetCount)) {
    throw optionError('niceTicks', 'targetCount', TARGET_RULE, targetCount);
  }
  const rough = (max - min) / targetCount;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  // Round the rough step to the nearest of 1, 2, 5, 10 on a log scale.
  const nice =
    fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
  const step = nice * power;
  const decimals = stepDecimals(step);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k++) {
    values.push(Number((k * step).toFixed(decimals)));
  }
  return { values, step };
}

/** How many decimals a tick step needs (0 for steps ≥ 1). */
function stepDecimals(step: number): number {
  return Math.min(20, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * Writes a tick value with as many decimals as its step needs; very large or
 * tiny magnitudes use exponent notation (`1.5e+7`).
 *
 * @param value - The tick value.
 * @param step - The step between ticks (from `niceTicks`).
 * @returns A short label.
 * @example
 * formatTick(0.25, 0.05); // '0.25'
 */
export function formatTick(value: number, step: number): string {
  if (value === 0) {
    // Also turns -0 into 0.
    return (0).toFixed(stepDecimals(step));
  }
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || step < 1e-4) {
    return value.toExponential(Math.min(6, exponentDigits(value, step)));
  }
  return value.toFixed(stepDecimals(step));
}

function exponentDigits(value: number, step: number): number {
  const digits =
    Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step));
  return Math.max(0, digits);
}
