import type { Rgb } from './image.js';

/**
 * Twelve colours for categories (clusters, series), far enough apart to tell
 * apart on white. Index `i` of a label uses `PALETTE[i % PALETTE.length]`.
 * Grey is left out on purpose: it is `NOISE_COLOR`.
 */
export const PALETTE: readonly Rgb[] = Object.freeze([
  [31, 110, 180],
  [240, 130, 20],
  [40, 160, 60],
  [215, 40, 40],
  [145, 95, 190],
  [140, 85, 70],
  [225, 115, 190],
  [170, 170, 30],
  [20, 180, 200],
  [40, 40, 120],
  [250, 190, 0],
  [0, 120, 110],
] as const);

/** The colour of points whose label is negative ("noise", unassigned). */
export const NOISE_COLOR: Rgb = Object.freeze([160, 160, 160]) as Rgb;

/**
 * The palette colour for a label: negative labels are noise (grey), others
 * wrap around the palette.
 *
 * @param index - A category index; non-integers are truncated.
 * @returns A colour from `PALETTE`, or `NOISE_COLOR`.
 * @example
 * paletteColor(0); // PALETTE[0]
 * paletteColor(-1); // NOISE_COLOR
 */
export function paletteColor(index: number): Rgb {
  if (!(index >= 0)) {
    return NOISE_COLOR;
  }
  return PALETTE[Math.trunc(index) % PALETTE.length] as Rgb;
}
