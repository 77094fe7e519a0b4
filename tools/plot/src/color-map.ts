import { assertNever } from '@lesson11/tensor';
import type { Rgb } from './image.js';

/** The colour maps `heatmap` offers. */
export const COLOR_MAPS = ['viridis-like', 'gray'] as const;

/** A colour map name: `'viridis-like'` (dark purple to yellow) or `'gray'`. */
export type ColorMapName = (typeof COLOR_MAPS)[number];

// Our own control points, evenly spaced in t: dark purple, blue, teal,
// green, yellow-green, yellow. Brightness rises monotonically, so the map
// still reads in greyscale print.
const VIRIDIS_LIKE_STOPS: readonly Rgb[] = [
  [60, 10, 90],
  [60, 80, 140],
  [35, 135, 140],
  [50, 180, 110],
  [160, 215, 50],
  [250, 230, 35],
];

/**
 * Looks up a colour map at `t` in [0, 1] (values outside are clamped; NaN
 * maps to 0).
 *
 * @param name - Which colour map.
 * @param t - Position along the map, 0 = lowest value.
 * @returns A new `[r, g, b]` with integer channels.
 * @example
 * sampleColorMap('gray', 1); // [255, 255, 255]
 */
export function sampleColorMap(name: ColorMapName, t: number): Rgb {
  const u = t > 0 ? (t < 1 ? t : 1) : 0;
  switch (name) {
    case 'gray': {
      const v = Math.round(u * 255);
      return [v, v, v];
    }
    case 'viridis-like': {
      const position = u * (VIRIDIS_LIKE_STOPS.length - 1);
      const i = Math.min(Math.floor(position), VIRIDIS_LIKE_STOPS.length - 2);
      const f = position - i;
      const a = VIRIDIS_LIKE_STOPS[i] as Rgb;
      const b = VIRIDIS_LIKE_STOPS[i + 1] as Rgb;
      return [
        Math.round(a[0] + (b[0] - a[0]) * f),
        Math.round(a[1] + (b[1] - a[1]) * f),
        Math.round(a[2] + (b[2] - a[2]) * f),
      ];
    }
    default:
      return assertNever(name, 'colour map');
  }
}
