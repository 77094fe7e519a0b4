import { describe, expect, it } from 'vitest';
import { measureText } from './bitmap-font.js';
import { drawLine } from './draw-line.js';
import { drawMarker } from './draw-marker.js';
import { drawText } from './draw-text.js';
import { fillRect } from './fill-rect.js';
import { createImage, getPixel, WHITE } from './image.js';
import type { Rgb } from './image.js';
import { countOtherThan, pixelsOfColor } from './test-pixels.js';

const RED: Rgb = [255, 0, 0];

describe('drawText', () => {
  it('draws ink inside its measured box and nowhere else', () => {
    const image = createImage(120, 40);
    const size = measureText('Hello, 42!', 2);

    drawText(image, 'Hello, 42!', 10, 5, { scale: 2 });

    const inside = countOtherThan(image, WHITE, {
      x0: 10,
      y0: 5,
      x1: 10 + size.width,
      y1: 5 + size.height,
    });
    const everywhere = countOtherThan(image, WHITE, {
      x0: 0,
      y0: 0,
      x1: 120,
      y1: 40,
    });
    expect(size).toEqual({ width: 118, height: 16 });
    expect(inside).toBeGreaterThan(100);
    expect(everywhere).toBe(inside);
  });

  it('centres text on x when align is center', () => {
    const image = createImage(100, 20);

    drawText(image, 'III', 50, 2, { align: 'center', color: RED });

    const xs = pixelsOfColor(image, RED).map(([x]) => x);
    expect(Math.min(...xs) + Math.max(...xs)).toBeCloseTo(100, -1);
  });

  it('turns text upright, reading bottom to top', () => {
    const image = createImage(20, 100);
    const length = measureText('abc').width;

    drawText(image, 'abc', 5, 90, { direction: 'up', color: RED });

    const pixels = pixelsOfColor(image, RED);
    const ys = pixels.map(([, y]) => y);
    const xs = pixels.map(([x]) => x);
    expect(Math.max(...ys)).toBeLessThan(90);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(90 - length);
    expect(Math.max(...xs)).toBeLessThan(5 + 8);
  });

  it('shows non-ASCII characters as a question mark', () => {
    const a = createImage(10, 10);
    const b = createImage(10, 10);

    drawText(a, 'é', 0, 0);
    drawText(b, '?', 0, 0);

    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('rejects a scale of 0 with the full message', () => {
    expect(() => drawText(createImage(4, 4), 'x', 0, 0, { scale: 0 })).toThrow(
      new RangeError(
        'drawText: scale must be an integer >= 1 and <= 64, got 0.',
      ),
    );
  });

  it('rejects an unknown option', () => {
    const call = () =>
      drawText(createImage(4, 4), 'x', 0, 0, { colour: RED } as object);
    expect(call).toThrow(
      'drawText: options has an unknown field "colour". ' +
        'Try one of color, scale, align, direction.',
    );
  });
});

describe('drawLine', () => {
  it('draws both ends and the pixels between of a horizontal line', () => {
    const image = createImage(10, 5);

    drawLine(image, 2, 2, 7, 2, { color: RED });

    expect(pixelsOfColor(image, RED)).toEqual(
      [2, 3, 4, 5, 6, 7].map((x) => [x, 2]),
    );
  });

  it('draws a diagonal one pixel per step and clips far-away ends', () => {
    const image = createImage(10, 10);

    drawLine(image, -1e9, -1e9, 1e9, 1e9, { color: RED });

    const pixels = pixelsOfColor(image, RED);
    expect(pixels).toHaveLength(10);
    expect(pixels.every(([x, y]) => x === y)).toBe(true);
  });

  it('rejects a NaN coordinate', () => {
    expect(() => drawLine(createImage(4, 4), 0, NaN, 1, 1)).toThrow(
      new RangeError('drawLine: y0 must be a finite number, got NaN.'),
    );
  });
});

describe('fillRect', () => {
  it('fills exactly the rectangle', () => {
    const image = createImage(10, 10);

    fillRect(image, 2, 3, 4, 2, { color: RED });

    const pixels = pixelsOfColor(image, RED);
    expect(pixels).toHaveLength(8);
    expect(getPixel(image, 2, 3)).toEqual([255, 0, 0, 255]);
    expect(getPixel(image, 5, 4)).toEqual([255, 0, 0, 255]);
    expect(getPixel(image, 6, 4)).toEqual([255, 255, 255, 255]);
  });

  it('blends with the given opacity', () => {
    const image = createImage(2, 2, [0, 0, 0]);

    fillRect(image, 0, 0, 2, 2, { color: [200, 100, 0], opacity: 0.5 });

    expect(getPixel(image, 1, 1)).toEqual([100, 50, 0, 255]);
  });

  it('rejects an opacity above 1', () => {
    expect(() =>
      fillRect(createImage(2, 2), 0, 0, 1, 1, { opacity: 2 }),
    ).toThrow(
      new RangeError(
        'fillRect: opacity must be a finite number >= 0 and <= 1, got 2.',
      ),
    );
  });
});

describe('drawMarker', () => {
  it.each([
    ['dot', 21],
    ['square', 25],
    ['ring', 16],
    ['cross', 9],
  ] as const)('draws a %s of size 5 centred on the pixel', (shape, count) => {
    const image = createImage(11, 11);

    drawMarker(image, 5, 5, { shape, size: 5, color: RED });

    const pixels = pixelsOfColor(image, RED);
    expect(pixels).toHaveLength(count);
    expect(
      pixels.every(([x, y]) => Math.abs(x - 5) <= 2 && Math.abs(y - 5) <= 2),
    ).toBe(true);
  });

  it('paints the centre for dot, square and cross but not ring', () => {
    const centre = (shape: 'dot' | 'ring' | 'square' | 'cross') => {
      const image = createImage(11, 11);
      drawMarker(image, 5, 5, { shape, size: 7, color: RED });
      return getPixel(image, 5, 5)[1];
    };

    expect([centre('dot'), centre('square'), centre('cross')]).toEqual([
      0, 0, 0,
    ]);
    expect(centre('ring')).toBe(255);
  });

  it('rejects an unknown shape with the full message', () => {
    const call = () =>
      drawMarker(createImage(4, 4), 1, 1, { shape: 'star' as 'dot' });
    expect(call).toThrow(
      new RangeError(
        'drawMarker: shape must be one of "dot", "cross", "ring", "square", ' +
          'got "star".',
      ),
    );
  });
});
