import {
  formatValue,
  integerRule,
  optionError,
  resolveOptions,
} from '@lesson11/tensor';
import type { OptionRule, OptionRules } from '@lesson11/tensor';
import { GLYPH_HEIGHT } from './bitmap-font.js';
import { renderText } from './draw-text.js';
import { createImage, WHITE } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkImage, COLOR_RULE } from './input-checks.js';

/** Options of `panelGrid`. */
export interface PanelGridOptions {
  /** Pixels between panels and around the edge. @defaultValue `8` */
  gap?: number;
  /** Colour between panels. @defaultValue `[255, 255, 255]` */
  background?: Rgb;
  /** One caption per panel, drawn above it; `null` for none. @defaultValue `null` */
  titles?: readonly string[] | null;
  /** Integer zoom of the captions. @defaultValue `2` */
  fontScale?: number;
}

/** Defaults of `panelGrid`. */
export const PANEL_GRID_DEFAULTS: Readonly<Required<PanelGridOptions>> =
  Object.freeze({
    gap: 8,
    background: WHITE,
    titles: null,
    fontScale: 2,
  });

const TITLES_RULE: OptionRule = {
  must: 'be null or an array of strings',
  kind: 'type',
  test: (v) =>
    v === null || (Array.isArray(v) && v.every((s) => typeof s === 'string')),
};

const PANEL_GRID_RULES: OptionRules<Required<PanelGridOptions>> = {
  gap: integerRule({ min: 0, max: 1024 }),
  background: COLOR_RULE,
  titles: TITLES_RULE,
  fontScale: integerRule({ min: 1, max: 8 }),
};

const COLUMNS_RULE = integerRule({ min: 1 });

/**
 * Puts images side by side in a grid, e.g. k-means next to mean shift on
 * the same data. Each grid column is as wide as its widest panel and each
 * row as tall as its tallest; panels are centred in their cells.
 *
 * @param images - The panels in reading order, at least one.
 * @param columns - Panels per row, an integer ≥ 1 (more than the number of
 *   panels is fine).
 * @param options - Gap, background and captions.
 * @returns A new image the caller owns; the panels are copied.
 * @throws TypeError or RangeError for a bad image, column count or option,
 *   or a `titles` array of the wrong length.
 * @example
 * const a = createImage(40, 30, [255, 0, 0]);
 * const b = createImage(40, 30, [0, 0, 255]);
 * const both = panelGrid([a, b], 2, { titles: ['k-means', 'mean shift'] });
 */
export function panelGrid(
  images: readonly RgbaImage[],
  columns: number,
  options: PanelGridOptions = {},
): RgbaImage {
  const o = resolveOptions(
    'panelGrid',
    options,
    PANEL_GRID_DEFAULTS,
    PANEL_GRID_RULES,
  );
  if (!Array.isArray(images) || images.length === 0) {
    throw new RangeError(
      `panelGrid: images must be a non-empty array, got ${formatValue(images)}.`,
    );
  }
  images.forEach((image, i) => checkImage('panelGrid', `images[${i}]`, image));
  if (!COLUMNS_RULE.test(columns)) {
    throw optionError('panelGrid', 'columns', COLUMNS_RULE, columns);
  }
  if (o.titles !== null && o.titles.length !== images.length) {
    throw new RangeError(
      `panelGrid: titles must have length ${images.length} (one per image), ` +
        `got ${o.titles.length}.`,
    );
  }

  // 1. Column widths and row heights from the largest panel in each.
  const used = Math.min(columns, images.length);
  const rows = Math.ceil(images.length / used);
  const widths = new Array<number>(used).fill(0);
  const heights = new Array<number>(rows).fill(0);
  images.forEach((image, i) => {
    widths[i % used] = Math.max(widths[i % used] as number, image.width);
    heights[Math.floor(i / used)] = Math.max(
      heights[Math.floor(i / used)] as number,
      image.height,
    );
  });
  const band = o.titles === null ? 0 : GLYPH_HEIGHT * o.fontScale + 6;
  const lefts = offsets(widths, o.gap, 0);
  const tops = offsets(heights, o.gap, band);
  const width = lefts[used] as number;
  const height = tops[rows] as number;
  const grid = createImage(
    Math.max(1, width),
    Math.max(1, height),
    o.background,
  );
  const [r, g, b] = o.background;
  const ink: Rgb =
    0.299 * r + 0.587 * g + 0.114 * b > 128 ? [0, 0, 0] : [255, 255, 255];

  // 2. Copy each panel row by row, centred, with its caption above.
  images.forEach((image, i) => {
    const column = i % used;
    const row = Math.floor(i / used);
    const cellLeft = lefts[column] as number;
    const left =
      cellLeft + Math.floor(((widths[column] as number) - image.width) / 2);
    const top = (tops[row] as number) + band;
    for (let y = 0; y < image.height; y++) {
      const from = y * image.width * 4;
      grid.data.set(
        image.data.subarray(from, from + image.width * 4),
        ((top + y) * grid.width + left) * 4,
      );
    }
    const title = o.titles?.[i];
    if (title) {
      const centre = cellLeft + (widths[column] as number) / 2;
      renderText(grid, title, centre, top - band + 2, {
        color: ink,
        scale: o.fontScale,
        align: 'center',
        direction: 'horizontal',
      });
    }
  });
  return grid;
}

/** Start offsets of cells of the given sizes with a gap before each, and the total at the end. */
function offsets(
  sizes: readonly number[],
  gap: number,
  band: number,
): number[] {
  const starts = [gap];
  for (const size of sizes) {
    starts.push((starts[starts.length - 1] as number) + band + size + gap);
  }
  return starts;
}
