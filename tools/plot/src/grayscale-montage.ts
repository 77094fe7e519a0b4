import {
  formatValue,
  integerRule,
  nullableRule,
  numberRule,
} from '@lesson11/tensor';
import { optionError, resolveOptions } from '@lesson11/tensor';
import type { OptionRule, OptionRules } from '@lesson11/tensor';
import { GLYPH_HEIGHT } from './bitmap-font.js';
import { renderText } from './draw-text.js';
import { createImage } from './image.js';
import type { Rgb, RgbaImage } from './image.js';
import { checkArrayLike, checkLength, COLOR_RULE } from './input-checks.js';
import { drawCircle } from './draw-circle.js';

/** A circle drawn over a slice, e.g. a nodule candidate. */
export interface SliceMarker {
  /** Centre column in slice pixels (before zoom). */
  x: number;
  /** Centre row in slice pixels. */
  y: number;
  /** Radius in slice pixels, > 0. */
  radius: number;
  /** Outline colour; default the montage's `markerColor`. */
  color?: Rgb;
}

/** One 2-D image of the montage, e.g. a CT slice in Hounsfield units. */
export interface MontageSlice {
  /** Row-major `[height, width]` values (any unit; `window` maps them). */
  data: ArrayLike<number>;
  /** Columns, an integer ≥ 1. */
  width: number;
  /** Rows, an integer ≥ 1. */
  height: number;
  /** Caption above the slice. */
  title?: string;
  /** `[height, width]`; a nonzero entry tints that pixel with `maskColor`. */
  mask?: ArrayLike<number>;
  /** Circles to draw over the slice. */
  markers?: readonly SliceMarker[];
}

/** Gray-level window: values in `level ± width / 2` span black to white. */
export interface GrayWindow {
  /** Centre value, shown mid-grey. */
  level: number;
  /** Span of values from black to white, > 0. */
  width: number;
}

/** Options of `grayscaleMontage`. */
export interface GrayscaleMontageOptions {
  /** Slices per row; `null` for ⌈√n⌉. @defaultValue `null` */
  columns?: number | null;
  /**
   * Value window; the default is a lung window in Hounsfield units.
   * @defaultValue `{ level: -600, width: 1500 }`
   */
  window?: GrayWindow;
  /** Colour of mask overlays. @defaultValue `[255, 40, 40]` */
  maskColor?: Rgb;
  /** Opacity of mask overlays, 0–1. @defaultValue `0.35` */
  maskOpacity?: number;
  /** Default colour of marker circles. @defaultValue `[255, 220, 0]` */
  markerColor?: Rgb;
  /** Nearest-neighbour zoom factor (may be < 1 or fractional). @defaultValue `1` */
  scale?: number;
  /** Target width of each slice in pixels; overrides `scale` when set. @defaultValue `null` */
  cellWidth?: number | null;
  /** Pixels between slices and around the edge. @defaultValue `4` */
  gap?: number;
  /** Background colour. @defaultValue `[0, 0, 0]` */
  background?: Rgb;
  /** Integer zoom of the captions. @defaultValue `1` */
  fontScale?: number;
}

/** Defaults of `grayscaleMontage`. */
export const GRAYSCALE_MONTAGE_DEFAULTS: Readonly<
  Required<GrayscaleMontageOptions>
> = Object.freeze<Required<GrayscaleMontageOptions>>({
  columns: null,
  window: Object.freeze({ level: -600, width: 1500 }),
  maskColor: [255, 40, 40],
  maskOpacity: 0.35,
  markerColor: [255, 220, 0],
  scale: 1,
  cellWidth: null,
  gap: 4,
  background: [0, 0, 0],
  fontScale: 1,
});

const WINDOW_RULE: OptionRule = {
  must: 'be {level, width} with a finite level and a finite width > 0',
  kind: 'range',
  test: (v) => {
    const w = v as GrayWindow;
    return (
      typeof v === 'object' &&
      v !== null &&
      Number.isFinite(w.level) &&
      Number.isFinite(w.width) &&
      w.width > 0
    );
  },
};

