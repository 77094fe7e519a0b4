import { GLYPH_HEIGHT, measureText } from './bitmap-font.js';
import type { ClipRect } from './clip-rect.js';
import { renderText } from './draw-text.js';
import type { DrawTextOptions } from './draw-text.js';
import { paintRect } from './fill-rect.js';
import type { Rgb, RgbaImage } from './image.js';
import { formatTick, niceTicks } from './nice-ticks.js';
import type { NiceTicks } from './nice-ticks.js';

/** What a pair of axes needs to know to lay itself out. Internal. */
export interface FrameSpec {
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  xRange: readonly [number, number];
  yRange: readonly [number, number];
  equalAspect: boolean;
  fontScale: number;
}

/** A laid-out pair of axes: the plot area and data-to-pixel maps. Internal. */
export interface PlotFrame {
  /** Pixels inside the axes box (points are clipped to it). */
  area: ClipRect;
  xRange: [number, number];
  yRange: [number, number];
  xTicks: NiceTicks;
  yTicks: NiceTicks;
  /** Pixel column = `xOffset + x * xScale` (before rounding). */
  xScale: number;
  xOffset: number;
  /** Pixel row = `yOffset + y * yScale` (yScale < 0: up is up). */
  yScale: number;
  yOffset: number;
}

const TICK_LENGTH = 4;
const GRID: Rgb = [232, 232, 232];
const AXIS: Rgb = [70, 70, 70];
const TEXT: Rgb = [20, 20, 20];

/**
 * Places the axes box inside the image, leaving room for the title, labels
 * and tick labels; with `equalAspect`, widens one range so a data unit has
 * the same length on both axes. Internal.
 */
export function layoutFrame(spec: FrameSpec, fn = 'scatterPlot'): PlotFrame {
  const s = spec.fontScale;
  const textHeight = GLYPH_HEIGHT * s;
  const top = (spec.title ? 2 * textHeight + 12 * s : 8 * s) + 4;
  const bottom =
    TICK_LENGTH + 4 + textHeight + (spec.xLabel ? textHeight + 8 * s : 0) + 8;
  const right = 16 * s;
  let xRange: [number, number] = [spec.xRange[0], spec.xRange[1]];
  let yRange: [number, number] = [spec.yRange[0], spec.yRange[1]];
  let left = 0;
  // Two passes: the y tick labels set the left margin, which sets the box
  // width, which (with equal aspect) can change the y range and its labels.
  for (let pass = 0; pass < 2; pass++) {
    const yTicks = niceTicks(yRange[0], yRange[1], tickCount(spec.height));
    const labelWidth = Math.max(
      ...yTicks.values.map(
        (v) => measureText(formatTick(v, yTicks.step), s).width,
      ),
      0,
    );
    left =
      labelWidth + TICK_LENGTH + 8 + (spec.yLabel ? textHeight + 8 * s : 0);
    left += 4;
    const plotWidth = spec.width - left - right;
    const plotHeight = spec.height - top - bottom;
    if (plotWidth < 8 || plotHeight < 8) {
      throw new RangeError(
        `${fn}: width and height must leave room for the axes, titles and ` +
          `labels, got ${spec.width}×${spec.height}. Try a larger image.`,
      );
    }
    if (spec.equalAspect) {
      [xRange, yRange] = equalizeAspect(spec, plotWidth, plotHeight);
    }
  }
  const area = {
    x0: left,
    y0: top,
    x1: spec.width - right,
    y1: spec.height - bottom,
  };
  const xScale = (area.x1 - area.x0 - 1) / (xRange[1] - xRange[0]);
  const yScale = -(area.y1 - area.y0 - 1) / (yRange[1] - yRange[0]);
  return {
    area,
    xRange,
    yRange,
    xTicks: niceTicks(xRange[0], xRange[1], tickCount(spec.width)),
    yTicks: niceTicks(yRange[0], yRange[1], tickCount(spec.height)),
    xScale,
    xOffset: area.x0 - xRange[0] * xScale,
    yScale,
    yOffset: area.y1 - 1 - yRange[0] * yScale,
  };
}

/** About one tick per 100 pixels, at least 3. */
function tickCount(pixels: number): number {
  return Math.max(3, Math.min(10, Math.round(pixels / 100)));
}

