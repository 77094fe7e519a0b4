import { assertNever, integerRule, oneOfRule } from '@lesson11/tensor';
import { resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { fullClip } from './clip-rect.js';
import type { ClipRect } from './clip-rect.js';
import { BLACK } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkImage, COLOR_RULE } from './input-checks.js';

/** The marker shapes. */
export const MARKER_SHAPES = ['dot', 'cross', 'ring', 'square'] as const;

/**
 * A marker shape: a filled disc, a diagonal ×, a circle outline or a filled
 * square.
 */
export type MarkerShape = (typeof MARKER_SHAPES)[number];

/** Options of `drawMarker`. */
export interface DrawMarkerOptions {
  /** Shape. @defaultValue `'dot'` */
  shape?: MarkerShape;
  /** Width of the marker's box in pixels. @defaultValue `5` */
  size?: number;
  /** Colour. @defaultValue `[0, 0, 0]` */
  color?: Rgb;
}

/** Defaults of `drawMarker`. */
export const DRAW_MARKER_DEFAULTS: Readonly<Required<DrawMarkerOptions>> =
  Object.freeze({ shape: 'dot', size: 5, color: BLACK });

/** The rules for marker shape and size, shared with the plot functions. */
export const MARKER_SHAPE_RULE = oneOfRule(MARKER_SHAPES);
export const MARKER_SIZE_RULE = integerRule({ min: 1, max: 256 });

const DRAW_MARKER_RULES: OptionRules<Required<DrawMarkerOptions>> = {
  shape: MARKER_SHAPE_RULE,
  size: MARKER_SIZE_RULE,
  color: COLOR_RULE,
};

/**
 * Draws one marker centred on a pixel, clipped to the image.
 *
 * @param image - Drawn into in place.
 * @param x - Centre column in pixels (rounded).
 * @param y - Centre row in pixels (rounded).
 * @param options - Shape, size and colour.
 * @throws TypeError or RangeError for a bad image, coordinate or option.
 * @example
 * const image = createImage(20, 20);
 * drawMarker(image, 10, 10, { shape: 'ring', size: 9, color: [255, 0, 0] });
 */
export function drawMarker(
  image: RgbaImage,
  x: number,
  y: number,
  options: DrawMarkerOptions = {},
): void {
  checkImage('drawMarker', 'image', image);
  for (const [field, value] of Object.entries({ x, y })) {
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `drawMarker: ${field} must be a finite number, got ${value}.`,
      );
    }
  }
  const { shape, size, color } = resolveOptions(
    'drawMarker',
    options,
    DRAW_MARKER_DEFAULTS,
    DRAW_MARKER_RULES,
  );
  const stamp = markerStamp(shape, size);
  stampMarker(
    image,
    Math.round(x),
    Math.round(y),
    stamp,
    color,
    fullClip(image),
  );
}

/**
 * The pixel offsets a marker covers, as `[dx0, dy0, dx1, dy1, …]` from its
 * centre. Computed once per (shape, size) so a plot of 10⁶ points only adds
 * offsets. Internal.
 */
export function markerStamp(shape: MarkerShape, size: number): Int32Array {
  const offsets: number[] = [];
  // Centre of a size-wide box: for even sizes the box leans up and left.
  const low = -Math.floor(size / 2);
  const high = low + size - 1;
  const centre = (low + high) / 2;
  const radius = size / 2;
  const ringWidth = Math.max(1, Math.round(size / 6));
  const crossWidth = size >= 9 ? 1.0 : 0.5;
  for (let dy = low; dy <= high; dy++) {
    for (let dx = low; dx <= high; dx++) {
      const u = dx - centre;
      const v = dy - centre;
      const distance = Math.hypot(u, v);
      if (covers(shape, u, v, distance, radius, ringWidth, crossWidth)) {
        offsets.push(dx, dy);
      }
    }
  }
  return Int32Array.from(offsets);
}

function covers(
  shape: MarkerShape,
  u: number,
  v: number,
  distance: number,
  radius: number,
  ringWidth: number,
  crossWidth: number,
): boolean {
  switch (shape) {
    case 'dot':
      return distance <= radius - 0.25 || radius <= 1;
    case 'square':
      return true;
    case 'ring':
      return distance <= radius - 0.25 && distance > radius - 0.25 - ringWidth;
    case 'cross':
      return Math.abs(Math.abs(u) - Math.abs(v)) <= crossWidth;
    default:
      return assertNever(shape, 'marker shape');
  }
}

/** Writes a marker stamp at a pixel, restricted to `clip`. Internal. */
export function stampMarker(
  image: RgbaImage,
  x: number,
  y: number,
  stamp: Int32Array,
  color: Rgb,
  clip: ClipRect,
): void {
  const data = image.data;
  const width = image.width;
  for (let k = 0; k < stamp.length; k += 2) {
    const px = x + (stamp[k] as number);
    const py = y + (stamp[k + 1] as number);
    if (px < clip.x0 || px >= clip.x1 || py < clip.y0 || py >= clip.y1) {
      continue;
    }
    const i = (py * width + px) * 4;
    data[i] = color[0];
    data[i + 1] = color[1];
    data[i + 2] = color[2];
    data[i + 3] = 255;
  }
}
