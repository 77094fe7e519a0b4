import { describe, expect, it } from 'vitest';
import {
  grayscaleMontage,
  GRAYSCALE_MONTAGE_DEFAULTS,
} from './grayscale-montage.js';
import type { MontageSlice } from './grayscale-montage.js';
import { getPixel } from './image.js';
import { pixelsOfColor } from './test-pixels.js';

const WINDOW = { level: 50, width: 100 };

function slice(value: number, extra: Partial<MontageSlice> = {}): MontageSlice {
  return {
    data: new Float32Array(8 * 6).fill(value),
    width: 8,
    height: 6,
    ...extra,
  };
}

describe('grayscaleMontage', () => {
  it('maps values through the window to grey', () => {
    const slices = [slice(-20), slice(25), slice(50), slice(500)];

    const image = grayscaleMontage(slices, {
      window: WINDOW,
      columns: 4,
      gap: 2,
    });

    const greys = [0, 1, 2, 3].map(
      (k) => getPixel(image, 2 + k * 10 + 3, 2 + 3)[0],
    );
    expect(greys).toEqual([0, 64, 128, 255]);
    expect(image.width).toBe(2 + 4 * (8 + 2));
    expect(image.height).toBe(2 + 6 + 2);
  });

  it('changes exactly the masked pixels', () => {
    const mask = new Uint8Array(8 * 6);
    const masked = [3, 4, 11, 20, 47];
    for (const i of masked) mask[i] = 1;

    const plain = grayscaleMontage([slice(50)], { window: WINDOW, gap: 0 });
    const tinted = grayscaleMontage([slice(50, { mask })], {
      window: WINDOW,
      gap: 0,
    });

    const changed: number[] = [];
    for (let p = 0; p < 8 * 6; p++) {
      if (
        plain.data[p * 4] !== tinted.data[p * 4] ||
        plain.data[p * 4 + 1] !== tinted.data[p * 4 + 1]
      ) {
        changed.push(p);
      }
    }
    expect(changed).toEqual(masked);
    // 0.65 · 128 + 0.35 · [255, 40, 40] for the default red.
    expect(getPixel(tinted, 3, 0)).toEqual([172, 97, 97, 255]);
  });

  it('zooms with nearest neighbour to a target cell width', () => {
    const data = new Float32Array([0, 100, 100, 0]);

    const image = grayscaleMontage([{ data, width: 2, height: 2 }], {
      window: WINDOW,
      cellWidth: 8,
      gap: 0,
    });

    expect([image.width, image.height]).toEqual([8, 8]);
    expect(getPixel(image, 3, 3)[0]).toBe(0);
    expect(getPixel(image, 4, 3)[0]).toBe(255);
    expect(getPixel(image, 3, 4)[0]).toBe(255);
  });

  it('circles markers inside their slice', () => {
    const big = { data: new Float32Array(40 * 40), width: 40, height: 40 };
    const yellow = [255, 220, 0] as const;

    const image = grayscaleMontage(
      [{ ...big, markers: [{ x: 20, y: 20, radius: 8 }] }],
      {
        window: WINDOW,
        gap: 0,
      },
    );

    const ring = pixelsOfColor(image, yellow);
    const distances = ring.map(([x, y]) =>
      Math.hypot(x + 0.5 - 20.5, y + 0.5 - 20.5),
    );
    expect(ring.length).toBeGreaterThan(50);
    expect(Math.min(...distances)).toBeGreaterThan(6);
    expect(Math.max(...distances)).toBeLessThanOrEqual(8);
  });

  it('rejects a window width <= 0 with the full message', () => {
    const call = () =>
      grayscaleMontage([slice(0)], { window: { level: 40, width: 0 } });
    expect(call).toThrow(
      new RangeError(
        'grayscaleMontage: window must be {level, width} with a finite level ' +
          'and a finite width > 0, got {"level":40,"width":0}.',
      ),
    );
  });

  it('rejects a mask of the wrong length', () => {
    const call = () => grayscaleMontage([slice(0, { mask: [1, 0] })]);
    expect(call).toThrow(
      new RangeError(
        'grayscaleMontage: slices[0].mask must have length 48 (width * height), got 2.',
      ),
    );
  });

  it('keeps its defaults', () => {
    expect(GRAYSCALE_MONTAGE_DEFAULTS).toMatchInlineSnapshot(`
      {
        "background": [
          0,
          0,
          0,
        ],
        "cellWidth": null,
        "columns": null,
        "fontScale": 1,
        "gap": 4,
        "markerColor": [
          255,
          220,
          0,
        ],
        "maskColor": [
          255,
          40,
          40,
        ],
        "maskOpacity": 0.35,
        "scale": 1,
        "window": {
          "level": -600,
          "width": 1500,
        },
      }
    `);
  });
});
