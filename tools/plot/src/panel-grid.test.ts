import { describe, expect, it } from 'vitest';
import { createImage, getPixel } from './image.js';
import { panelGrid } from './panel-grid.js';

describe('panelGrid', () => {
  it('places panels left to right, then down, separated by the gap', () => {
    const red = createImage(10, 6, [255, 0, 0]);
    const blue = createImage(4, 4, [0, 0, 255]);
    const green = createImage(10, 2, [0, 255, 0]);

    const grid = panelGrid([red, blue, green], 2, {
      gap: 2,
      background: [0, 0, 0],
    });

    expect([grid.width, grid.height]).toEqual([
      2 + 10 + 2 + 4 + 2,
      2 + 6 + 2 + 2 + 2,
    ]);
    expect(getPixel(grid, 2, 2)).toEqual([255, 0, 0, 255]);
    expect(getPixel(grid, 11, 7)).toEqual([255, 0, 0, 255]);
    expect(getPixel(grid, 14, 2)).toEqual([0, 0, 255, 255]);
    expect(getPixel(grid, 14, 7)).toEqual([0, 0, 0, 255]);
    expect(getPixel(grid, 2, 10)).toEqual([0, 255, 0, 255]);
    expect(getPixel(grid, 12, 2)).toEqual([0, 0, 0, 255]);
  });

  it('adds a caption band above each row when titles are given', () => {
    const panel = createImage(60, 10, [0, 0, 255]);

    const grid = panelGrid([panel, panel], 2, {
      titles: ['k-means', 'mean shift'],
      gap: 0,
    });

    expect(grid.height).toBe(10 + 8 * 2 + 6);
    expect(getPixel(grid, 0, 22)).toEqual([0, 0, 255, 255]);
  });

  it('rejects titles of the wrong length with the full message', () => {
    const panel = createImage(4, 4);
    expect(() => panelGrid([panel, panel], 2, { titles: ['one'] })).toThrow(
      new RangeError(
        'panelGrid: titles must have length 2 (one per image), got 1.',
      ),
    );
    expect(() => panelGrid([panel], 0)).toThrow(
      'panelGrid: columns must be an integer >= 1, got 0.',
    );
  });
});
