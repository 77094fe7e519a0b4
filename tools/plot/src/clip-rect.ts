import type { RgbaImage } from './image.js';

/** A rectangle of pixels drawing may touch: `x0 <= x < x1`, `y0 <= y < y1`. */
export interface ClipRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The whole image as a clip rectangle. Internal. */
export function fullClip(image: RgbaImage): ClipRect {
  return { x0: 0, y0: 0, x1: image.width, y1: image.height };
}
