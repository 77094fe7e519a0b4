import { GLYPH_HEIGHT, measureText } from './bitmap-font.js';
import { fullClip } from './clip-rect.js';
import type { ClipRect } from './clip-rect.js';
import { renderText } from './draw-text.js';
import { markerStamp, stampMarker } from './draw-marker.js';
import type { MarkerShape } from './draw-marker.js';
import { strokeLine } from './draw-line.js';
import { paintRect } from './fill-rect.js';
import { BLACK, WHITE } from './image.js';
import type { Rgb, RgbaImage } from './image.js';

/** One row of a legend. Internal. */
export interface LegendEntry {
  label: string;
  color: Rgb;
  /** A marker swatch, or `null` for a line swatch. */
  marker: MarkerShape | null;
}

const BORDER: Rgb = [120, 120, 120];

/**
 * Draws a legend box in the corner of the plot area that hides the fewest
 * data pixels (top-right on ties): a swatch and a label per entry. Nothing
 * is drawn without entries. Internal.
 */
export function drawLegend(
  image: RgbaImage,
  plotArea: ClipRect,
  entries: readonly LegendEntry[],
  scale: number,
): void {
  if (entries.length === 0) {
    return;
  }
  const rowHeight = (GLYPH_HEIGHT + 4) * scale;
  const swatch = 14 * scale;
  const pad = 4 * scale;
  const labelWidth = Math.max(
    ...entries.map((e) => measureText(e.label, scale).width),
  );
  const boxWidth = pad + swatch + pad + labelWidth + pad;
  const boxHeight = pad + entries.length * rowHeight;
  const [left, top] = emptiestCorner(image, plotArea, boxWidth, boxHeight);
  paintRect(image, left, top, boxWidth, boxHeight, WHITE, 0.9);
  outline(image, left, top, boxWidth, boxHeight);
  const clip = fullClip(image);
  entries.forEach((entry, row) => {
    const y = top + pad + row * rowHeight;
    const middle = y + Math.floor((GLYPH_HEIGHT * scale) / 2);
    const swatchX = left + pad;
    if (entry.marker === null) {
      strokeLine(
        image,
        swatchX,
        middle,
        swatchX + swatch - 1,
        middle,
        entry.color,
        2 * scale,
        clip,
      );
    } else {
      const stamp = markerStamp(entry.marker, 7 * scale);
      const centre = Math.round(swatchX + swatch / 2);
      stampMarker(image, centre, middle, stamp, entry.color, clip);
    }
    renderText(image, entry.label, swatchX + swatch + pad, y, {
      color: BLACK,
      scale,
      align: 'left',
      direction: 'horizontal',
    });
  });
}

function outline(
  image: RgbaImage,
  left: number,
  top: number,
  width: number,
  height: number,
): void {
  paintRect(image, left, top, width, 1, BORDER);
  paintRect(image, left, top + height - 1, width, 1, BORDER);
  paintRect(image, left, top, 1, height, BORDER);
  paintRect(image, left + width - 1, top, 1, height, BORDER);
}

/** The top-left of the corner box with the fewest dark (data) pixels. */
function emptiestCorner(
  image: RgbaImage,
  area: ClipRect,
  width: number,
  height: number,
): [number, number] {
  const lefts = [area.x1 - width - 6, area.x0 + 6];
  const tops = [area.y0 + 6, area.y1 - height - 6];
  const corners: [number, number][] = [
    [lefts[0] as number, tops[0] as number],
    [lefts[1] as number, tops[0] as number],
    [lefts[0] as number, tops[1] as number],
    [lefts[1] as number, tops[1] as number],
  ];
  let best = corners[0] as [number, number];
  let fewest = Infinity;
  for (const corner of corners) {
    const count = darkPixels(image, corner[0], corner[1], width, height);
    if (count < fewest) {
      fewest = count;
      best = corner;
    }
  }
  return best;
}

/** Pixels with some channel below 200: data, not background or grid. */
function darkPixels(
  image: RgbaImage,
  left: number,
  top: number,
  width: number,
  height: number,
): number {
  let count = 0;
  const data = image.data;
  for (
    let y = Math.max(0, top);
    y < Math.min(image.height, top + height);
    y++
  ) {
    for (
      let x = Math.max(0, left);
      x < Math.min(image.width, left + width);
      x++
    ) {
      const i = (y * image.width + x) * 4;
      if (
        Math.min(
          data[i] as number,
          data[i + 1] as number,
          data[i + 2] as number,
        ) < 200
      ) {
        count++;
      }
    }
  }
  return count;
}