function equalizeAspect(
  spec: FrameSpec,
  plotWidth: number,
  plotHeight: number,
): [[number, number], [number, number]] {
  // Pixel centres span one less than the box: that is what the map uses.
  plotWidth -= 1;
  plotHeight -= 1;
  const [x0, x1] = spec.xRange;
  const [y0, y1] = spec.yRange;
  const unitsPerPixel = Math.max((x1 - x0) / plotWidth, (y1 - y0) / plotHeight);
  const xHalf = (unitsPerPixel * plotWidth) / 2;
  const yHalf = (unitsPerPixel * plotHeight) / 2;
  const xMid = (x0 + x1) / 2;
  const yMid = (y0 + y1) / 2;
  return [
    [xMid - xHalf, xMid + xHalf],
    [yMid - yHalf, yMid + yHalf],
  ];
}

/** Draws the grid lines, under the data. Internal. */
export function drawGrid(image: RgbaImage, frame: PlotFrame): void {
  const { area } = frame;
  for (const v of frame.xTicks.values) {
    const x = Math.round(frame.xOffset + v * frame.xScale);
    paintRect(image, x, area.y0, 1, area.y1 - area.y0, GRID);
  }
  for (const v of frame.yTicks.values) {
    const y = Math.round(frame.yOffset + v * frame.yScale);
    paintRect(image, area.x0, y, area.x1 - area.x0, 1, GRID);
  }
}

/** Draws the axes box, ticks, tick labels, axis labels and title. Internal. */
export function drawAxes(
  image: RgbaImage,
  frame: PlotFrame,
  spec: FrameSpec,
): void {
  const { area } = frame;
  const s = spec.fontScale;
  const text = (scale: number): Required<DrawTextOptions> => ({
    color: TEXT,
    scale,
    align: 'center',
    direction: 'horizontal',
  });
  const boxWidth = area.x1 - area.x0;
  const boxHeight = area.y1 - area.y0;
  paintRect(image, area.x0 - 1, area.y0 - 1, boxWidth + 2, 1, AXIS);
  paintRect(image, area.x0 - 1, area.y1, boxWidth + 2, 1, AXIS);
  paintRect(image, area.x0 - 1, area.y0 - 1, 1, boxHeight + 2, AXIS);
  paintRect(image, area.x1, area.y0 - 1, 1, boxHeight + 2, AXIS);

  // 1. x ticks and labels under the box.
  for (const v of frame.xTicks.values) {
    const x = Math.round(frame.xOffset + v * frame.xScale);
    paintRect(image, x, area.y1 + 1, 1, TICK_LENGTH, AXIS);
    const label = formatTick(v, frame.xTicks.step);
    renderText(image, label, x, area.y1 + TICK_LENGTH + 4, text(s));
  }

  // 2. y ticks and labels left of the box, right-aligned.
  let widest = 0;
  for (const v of frame.yTicks.values) {
    const y = Math.round(frame.yOffset + v * frame.yScale);
    paintRect(image, area.x0 - 1 - TICK_LENGTH, y, TICK_LENGTH, 1, AXIS);
    const label = formatTick(v, frame.yTicks.step);
    widest = Math.max(widest, measureText(label, s).width);
    const labelTop = y - Math.floor((GLYPH_HEIGHT * s) / 2) + s;
    renderText(image, label, area.x0 - TICK_LENGTH - 5, labelTop, {
      ...text(s),
      align: 'right',
    });
  }

  // 3. Axis labels and title.
  const textHeight = GLYPH_HEIGHT * s;
  if (spec.xLabel) {
    const y = area.y1 + TICK_LENGTH + 4 + textHeight + 6 * s;
    renderText(image, spec.xLabel, (area.x0 + area.x1) / 2, y, text(s));
  }
  if (spec.yLabel) {
    const x = area.x0 - TICK_LENGTH - 8 - widest - textHeight - 4 * s;
    renderText(image, spec.yLabel, Math.max(2, x), (area.y0 + area.y1) / 2, {
      ...text(s),
      direction: 'up',
    });
  }
  if (spec.title) {
    // Fall back to the small font when the big one would not fit.
    const big = measureText(spec.title, 2 * s).width <= spec.width - 8;
    const scale = big ? 2 * s : s;
    renderText(image, spec.title, spec.width / 2, 6 * s, text(scale));
  }
}