const MONTAGE_RULES: OptionRules<Required<GrayscaleMontageOptions>> = {
  columns: nullableRule(integerRule({ min: 1 })),
  window: WINDOW_RULE,
  maskColor: COLOR_RULE,
  maskOpacity: numberRule({ min: 0, max: 1 }),
  markerColor: COLOR_RULE,
  scale: numberRule({ min: 0, minExclusive: true, max: 64 }),
  cellWidth: nullableRule(integerRule({ min: 1, max: 8192 })),
  gap: integerRule({ min: 0, max: 256 }),
  background: COLOR_RULE,
  fontScale: integerRule({ min: 1, max: 8 }),
};

const SIDE_RULE = integerRule({ min: 1 });

/**
 * Lays 2-D slices out in a grid as grey images, e.g. CT slices through a
 * lung with the lung mask tinted and nodule candidates circled.
 *
 * A value v becomes grey `255 · clamp((v − (level − width/2)) / width, 0, 1)`.
 * Every cell has the size of the largest zoomed slice; smaller slices sit at
 * its top-left. Masked pixels blend `maskColor` at `maskOpacity` over the
 * grey; nothing else changes. Markers are 2-pixel circle outlines, clipped
 * to their slice.
 *
 * @param slices - The slices, at least one.
 * @param options - Layout, window, overlay colours and zoom.
 * @returns A new image the caller owns.
 * @throws TypeError or RangeError for a bad slice field or option, e.g. a
 *   window width ≤ 0 or a mask of the wrong length.
 * @remarks O(output pixels). Zoom is nearest-neighbour, no smoothing.
 * @example
 * const slice = { data: new Float32Array(64 * 64).fill(-1000), width: 64, height: 64 };
 * const image = grayscaleMontage([slice, slice], { window: { level: -600, width: 1500 } });
 */
export function grayscaleMontage(
  slices: readonly MontageSlice[],
  options: GrayscaleMontageOptions = {},
): RgbaImage {
  const o = resolveOptions(
    'grayscaleMontage',
    options,
    GRAYSCALE_MONTAGE_DEFAULTS,
    MONTAGE_RULES,
  );
  checkSlices(slices);

  // 1. Grid geometry: one cell size for all, a caption band if any title.
  const zooms = slices.map((s) =>
    o.cellWidth === null ? o.scale : o.cellWidth / s.width,
  );
  const cellWidth = Math.max(
    ...slices.map((s, i) =>
      Math.max(1, Math.round(s.width * (zooms[i] as number))),
    ),
  );
  const cellHeight = Math.max(
    ...slices.map((s, i) =>
      Math.max(1, Math.round(s.height * (zooms[i] as number))),
    ),
  );
  const textHeight = GLYPH_HEIGHT * o.fontScale;
  const band = slices.some((s) => s.title) ? textHeight + 4 : 0;
  const columns = Math.min(
    slices.length,
    o.columns ?? Math.ceil(Math.sqrt(slices.length)),
  );
  const rows = Math.ceil(slices.length / columns);
  const width = o.gap + columns * (cellWidth + o.gap);
  const height = o.gap + rows * (band + cellHeight + o.gap);
  const image = createImage(width, height, o.background);
  const [r, g, b] = o.background;
  const ink: Rgb =
    0.299 * r + 0.587 * g + 0.114 * b > 128 ? [0, 0, 0] : [255, 255, 255];

  // 2. Each slice: window to grey, tint the mask, then circle the markers.
  slices.forEach((slice, index) => {
    const left = o.gap + (index % columns) * (cellWidth + o.gap);
    const captionTop =
      o.gap + Math.floor(index / columns) * (band + cellHeight + o.gap);
    const top = captionTop + band;
    const zoom = zooms[index] as number;
    paintSlice(image, slice, left, top, zoom, o);
    for (const marker of slice.markers ?? []) {
      drawCircle(
        image,
        left + (marker.x + 0.5) * zoom,
        top + (marker.y + 0.5) * zoom,
        marker.radius * zoom,
        2,
        marker.color ?? o.markerColor,
        {
          x0: left,
          y0: top,
          x1: left + Math.round(slice.width * zoom),
          y1: top + Math.round(slice.height * zoom),
        },
      );
    }
    if (slice.title) {
      renderText(image, slice.title, left + cellWidth / 2, captionTop, {
        color: ink,
        scale: o.fontScale,
        align: 'center',
        direction: 'horizontal',
      });
    }
  });
  return image;
}

