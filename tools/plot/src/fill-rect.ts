import { numberRule, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { BLACK, blendPixel } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkImage, COLOR_RULE } from './input-checks.js';

/** Options of `fillRect`. */
export interface FillRectOptions {
  /** Fill colour. @defaultValue `[0, 0, 0]` */
  color?: Rgb;
  /** 1 paints over, 0 leaves the image as it was. @defaultValue `1` */
  opacity?: number;
}

/** Defaults of `fillRect`. */
export const FILL_RECT_DEFAULTS: Readonly<Required<FillRectOptions>> =
  Object.freeze({ color: BLACK, opacity: 1 });

const FILL_RECT_RULES: OptionRules<Required<FillRectOptions>> = {
  color: COLOR_RULE,
  opacity: numberRule({ min: 0, max: 1 }),
};

/**
 * Fills an axis-aligned rectangle, clipped to the image.
 *
 * @param image - Drawn into in place.
 * @param x - Left column in pixels (rounded).
 * @param y - Top row in pixels (rounded).
 * @param width - Width in pixels (rounded); ≤ 0 draws nothing.
 * @param height - Height in pixels (rounded); ≤ 0 draws nothing.
 * @param options - Colour and opacity.
 * @throws TypeError or RangeError for a bad image, coordinate or option.
 * @example
 * const image = createImage(10, 10);
 * fillRect(image, 2, 2, 4, 3, { color: [255, 0, 0] });
 */
export function fillRect(
  image: RgbaImage,
  x: number,
  y: number,
  width: number,
  height: number,
  options: FillRectOptions = {},
): void {
  checkImage('fillRect', 'image', image);
  const coordinates = { x, y, width, height };
  for (const [field, value] of Object.entries(coordinates)) {
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `fillRect: ${field} must be a finite number, got ${value}.`,
      );
    }
  }
  const { color, opacity } = resolveOptions(
    'fillRect',
    options,
    FILL_RECT_DEFAULTS,
    FILL_RECT_RULES,
  );
  paintRect(image, x, y, width, height, color, opacity);
}

/** `fillRect` without validation. Internal. */
export function paintRect(
  image: RgbaImage,
  x: number,
  y: number,
  width: number,
  height: number,
  color: Rgb,
  opacity = 1,
): void {
  const left = Math.max(0, Math.round(x));
  const top = Math.max(0, Math.round(y));
  const right = Math.min(image.width, Math.round(x + width));
  const bottom = Math.min(image.height, Math.round(y + height));
  for (let row = top; row < bottom; row++) {
    for (let col = left; col < right; col++) {
      blendPixel(image, col, row, color, opacity);
    }
  }
}
