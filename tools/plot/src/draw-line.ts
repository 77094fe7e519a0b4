import { integerRule, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { fullClip } from './clip-rect.js';
import type { ClipRect } from './clip-rect.js';
import { BLACK } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkImage, COLOR_RULE } from './input-checks.js';

/** Options of `drawLine`. */
export interface DrawLineOptions {
  /** Line colour. @defaultValue `[0, 0, 0]` */
  color?: Rgb;
  /** Thickness in pixels (a square pen). @defaultValue `1` */
  lineWidth?: number;
}

/** Defaults of `drawLine`. */
export const DRAW_LINE_DEFAULTS: Readonly<Required<DrawLineOptions>> =
  Object.freeze({ color: BLACK, lineWidth: 1 });

const DRAW_LINE_RULES: OptionRules<Required<DrawLineOptions>> = {
  color: COLOR_RULE,
  lineWidth: integerRule({ min: 1, max: 64 }),
};

/**
 * Draws a straight line segment between two points, both ends included,
 * with Bresenham's algorithm and a square pen; clipped to the image.
 *
 * @param image - Drawn into in place.
 * @param x0 - Start column in pixels (rounded).
 * @param y0 - Start row in pixels (rounded).
 * @param x1 - End column.
 * @param y1 - End row.
 * @param options - Colour and width.
 * @throws TypeError or RangeError for a bad image, coordinate or option.
 * @remarks O(length · lineWidth²). No anti-aliasing.
 * @example
 * const image = createImage(20, 20);
 * drawLine(image, 0, 0, 19, 19, { color: [0, 0, 255] });
 */
export function drawLine(
  image: RgbaImage,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  options: DrawLineOptions = {},
): void {
  checkImage('drawLine', 'image', image);
  for (const [field, value] of Object.entries({ x0, y0, x1, y1 })) {
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `drawLine: ${field} must be a finite number, got ${value}.`,
      );
    }
  }
  const { color, lineWidth } = resolveOptions(
    'drawLine',
    options,
    DRAW_LINE_DEFAULTS,
    DRAW_LINE_RULES,
  );
  strokeLine(image, x0, y0, x1, y1, color, lineWidth, fullClip(image));
}

/**
 * `drawLine` without validation, restricted to `clip`. The segment is first
 * cut to the clip rectangle (Liang–Barsky), so far-away ends cost nothing.
 * Internal.
 */
export function strokeLine(
  image: RgbaImage,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color: Rgb,
  lineWidth: number,
  clip: ClipRect,
): void {
  const pad = lineWidth;
  const cut = clipSegment(x0, y0, x1, y1, {
    x0: clip.x0 - pad,
    y0: clip.y0 - pad,
    x1: clip.x1 + pad,
    y1: clip.y1 + pad,
  });
  if (cut === null) {
    return;
  }
  let x = Math.round(cut[0]);
  let y = Math.round(cut[1]);
  const endX = Math.round(cut[2]);
  const endY = Math.round(cut[3]);
  const dx = Math.abs(endX - x);
  const dy = -Math.abs(endY - y);
  const stepX = x < endX ? 1 : -1;
  const stepY = y < endY ? 1 : -1;
  const before = Math.floor((lineWidth - 1) / 2);
  let error = dx + dy;
  for (;;) {
    stampSquare(image, x - before, y - before, lineWidth, color, clip);
    if (x === endX && y === endY) {
      return;
    }
    const twice = 2 * error;
    if (twice >= dy) {
      error += dy;
      x += stepX;
    }
    if (twice <= dx) {
      error += dx;
      y += stepY;
    }
  }
}

function stampSquare(
  image: RgbaImage,
  left: number,
  top: number,
  side: number,
  color: Rgb,
  clip: ClipRect,
): void {
  const data = image.data;
  for (let row = top; row < top + side; row++) {
    if (row < clip.y0 || row >= clip.y1) {
      continue;
    }
    for (let col = left; col < left + side; col++) {
      if (col < clip.x0 || col >= clip.x1) {
        continue;
      }
      const i = (row * image.width + col) * 4;
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
      data[i + 3] = 255;
    }
  }
}

/** Liang–Barsky: the part of a segment inside a rectangle, or null. */
function clipSegment(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  box: ClipRect,
): [number, number, number, number] | null {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let enter = 0;
  let leave = 1;
  const edges: [number, number][] = [
    [-dx, x0 - box.x0],
    [dx, box.x1 - x0],
    [-dy, y0 - box.y0],
    [dy, box.y1 - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) {
        return null;
      }
      continue;
    }
    const t = q / p;
    if (p < 0) {
      enter = Math.max(enter, t);
    } else {
      leave = Math.min(leave, t);
    }
  }
  if (enter > leave) {
    return null;
  }
  return [x0 + enter * dx, y0 + enter * dy, x0 + leave * dx, y0 + leave * dy];
}