function paintSlice(
  image: RgbaImage,
  slice: MontageSlice,
  left: number,
  top: number,
  zoom: number,
  o: Required<GrayscaleMontageOptions>,
): void {
  const outWidth = Math.max(1, Math.round(slice.width * zoom));
  const outHeight = Math.max(1, Math.round(slice.height * zoom));
  const low = o.window.level - o.window.width / 2;
  const windowWidth = o.window.width;
  const keep = 1 - o.maskOpacity;
  const [mr, mg, mb] = o.maskColor;
  const { data, mask } = slice;
  const out = image.data;
  for (let y = 0; y < outHeight; y++) {
    const sourceRow = Math.min(slice.height - 1, Math.floor(y / zoom));
    let i = ((top + y) * image.width + left) * 4;
    for (let x = 0; x < outWidth; x++, i += 4) {
      const source =
        sourceRow * slice.width +
        Math.min(slice.width - 1, Math.floor(x / zoom));
      const value = data[source] as number;
      // Clamp to 0–255 here; NaN becomes black.
      let grey = ((value - low) / windowWidth) * 255;
      grey = grey > 0 ? (grey < 255 ? grey : 255) : 0;
      if (mask !== undefined && mask[source] !== 0) {
        out[i] = grey * keep + mr * o.maskOpacity;
        out[i + 1] = grey * keep + mg * o.maskOpacity;
        out[i + 2] = grey * keep + mb * o.maskOpacity;
      } else {
        out[i] = grey;
        out[i + 1] = grey;
        out[i + 2] = grey;
      }
      out[i + 3] = 255;
    }
  }
}

function checkSlices(slices: readonly MontageSlice[]): void {
  if (!Array.isArray(slices) || slices.length === 0) {
    throw new RangeError(
      `grayscaleMontage: slices must be a non-empty array, got ${formatValue(slices)}.`,
    );
  }
  slices.forEach((s, index) => {
    const at = `slices[${index}]`;
    for (const field of ['width', 'height'] as const) {
      if (!SIDE_RULE.test(s?.[field])) {
        throw optionError(
          'grayscaleMontage',
          `${at}.${field}`,
          SIDE_RULE,
          s?.[field],
        );
      }
    }
    const n = s.width * s.height;
    checkArrayLike('grayscaleMontage', `${at}.data`, s.data);
    checkLength('grayscaleMontage', `${at}.data`, s.data, n, 'width * height');
    if (s.mask !== undefined) {
      checkArrayLike('grayscaleMontage', `${at}.mask`, s.mask);
      checkLength(
        'grayscaleMontage',
        `${at}.mask`,
        s.mask,
        n,
        'width * height',
      );
    }
    (s.markers ?? []).forEach((m: SliceMarker, k: number) => {
      const ok =
        Number.isFinite(m?.x) &&
        Number.isFinite(m?.y) &&
        Number.isFinite(m?.radius) &&
        m.radius > 0;
      if (!ok) {
        throw new RangeError(
          `grayscaleMontage: ${at}.markers[${k}] must be {x, y, radius} with ` +
            `finite numbers and radius > 0, got ${formatValue(m)}.`,
        );
      }
      if (m.color !== undefined && !COLOR_RULE.test(m.color)) {
        throw optionError(
          'grayscaleMontage',
          `${at}.markers[${k}].color`,
          COLOR_RULE,
          m.color,
        );
      }
    });
  });
}
