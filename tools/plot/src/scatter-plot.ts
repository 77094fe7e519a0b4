import { formatValue, optionError, resolveOptions } from '@lesson11/tensor';
import { AXES_DEFAULTS, AXES_RULES, Extent } from './axes-options.js';
import type { AxesOptions } from './axes-options.js';
import {
  markerStamp,
  MARKER_SHAPE_RULE,
  MARKER_SIZE_RULE,
  stampMarker,
} from './draw-marker.js';
import type { MarkerShape } from './draw-marker.js';
import { createImage } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkArrayLike, checkLength, COLOR_RULE } from './input-checks.js';
import { drawLegend } from './legend.js';
import type { LegendEntry } from './legend.js';
import { paletteColor } from './palette.js';
import { drawAxes, drawGrid, layoutFrame } from './plot-frame.js';

/** One set of points in a scatter plot. */
export interface ScatterSeries {
  /** Row-major `[n, dimensions]` coordinates; columns 0 and 1 are plotted. */
  points: ArrayLike<number>;
  /** Values per point, an integer ≥ 2. */
  dimensions: number;
  /**
   * Per-point palette index, length n (e.g. cluster labels); a negative
   * index draws the point grey, as noise. Overrides `color`.
   */
  colors?: ArrayLike<number>;
  /** One colour for the whole series; default `PALETTE[seriesIndex]`. */
  color?: Rgb;
  /** Marker shape; default `'dot'`. */
  marker?: MarkerShape;
  /**
   * Marker width in pixels; by default 5 up to 1 000 points in all, 3 up to
   * 20 000, 2 up to 200 000, else 1.
   */
  size?: number;
  /** Legend text; unlabelled series stay out of the legend. */
  label?: string;
}

/** Options of `scatterPlot`; see `AxesOptions` for each field. */
export type ScatterPlotOptions = AxesOptions;

/** Defaults of `scatterPlot`. */
export const SCATTER_PLOT_DEFAULTS: Readonly<Required<ScatterPlotOptions>> =
  Object.freeze({ ...AXES_DEFAULTS, equalAspect: true });

/**
 * Draws 2-D point clouds on a pair of axes with nice ticks, a title, axis
 * labels and a legend: e.g. clusters coloured by label, with their centres
 * as large crosses in a second series.
 *
 * Later series draw over earlier ones. Points with a NaN or infinite
 * coordinate are skipped, and points outside a given range are clipped.
 *
 * @param series - The point sets; may be empty (axes only).
 * @param options - Size, labels, ranges; see `ScatterPlotOptions`.
 * @returns A new image the caller owns.
 * @throws TypeError or RangeError for a bad series field or option, e.g. a
 *   `points` length that is not a multiple of `dimensions`.
 * @remarks O(total points · marker area); 10⁶ points take well under a
 *   second. No anti-aliasing; overlapping points simply overwrite.
 * @example
 * const points = new Float32Array([0, 0, 1, 1, 2, 0]);
 * const image = scatterPlot(
 *   [{ points, dimensions: 2, colors: [0, 1, -1], label: 'blobs' }],
 *   { title: 'Three points' },
 * );
 */
export function scatterPlot(
  series: readonly ScatterSeries[],
  options: ScatterPlotOptions = {},
): RgbaImage {
  const resolved = resolveOptions(
    'scatterPlot',
    options,
    SCATTER_PLOT_DEFAULTS,
    AXES_RULES,
  );
  const counts = checkSeries(series);
  const total = counts.reduce((sum, n) => sum + n, 0);

  // 1. Ranges: the caller's, or the data's padded by 5%.
  const xExtent = new Extent();
  const yExtent = new Extent();
  series.forEach((s) => {
    xExtent.add(s.points, 0, s.dimensions);
    yExtent.add(s.points, 1, s.dimensions);
  });
  const spec = {
    ...resolved,
    xRange: resolved.xRange ?? xExtent.padded(),
    yRange: resolved.yRange ?? yExtent.padded(),
  };

  // 2. Axes, then points in series order, then the legend on top.
  const frame = layoutFrame(spec, 'scatterPlot');
  const image = createImage(resolved.width, resolved.height);
  drawGrid(image, frame);
  const legend: LegendEntry[] = [];
  series.forEach((s, index) => {
    const color = s.color ?? paletteColor(index);
    const marker = s.marker ?? 'dot';
    const size = s.size ?? defaultSize(total);
    const stamp = markerStamp(marker, size);
    const { xScale, xOffset, yScale, yOffset, area } = frame;
    const points = s.points;
    const d = s.dimensions;
    const n = counts[index] as number;
    for (let i = 0; i < n; i++) {
      const px = Math.round(xOffset + (points[i * d] as number) * xScale);
      const py = Math.round(yOffset + (points[i * d + 1] as number) * yScale);
      // NaN and ±Infinity become NaN or non-finite pixels: skip them.
      if (!(px >= -size && px <= area.x1 + size)) continue;
      if (!(py >= -size && py <= area.y1 + size)) continue;
      const pointColor =
        s.colors === undefined ? color : paletteColor(s.colors[i] as number);
      stampMarker(image, px, py, stamp, pointColor, area);
    }
    if (s.label !== undefined && s.label !== '') {
      legend.push({ label: s.label, color, marker });
    }
  });
  drawAxes(image, frame, spec);
  if (resolved.showLegend) {
    drawLegend(image, frame.area, legend, resolved.fontScale);
  }
  return image;
}

function defaultSize(total: number): number {
  if (total <= 1_000) return 5;
  if (total <= 20_000) return 3;
  if (total <= 200_000) return 2;
  return 1;
}

/** Validates every series; returns the number of points in each. */
function checkSeries(series: readonly ScatterSeries[]): number[] {
  if (!Array.isArray(series)) {
    throw new TypeError(
      `scatterPlot: series must be an array of {points, dimensions}, ` +
        `got ${formatValue(series)}.`,
    );
  }
  return series.map((s, index) => {
    const at = `series[${index}]`;
    checkArrayLike('scatterPlot', `${at}.points`, s?.points);
    const d = s.dimensions;
    if (!Number.isInteger(d) || d < 2) {
      throw new RangeError(
        `scatterPlot: ${at}.dimensions must be an integer >= 2, ` +
          `got ${formatValue(d)}.`,
      );
    }
    if (s.points.length % d !== 0) {
      throw new RangeError(
        `scatterPlot: ${at}.points must have a length that is a multiple ` +
          `of dimensions (${d}), got ${s.points.length}.`,
      );
    }
    const n = s.points.length / d;
    if (s.colors !== undefined) {
      checkArrayLike('scatterPlot', `${at}.colors`, s.colors);
      checkLength('scatterPlot', `${at}.colors`, s.colors, n, 'one per point');
    }
    const fields = [
      ['color', COLOR_RULE],
      ['marker', MARKER_SHAPE_RULE],
      ['size', MARKER_SIZE_RULE],
    ] as const;
    for (const [field, rule] of fields) {
      if (s[field] !== undefined && !rule.test(s[field])) {
        throw optionError('scatterPlot', `${at}.${field}`, rule, s[field]);
      }
    }
    if (s.label !== undefined && typeof s.label !== 'string') {
      throw new TypeError(
        `scatterPlot: ${at}.label must be a string, got ${formatValue(s.label)}.`,
      );
    }
    return n;
  });
}
