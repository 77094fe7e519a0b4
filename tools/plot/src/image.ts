import { integerRule, optionError } from '@lesson11/tensor';
import { checkColor } from './input-checks.js';

/** A colour as `[red, green, blue]`, each channel an integer in 0–255. */
export type Rgb = readonly [number, number, number];

/**
 * A picture in memory: `height` rows of `width` pixels, row-major, four bytes
 * per pixel (red, green, blue, alpha), top-left first.
 */
export interface RgbaImage {
  /** Width in pixels, an integer ≥ 1. */
  width: number;
  /** Height in pixels, an integer ≥ 1. */
  height: number;
  /** `width * height * 4` bytes, RGBA, row-major. */
  data: Uint8ClampedArray;
}

/** White, the default background. */
export const WHITE: Rgb = Object.freeze([255, 255, 255]) as Rgb;

/** Black, the default ink. */
export const BLACK: Rgb = Object.freeze([0, 0, 0]) as Rgb;

/** The largest width or height `createImage` accepts (about 268 MB RGBA). */
export const MAX_IMAGE_SIDE = 16_384;

const SIDE_RULE = integerRule({ min: 1, max: MAX_IMAGE_SIDE });

/**
 * Creates an opaque image filled with one colour.
 *
 * @param width - Width in pixels, an integer in 1–16384.
 * @param height - Height in pixels, an integer in 1–16384.
 * @param background - Fill colour; white when omitted.
 * @returns A new image the caller owns.
 * @throws RangeError when a side is not an integer in 1–16384;
 *   TypeError or RangeError when `background` is not a valid colour.
 * @remarks Allocates `width * height * 4` bytes.
 * @example
 * const image = createImage(64, 32, [0, 0, 0]);
 * image.data.length; // 64 * 32 * 4
 */
export function createImage(
  width: number,
  height: number,
  background: Rgb = WHITE,
): RgbaImage {
  if (!SIDE_RULE.test(width)) {
    throw optionError('createImage', 'width', SIDE_RULE, width);
  }
  if (!SIDE_RULE.test(height)) {
    throw optionError('createImage', 'height', SIDE_RULE, height);
  }
  checkColor('createImage', 'background', background);
  const data = new Uint8ClampedArray(width * height * 4);
  const [r, g, b] = background;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = 255;
  }
  return { width, height, data };
}

/**
 * Mixes a colour into one pixel with the given opacity; pixels outside the
 * image are ignored. Internal: callers have validated their inputs.
 */
export function blendPixel(
  image: RgbaImage,
  x: number,
  y: number,
  color: Rgb,
  opacity: number,
): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
    return;
  }
  const i = (y * image.width + x) * 4;
  const data = image.data;
  const keep = 1 - opacity;
  data[i] = (data[i] as number) * keep + color[0] * opacity;
  data[i + 1] = (data[i + 1] as number) * keep + color[1] * opacity;
  data[i + 2] = (data[i + 2] as number) * keep + color[2] * opacity;
  data[i + 3] = 255;
}

/** Sets one pixel, ignoring pixels outside the image. Internal. */
export function setPixel(
  image: RgbaImage,
  x: number,
  y: number,
  color: Rgb,
): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
    return;
  }
  const i = (y * image.width + x) * 4;
  image.data[i] = color[0];
  image.data[i + 1] = color[1];
  image.data[i + 2] = color[2];
  image.data[i + 3] = 255;
}

/** Reads one pixel as `[r, g, b, a]`. Mainly for tests and checks. */
export function getPixel(
  image: RgbaImage,
  x: number,
  y: number,
): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  const d = image.data;
  return [d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0];
}
