import { describe, expect, it } from 'vitest';
import { sampleColorMap } from './color-map.js';
import { heatmap, HEATMAP_DEFAULTS } from './heatmap.js';
import { getPixel, WHITE } from './image.js';
import { countOtherThan } from './test-pixels.js';

// With no labels and no title the grid starts 8 pixels from the top-left.
const GRID_ORIGIN = 8;

function cellCentre(
  row: number,
  column: number,
  cellSize: number,
): [number, number] {
  const half = Math.floor(cellSize / 2);
  return [
    GRID_ORIGIN + column * cellSize + half,
    GRID_ORIGIN + row * cellSize + half,
  ];
}

describe('heatmap', () => {
  it('orders grey cell colours by value', () => {
    const values = [0.5, 0, 1, 0.25, 0.75];

    const image = heatmap(values, 1, 5, { colorMap: 'gray', cellSize: 10 });

    const greys = values.map(
      (_, c) => getPixel(image, ...cellCentre(0, c, 10))[0],
    );
    expect(greys).toEqual([128, 0, 255, 64, 191]);
  });

  it('makes brighter viridis-like cells for larger values', () => {
    const values = [0.1, 0.3, 0.5, 0.7, 0.9, 0.2];

    const image = heatmap(values, 2, 3, { cellSize: 12 });

    const luminance = values.map((_, i) => {
      const [r, g, b] = getPixel(
        image,
        ...cellCentre(Math.floor(i / 3), i % 3, 12),
      );
      return 0.299 * r + 0.587 * g + 0.114 * b;
    });
    const order = values
      .map((_, i) => i)
      .sort((a, b) => values[a]! - values[b]!);
    const sorted = order.map((i) => luminance[i]!);
    for (let k = 1; k < sorted.length; k++) {
      expect(sorted[k]).toBeGreaterThan(sorted[k - 1]!);
    }
  });

  it('clamps to the given min and max', () => {
    const image = heatmap([-5, 0.5, 5], 1, 3, {
      colorMap: 'gray',
      min: 0,
      max: 1,
      cellSize: 10,
      showColorBar: false,
    });

    expect(getPixel(image, ...cellCentre(0, 0, 10))[0]).toBe(0);
    expect(getPixel(image, ...cellCentre(0, 1, 10))[0]).toBe(128);
    expect(getPixel(image, ...cellCentre(0, 2, 10))[0]).toBe(255);
    expect(image.width).toBe(GRID_ORIGIN + 30 + 8);
  });

  it('puts long row labels at the left of the grid', () => {
    const label = 'John moved to the office and picked up the football.';
    const plain = heatmap([0, 1], 2, 1, { showColorBar: false });

    const labelled = heatmap([0, 1], 2, 1, {
      rowLabels: [label, 'short'],
      showColorBar: false,
    });

    const grow = labelled.width - plain.width;
    expect(grow).toBe(label.length * 6 - 1 + 8);
    const inked = countOtherThan(labelled, WHITE, {
      x0: 0,
      y0: 0,
      x1: grow,
      y1: labelled.height,
    });
    expect(inked).toBeGreaterThan(200);
    expect(
      getPixel(labelled, grow + GRID_ORIGIN + 16, GRID_ORIGIN + 16).slice(0, 3),
    ).toEqual([...sampleColorMap('viridis-like', 0)]);
  });

  it('prints values inside cells when showValues is set', () => {
    const plain = heatmap([0.25], 1, 1, { showColorBar: false });

    const printed = heatmap([0.25], 1, 1, {
      showColorBar: false,
      showValues: true,
    });

    const box = {
      x0: GRID_ORIGIN,
      y0: GRID_ORIGIN,
      x1: GRID_ORIGIN + 32,
      y1: GRID_ORIGIN + 32,
    };
    const background = sampleColorMap('viridis-like', 0.5);
    expect(countOtherThan(plain, background, box)).toBe(0);
    expect(countOtherThan(printed, background, box)).toBeGreaterThan(20);
  });

  it('rejects a values array of the wrong length with the full message', () => {
    expect(() => heatmap([1, 2, 3], 2, 2)).toThrow(
      new RangeError(
        'heatmap: values must have length 4 (rows * columns), got 3.',
      ),
    );
  });

  it('rejects labels of the wrong length and min >= max', () => {
    expect(() => heatmap([1, 2], 1, 2, { columnLabels: ['a'] })).toThrow(
      'heatmap: columnLabels must have length 2 (one per column), got 1.',
    );
    expect(() => heatmap([1, 2], 1, 2, { min: 1, max: 1 })).toThrow(
      new RangeError('heatmap: max must be > min (1), got 1.'),
    );
    expect(() => heatmap([1, 2], 1, 2, { colorMap: 'jet' as 'gray' })).toThrow(
      'heatmap: colorMap must be one of "viridis-like", "gray", got "jet".',
    );
  });

  it('keeps its defaults', () => {
    expect(HEATMAP_DEFAULTS).toMatchInlineSnapshot(`
      {
        "cellSize": 32,
        "colorMap": "viridis-like",
        "columnLabels": null,
        "fontScale": 1,
        "max": null,
        "maxLabelChars": 80,
        "min": null,
        "rowLabels": null,
        "showColorBar": true,
        "showValues": false,
        "title": "",
      }
    `);
  });
});
