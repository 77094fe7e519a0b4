import { BOOLEAN_RULE, integerRule } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { RANGE_RULE, STRING_RULE } from './input-checks.js';

/** Options shared by the plots with x and y axes (`scatterPlot`, `linePlot`). */
export interface AxesOptions {
  /** Image width in pixels. @defaultValue `640` */
  width?: number;
  /** Image height in pixels. @defaultValue `480` */
  height?: number;
  /** Title above the axes, in double-size text; `''` for none. @defaultValue `''` */
  title?: string;
  /** Label under the x axis; `''` for none. @defaultValue `''` */
  xLabel?: string;
  /** Label left of the y axis, reading upwards. @defaultValue `''` */
  yLabel?: string;
  /**
   * `[min, max]` of the x axis, or `null` for the data's range padded by 5%
   * on each side. @defaultValue `null`
   */
  xRange?: readonly [number, number] | null;
  /** Like `xRange`, for the y axis. @defaultValue `null` */
  yRange?: readonly [number, number] | null;
  /**
   * Whether one data unit has the same length in pixels on both axes (one
   * range is widened to make it so). Default true for `scatterPlot`, false
   * for `linePlot`.
   */
  equalAspect?: boolean;
  /** Integer zoom of all text (titles use twice this). @defaultValue `1` */
  fontScale?: number;
  /** Whether labelled series get a legend box. @defaultValue `true` */
  showLegend?: boolean;
}

/** The axis option defaults, `equalAspect` aside. Internal. */
export const AXES_DEFAULTS = Object.freeze({
  width: 640,
  height: 480,
  title: '',
  xLabel: '',
  yLabel: '',
  xRange: null,
  yRange: null,
  fontScale: 1,
  showLegend: true,
});

/** The rules for every axis option. Internal. */
export const AXES_RULES: OptionRules<Required<AxesOptions>> = {
  width: integerRule({ min: 1, max: 16_384 }),
  height: integerRule({ min: 1, max: 16_384 }),
  title: STRING_RULE,
  xLabel: STRING_RULE,
  yLabel: STRING_RULE,
  xRange: RANGE_RULE,
  yRange: RANGE_RULE,
  equalAspect: BOOLEAN_RULE,
  fontScale: integerRule({ min: 1, max: 8 }),
  showLegend: BOOLEAN_RULE,
};

/** Running minimum and maximum of the finite values seen. Internal. */
export class Extent {
  min = Infinity;
  max = -Infinity;

  /** Adds every `stride`-th value starting at `offset`. */
  add(values: ArrayLike<number>, offset = 0, stride = 1): void {
    let { min, max } = this;
    for (let i = offset; i < values.length; i += stride) {
      const v = values[i] as number;
      // NaN fails both comparisons; ±Infinity is excluded explicitly.
      if (v < min && v !== -Infinity) {
        min = v;
      }
      if (v > max && v !== Infinity) {
        max = v;
      }
    }
    this.min = min;
    this.max = max;
  }

  /**
   * The range padded by 5% of its span on each side; `[0, 1]` without data,
   * and ±0.5 (or ±5% of the value) around a single value.
   */
  padded(): [number, number] {
    if (this.min > this.max) {
      return [0, 1];
    }
    if (this.min === this.max) {
      const half = Math.max(0.5, Math.abs(this.min) * 0.05);
      return [this.min - half, this.max + half];
    }
    const pad = (this.max - this.min) * 0.05;
    return [this.min - pad, this.max + pad];
  }
}
