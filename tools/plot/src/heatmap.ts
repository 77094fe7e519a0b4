import {
  BOOLEAN_RULE,
  integerRule,
  nullableRule,
  numberRule,
} from '@lesson11/tensor';
import { oneOfRule, optionError, resolveOptions } from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';
import { Extent } from './axes-options.js';
import { GLYPH_HEIGHT, measureText } from './bitmap-font.js';
import { COLOR_MAPS, sampleColorMap } from './color-map.js';
import type { ColorMapName } from './color-map.js';
import { renderText } from './draw-text.js';
import type { DrawTextOptions } from './draw-text.js';
import { paintRect } from './fill-rect.js';
import { createImage } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkArrayLike, checkLength, STRING_RULE } from './input-checks.js';
import { formatTick, niceTicks } from './nice-ticks.js';
import type { OptionRule } from '@lesson11/tensor';

/** Options of `heatmap`. */
export interface HeatmapOptions {
  /** One label per row, drawn left of the grid; `null` for none. @defaultValue `null` */
  rowLabels?: readonly string[] | null;
  /** One label per column, drawn above it; `null` for none. @defaultValue `null` */
  columnLabels?: readonly string[] | null;
  /** Title above everything; `''` for none. @defaultValue `''` */
  title?: string;
  /** Colour map from `min` to `max`. @defaultValue `'viridis-like'` */
  colorMap?: ColorMapName;
  /** Value at the bottom of the map; `null` for the data's minimum. @defaultValue `null` */
  min?: number | null;
  /** Value at the top of the map; `null` for the data's maximum. @defaultValue `null` */
  max?: number | null;
  /** Side of one cell in pixels. @defaultValue `32` */
  cellSize?: number;
  /** Whether each cell prints its value (when it fits). @defaultValue `false` */
  showValues?: boolean;
  /** Labels longer than this are cut and end in `...`. @defaultValue `80` */
  maxLabelChars?: number;
  /** Whether a colour bar with the value scale sits at the right. @defaultValue `true` */
  showColorBar?: boolean;
  /** Integer zoom of all text (the title uses twice this). @defaultValue `1` */
  fontScale?: number;
}

/** Defaults of `heatmap`. */
export const HEATMAP_DEFAULTS: Readonly<Required<HeatmapOptions>> =
  Object.freeze({
    rowLabels: null,
    columnLabels: null,
    title: '',
    colorMap: 'viridis-like',
    min: null,
    max: null,
    cellSize: 32,
    showValues: false,
    maxLabelChars: 80,
    showColorBar: true,
    fontScale: 1,
  });

const LABELS_RULE: OptionRule = {
  must: 'be null or an array of strings',
  kind: 'type',
  test: (v) =>
    v === null || (Array.isArray(v) && v.every((s) => typeof s === 'string')),
};

const HEATMAP_RULES: OptionRules<Required<HeatmapOptions>> = {
  rowLabels: LABELS_RULE,
  columnLabels: LABELS_RULE,
  title: STRING_RULE,
  colorMap: oneOfRule(COLOR_MAPS),
  min: nullableRule(numberRule()),
  max: nullableRule(numberRule()),
  cellSize: integerRule({ min: 1, max: 1024 }),
  showValues: BOOLEAN_RULE,
  maxLabelChars: integerRule({ min: 4 }),
  showColorBar: BOOLEAN_RULE,
  fontScale: integerRule({ min: 1, max: 8 }),
};

const SIZE_RULE = integerRule({ min: 1 });
const NAN_CELL: Rgb = [215, 215, 215];
const TEXT: Rgb = [20, 20, 20];
const BAR_WIDTH = 14;

/**
 * Draws a matrix as coloured cells: e.g. memory-network attention (rows =
 * hops, columns = story sentences) or a confusion table.
 *
 * Values map linearly from `min` (bottom of the colour map) to `max` (top);
 * values outside are clamped, NaN cells are light grey. When `min === max`
 * every cell takes the map's middle colour. Row labels, however long, are
 * drawn at the left (cut to `maxLabelChars`); column labels are drawn above
 * their column, turned upright when they are wider than a cell.
 *
 * @param values - Row-major `[rows, columns]` values.
 * @param rows - Number of rows, an integer ≥ 1.
 * @param columns - Number of columns, an integer ≥ 1.
 * @param options - Labels, colour map, value range and layout.
 * @returns A new image the caller owns, sized to fit grid and labels.
 * @throws TypeError or RangeError for bad sizes, lengths or options, and
 *   when `min` ≥ `max` are both given.
 * @example
 * const image = heatmap([0.1, 0.9, 0.7, 0.3], 2, 2, {
 *   rowLabels: ['hop 1', 'hop 2'],
 *   showValues: true,
 * });
 */
