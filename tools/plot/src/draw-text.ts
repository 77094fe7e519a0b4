import { integerRule, oneOfRule, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { GLYPH_ADVANCE, GLYPH_HEIGHT, glyphRows } from './bitmap-font.js';
import { measureText } from './bitmap-font.js';
import { BLACK, setPixel } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkImage, COLOR_RULE } from './input-checks.js';

/** Options of `drawText`. */
export interface DrawTextOptions {
  /** Ink colour. @defaultValue `[0, 0, 0]` */
  color?: Rgb;
  /** Integer zoom of the 5×8 font. @defaultValue `1` */
  scale?: number;
  /**
   * Where `x` (horizontal text) or `y` (text going up) sits along the text:
   * at its start, centre or end. @defaultValue `'left'`
   */
  align?: 'left' | 'center' | 'right';
  /**
   * `'horizontal'` reads left to right; `'up'` is rotated a quarter turn
   * anticlockwise and reads bottom to top (for y-axis labels).
   * @defaultValue `'horizontal'`
   */
  direction?: 'horizontal' | 'up';
}

/** Defaults of `drawText`. */
export const DRAW_TEXT_DEFAULTS: Readonly<Required<DrawTextOptions>> =
  Object.freeze({
    color: BLACK,
    scale: 1,
    align: 'left',
    direction: 'horizontal',
  });

const DRAW_TEXT_RULES: OptionRules<Required<DrawTextOptions>> = {
  color: COLOR_RULE,
  scale: integerRule({ min: 1, max: 64 }),
  align: oneOfRule(['left', 'center', 'right']),
  direction: oneOfRule(['horizontal', 'up']),
};

/**
 * Draws one line of text in the built-in 5×8 bitmap font.
 *
 * Horizontal text: `y` is the top of the glyph box and `x` its left edge,
 * centre or right edge per `align`. Text going up: `x` is the left of the
 * rotated box and `y` is where the text starts (`'left'`: its bottom),
 * its centre or its end (`'right'`: its top). Pixels off the image are
 * clipped. Non-ASCII characters show as `?`.
 *
 * @param image - Drawn into in place.
 * @param text - One line of text.
 * @param x - Anchor column in pixels (may be fractional; rounded).
 * @param y - Anchor row in pixels (rounded).
 * @param options - Colour, scale, alignment and direction.
 * @throws TypeError or RangeError for a bad image or option.
 * @remarks O(text length · scale²).
 * @example
 * const image = createImage(80, 20);
 * drawText(image, 'hello', 40, 6, { align: 'center' });
 */
export function drawText(
  image: RgbaImage,
  text: string,
  x: number,
  y: number,
  options: DrawTextOptions = {},
): void {
  checkImage('drawText', 'image', image);
  if (typeof text !== 'string') {
    throw new TypeError(
      `drawText: text must be a string, got ${JSON.stringify(text)}.`,
    );
  }
  const resolved = resolveOptions(
    'drawText',
    options,
    DRAW_TEXT_DEFAULTS,
    DRAW_TEXT_RULES,
  );
  renderText(image, text, x, y, resolved);
}

/** `drawText` without validation, for the plot functions. Internal. */
export function renderText(
  image: RgbaImage,
  text: string,
  x: number,
  y: number,
  options: Required<DrawTextOptions>,
): void {
  const { color, scale, align, direction } = options;
  const length = measureText(text, scale).width;
  const shift = align === 'left' ? 0 : align === 'center' ? length / 2 : length;
  const up = direction === 'up';
  const startX = Math.round(up ? x : x - shift);
  const startY = Math.round(up ? y + shift : y);
  for (let c = 0; c < text.length; c++) {
    const rows = glyphRows(text.charAt(c));
    const along = c * GLYPH_ADVANCE * scale;
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      const bits = rows[r] as number;
      if (bits === 0) {
        continue;
      }
      for (let col = 0; col < 5; col++) {
        if ((bits & (16 >> col)) === 0) {
          continue;
        }
        // Font pixel (col, r) becomes a scale × scale block.
        const u = along + col * scale;
        const v = r * scale;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            if (up) {
              setPixel(image, startX + v + dy, startY - 1 - u - dx, color);
            } else {
              setPixel(image, startX + u + dx, startY + v + dy, color);
            }
          }
        }
      }
    }
  }
}
