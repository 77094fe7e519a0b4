import type { ClipRect } from './clip-rect.js';
import type { Rgb, RgbaImage } from './image.js';

/**
 * Draws a circle outline `thickness` pixels wide (inside the radius), centred
 * at a possibly fractional point, restricted to `clip`. Internal.
 */
export function drawCircle(
  image: RgbaImage,
  cx: number,
  cy: number,
  radius: number,
  thickness: number,
  color: Rgb,
  clip: ClipRect,
): void {
  const x0 = Math.max(clip.x0, Math.floor(cx - radius - 1));
  const x1 = Math.min(clip.x1, Math.ceil(cx + radius + 1));
  const y0 = Math.max(clip.y0, Math.floor(cy - radius - 1));
  const y1 = Math.min(clip.y1, Math.ceil(cy + radius + 1));
  const inner = Math.max(0, radius - thickness);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      // Measure from the pixel's centre.
      const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (distance <= radius && distance > inner) {
        const i = (y * image.width + x) * 4;
        image.data[i] = color[0];
        image.data[i + 1] = color[1];
        image.data[i + 2] = color[2];
        image.data[i + 3] = 255;
      }
    }
  }
}
