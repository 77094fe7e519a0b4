import { BOOLEAN_RULE, formatValue, integerRule } from '@lesson11/tensor';
import { optionError, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { AXES_DEFAULTS, AXES_RULES, Extent } from './axes-options.js';
import type { AxesOptions } from './axes-options.js';
import { markerStamp, stampMarker } from './draw-marker.js';
import { strokeLine } from './draw-line.js';
import { createImage } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkArrayLike, checkLength, COLOR_RULE } from './input-checks.js';
import { drawLegend } from './legend.js';
import type { LegendEntry } from './legend.js';
import { paletteColor } from './palette.js';
import { drawAxes, drawGrid, layoutFrame } from './plot-frame.js';

/** One curve of a line plot, e.g. accuracy per epoch. */
export interface LineSeries {
  /** x values, ascending for a curve (they are joined in the given order). */
  x: ArrayLike<number>;
  /** y values, same length as `x`. */
  y: ArrayLike<number>;
  /** Legend text; unlabelled series stay out of the legend. */
  label?: string;
  /** Colour; default `PALETTE[seriesIndex]`. */
  color?: Rgb;
}

/** Options of `linePlot`: the axis options plus line styling. */
export interface LinePlotOptions extends AxesOptions {
  /** Line thickness in pixels. @defaultValue `2` */
  lineWidth?: number;
  /** Whether each data point also gets a dot. @defaultValue `false` */
  showMarkers?: boolean;
}

/** Defaults of `linePlot`. */
export const LINE_PLOT_DEFAULTS: Readonly<Required<LinePlotOptions>> =
  Object.freeze({
    ...AXES_DEFAULTS,
    equalAspect: false,
    lineWidth: 2,
    showMarkers: false,
  });

const LINE_PLOT_RULES: OptionRules<Required<LinePlotOptions>> = {
  ...AXES_RULES,
  lineWidth: integerRule({ min: 1, max: 16 }),
  showMarkers: BOOLEAN_RULE,
};

/**
 * Draws curves through `(x[i], y[i])` on a pair of axes, e.g. training loss
 * and accuracy per epoch, with a legend for labelled series.
 *
 * A point with a NaN or infinite coordinate breaks the curve there (the
 * segments on either side are drawn, nothing joins across the gap). A
 * series with one point draws only its marker when `showMarkers` is set.
 *
 * @param series - The curves; may be empty (axes only).
 * @param options - Size, labels, ranges and line style.
 * @returns A new image the caller owns.
 * @throws TypeError or RangeError for a bad series or option, e.g. `x` and
 *   `y` of different lengths.
 * @remarks O(total points · segment length · lineWidth²).
 * @example
 * const image = linePlot(
 *   [{ x: [1, 2, 3], y: [0.5, 0.7, 0.8], label: 'accuracy' }],
 *   { xLabel: 'epoch', yRange: [0, 1] },
 * );
 */
export function linePlot(
  series: readonly LineSeries[],
  options: LinePlotOptions = {},
): RgbaImage {
  const resolved = resolveOptions(
    'linePlot',
    options,
    LINE_PLOT_DEFAULTS,
    LINE_PLOT_RULES,
  );
  checkSeries(series);

  // 1. Ranges from the data unless given.
  const xExtent = new Extent();
  const yExtent = new Extent();
  for (const s of series) {
    xExtent.add(s.x);
    yExtent.add(s.y);
  }
  const spec = {
    ...resolved,
    xRange: resolved.xRange ?? xExtent.padded(),
    yRange: resolved.yRange ?? yExtent.padded(),
  };

  // 2. Grid, curves, axes, legend.
  const frame = layoutFrame(spec, 'linePlot');
  const image = createImage(resolved.width, resolved.height);
  drawGrid(image, frame);
  const { xScale, xOffset, yScale, yOffset, area } = frame;
  const dot = markerStamp('dot', resolved.lineWidth * 2 + 3);
  const legend: LegendEntry[] = [];
  series.forEach((s, index) => {
    const color = s.color ?? paletteColor(index);
    let previous: [number, number] | null = null;
    for (let i = 0; i < s.x.length; i++) {
      const px = xOffset + (s.x[i] as number) * xScale;
      const py = yOffset + (s.y[i] as number) * yScale;
      if (!Number.isFinite(px) || !Number.isFinite(py)) {
        previous = null;
        continue;
      }
      if (previous !== null) {
        strokeLine(
          image,
          previous[0],
          previous[1],
          px,
          py,
          color,
          resolved.lineWidth,
          area,
        );
      }
      if (resolved.showMarkers && isInside(px, py, area)) {
        stampMarker(image, Math.round(px), Math.round(py), dot, color, area);
      }
      previous = [px, py];
    }
    if (s.label !== undefined && s.label !== '') {
      legend.push({ label: s.label, color, marker: null });
    }
  });
  drawAxes(image, frame, spec);
  if (resolved.showLegend) {
    drawLegend(image, area, legend, resolved.fontScale);
  }
  return image;
}

function isInside(
  x: number,
  y: number,
  area: { x0: number; y0: number; x1: number; y1: number },
): boolean {
  return (
    x >= area.x0 - 8 && x < area.x1 + 8 && y >= area.y0 - 8 && y < area.y1 + 8
  );
}

function checkSeries(series: readonly LineSeries[]): void {
  if (!Array.isArray(series)) {
    throw new TypeError(
      `linePlot: series must be an array of {x, y}, got ${formatValue(series)}.`,
    );
  }
  series.forEach((s, index) => {
    const at = `series[${index}]`;
    checkArrayLike('linePlot', `${at}.x`, s?.x);
    checkArrayLike('linePlot', `${at}.y`, s.y);
    checkLength('linePlot', `${at}.y`, s.y, s.x.length, 'one per x value');
    if (s.color !== undefined && !COLOR_RULE.test(s.color)) {
      throw optionError('linePlot', `${at}.color`, COLOR_RULE, s.color);
    }
    if (s.label !== undefined && typeof s.label !== 'string') {
      throw new TypeError(
        `linePlot: ${at}.label must be a string, got ${formatValue(s.label)}.`,
      );
    }
  });
}