export function heatmap(
  values: ArrayLike<number>,
  rows: number,
  columns: number,
  options: HeatmapOptions = {},
): RgbaImage {
  const o = resolveOptions('heatmap', options, HEATMAP_DEFAULTS, HEATMAP_RULES);
  checkInputs(values, rows, columns, o);
  const extent = new Extent();
  extent.add(values);
  const low = o.min ?? (extent.min <= extent.max ? extent.min : 0);
  const high = o.max ?? (extent.min <= extent.max ? extent.max : 1);
  const s = o.fontScale;
  const cell = o.cellSize;
  const textHeight = GLYPH_HEIGHT * s;

  // 1. Layout: row labels set the left margin, column labels the top.
  const rowLabels = (o.rowLabels ?? []).map((l) => cut(l, o.maxLabelChars));
  const columnLabels = (o.columnLabels ?? []).map((l) =>
    cut(l, o.maxLabelChars),
  );
  const rowLabelWidth = Math.max(
    0,
    ...rowLabels.map((l) => measureText(l, s).width),
  );
  const columnLabelWidth = Math.max(
    0,
    ...columnLabels.map((l) => measureText(l, s).width),
  );
  // Side by side labels need a few pixels of space between them.
  const upright = columnLabelWidth > cell - 6;
  const titleHeight = o.title ? 2 * textHeight + 8 * s : 0;
  const columnBand =
    columnLabels.length === 0 ? 0 : upright ? columnLabelWidth : textHeight;
  const left = 8 + (rowLabelWidth > 0 ? rowLabelWidth + 8 : 0);
  const top = 8 + titleHeight + (columnBand > 0 ? columnBand + 6 : 0);
  const gridWidth = columns * cell;
  const gridHeight = rows * cell;
  const ticks =
    low < high ? niceTicks(low, high, 5) : { values: [low], step: 1 };
  const tickLabels = ticks.values.map((v) => formatTick(v, ticks.step));
  const barSpace = o.showColorBar
    ? 12 +
      BAR_WIDTH +
      6 +
      Math.max(...tickLabels.map((l) => measureText(l, s).width))
    : 0;
  const titleWidth = o.title ? measureText(o.title, 2 * s).width + 16 : 0;
  const width = Math.max(left + gridWidth + barSpace + 8, titleWidth);
  const barHeight = Math.max(gridHeight, 80);
  const height = top + Math.max(gridHeight, o.showColorBar ? barHeight : 0) + 8;
  const image = createImage(width, height);
  const text: Required<DrawTextOptions> = {
    color: TEXT,
    scale: s,
    align: 'left',
    direction: 'horizontal',
  };

  // 2. Cells, with their values printed in black or white for contrast.
  const span = high - low;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = values[r * columns + c] as number;
      const color = Number.isNaN(v)
        ? NAN_CELL
        : sampleColorMap(o.colorMap, span > 0 ? (v - low) / span : 0.5);
      const x = left + c * cell;
      const y = top + r * cell;
      paintRect(image, x, y, cell, cell, color);
      if (o.showValues && !Number.isNaN(v)) {
        const label = formatCell(v);
        if (measureText(label, s).width <= cell - 2 && textHeight <= cell - 2) {
          const light =
            0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2] > 140;
          renderText(image, label, x + cell / 2, y + (cell - textHeight) / 2, {
            ...text,
            align: 'center',
            color: light ? [0, 0, 0] : [255, 255, 255],
          });
        }
      }
    }
  }

  // 3. Labels and title.
  rowLabels.forEach((label, r) => {
    const y = top + r * cell + (cell - textHeight) / 2;
    renderText(image, label, left - 8, y, { ...text, align: 'right' });
  });
  columnLabels.forEach((label, c) => {
    const x = left + c * cell + cell / 2;
    if (upright) {
      renderText(image, label, x - textHeight / 2, top - 6, {
        ...text,
        direction: 'up',
      });
    } else {
      renderText(image, label, x, top - 6 - textHeight, {
        ...text,
        align: 'center',
      });
    }
  });
  if (o.title) {
    renderText(image, o.title, width / 2, 8, {
      ...text,
      scale: 2 * s,
      align: 'center',
    });
  }

  // 4. Colour bar: the map from bottom (min) to top (max), with ticks.
  if (o.showColorBar) {
    const barX = left + gridWidth + 12;
    for (let i = 0; i < barHeight; i++) {
      const color = sampleColorMap(
        o.colorMap,
        1 - i / Math.max(1, barHeight - 1),
      );
      paintRect(image, barX, top + i, BAR_WIDTH, 1, color);
    }
    ticks.values.forEach((v, k) => {
      const t = span > 0 ? (v - low) / span : 0.5;
      const y = Math.round(top + (1 - t) * (barHeight - 1));
      paintRect(image, barX + BAR_WIDTH, y, 3, 1, TEXT);
      const labelTop = y - Math.floor(textHeight / 2) + s;
      renderText(
        image,
        tickLabels[k] as string,
        barX + BAR_WIDTH + 6,
        labelTop,
        text,
      );
    });
  }
  return image;
}

/** Prints a cell value briefly: integers as they are, others with 2 decimals. */
function formatCell(v: number): string {
  if (Number.isInteger(v)) {
    return String(v);
  }
  return Math.abs(v) >= 1000 || Math.abs(v) < 0.01
    ? v.toExponential(1)
    : v.toFixed(2);
}

function cut(label: string, maxChars: number): string {
  return label.length <= maxChars
    ? label
    : `${label.slice(0, maxChars - 3)}...`;
}

function checkInputs(
  values: ArrayLike<number>,
  rows: number,
  columns: number,
  o: Required<HeatmapOptions>,
): void {
  if (!SIZE_RULE.test(rows))
    throw optionError('heatmap', 'rows', SIZE_RULE, rows);
  if (!SIZE_RULE.test(columns)) {
    throw optionError('heatmap', 'columns', SIZE_RULE, columns);
  }
  checkArrayLike('heatmap', 'values', values);
  checkLength('heatmap', 'values', values, rows * columns, 'rows * columns');
  if (o.rowLabels !== null && o.rowLabels.length !== rows) {
    throw new RangeError(
      `heatmap: rowLabels must have length ${rows} (one per row), ` +
        `got ${o.rowLabels.length}.`,
    );
  }
  if (o.columnLabels !== null && o.columnLabels.length !== columns) {
    throw new RangeError(
      `heatmap: columnLabels must have length ${columns} (one per column), ` +
        `got ${o.columnLabels.length}.`,
    );
  }
  if (o.min !== null && o.max !== null && !(o.min < o.max)) {
    throw new RangeError(
      `heatmap: max must be > min (${o.min}), got ${o.max}.`,
    );
  }
}
