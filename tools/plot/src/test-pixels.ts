import type { Rgb, RgbaImage } from './image.js';

/**
 * Pixel queries for the tests: where a colour occurs in an image.
 * Internal to the tests; not exported from the package.
 */
export function pixelsOfColor(
  image: RgbaImage,
  color: Rgb,
): [number, number][] {
  const found: [number, number][] = [];
  const d = image.data;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if (d[i] === color[0] && d[i + 1] === color[1] && d[i + 2] === color[2]) {
        found.push([x, y]);
      }
    }
  }
  return found;
}

/** The mean position of the given pixels. */
export function centroid(
  pixels: readonly [number, number][],
): [number, number] {
  let sx = 0;
  let sy = 0;
  for (const [x, y] of pixels) {
    sx += x;
    sy += y;
  }
  return [sx / pixels.length, sy / pixels.length];
}

/** Pixels that differ from `color` inside a box (clipped to the image). */
export function countOtherThan(
  image: RgbaImage,
  color: Rgb,
  box: { x0: number; y0: number; x1: number; y1: number },
): number {
  let count = 0;
  const d = image.data;
  for (let y = Math.max(0, box.y0); y < Math.min(image.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(image.width, box.x1); x++) {
      const i = (y * image.width + x) * 4;
      if (d[i] !== color[0] || d[i + 1] !== color[1] || d[i + 2] !== color[2]) {
        count++;
      }
    }
  }
  return count;
}
