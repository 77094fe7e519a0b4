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
 * Draws a legend box in the top-right corner of the plot area: a swatch
 * and a label per entry. Nothing is drawn without entries. Internal.
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
  const left = plotArea.x1 - boxWidth - 6;
  const top = plotArea.y0 + 6;
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
