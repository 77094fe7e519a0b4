import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  COLOR_MAPS,
  createImage,
  decodePng,
  DRAW_LINE_DEFAULTS,
  DRAW_MARKER_DEFAULTS,
  DRAW_TEXT_DEFAULTS,
  drawLine,
  drawMarker,
  drawText,
  encodePng,
  FILL_RECT_DEFAULTS,
  fillRect,
  formatTick,
  getPixel,
  grayscaleMontage,
  heatmap,
  linePlot,
  measureText,
  niceTicks,
  NOISE_COLOR,
  PALETTE,
  paletteColor,
  panelGrid,
  sampleColorMap,
  SCATTER_PLOT_DEFAULTS,
  scatterPlot,
} from './index.js';
import type { MontageSlice, Rgb, RgbaImage, ScatterSeries } from './index.js';

describe('PALETTE', () => {
  it('holds at least 10 distinct colours, none of them the noise grey', () => {
    const keys = new Set(PALETTE.map((c) => c.join(',')));

    expect(PALETTE.length).toBeGreaterThanOrEqual(10);
    expect(keys.size).toBe(PALETTE.length);
    expect(keys.has(NOISE_COLOR.join(','))).toBe(false);
  });

  it('keeps every pair of colours apart', () => {
    for (let i = 0; i < PALETTE.length; i++) {
      for (let j = i + 1; j < PALETTE.length; j++) {
        const [a, b] = [PALETTE[i] as Rgb, PALETTE[j] as Rgb];
        const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        expect(distance).toBeGreaterThan(60);
      }
    }
  });

  it('wraps indices and maps negative ones to noise', () => {
    expect(paletteColor(PALETTE.length + 1)).toBe(PALETTE[1]);
    expect(paletteColor(-3)).toBe(NOISE_COLOR);
    expect(paletteColor(NaN)).toBe(NOISE_COLOR);
  });
});

describe('sampleColorMap', () => {
  it('runs from dark to bright in both maps and clamps outside [0, 1]', () => {
    const brightness = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    for (const name of COLOR_MAPS) {
      const steps = [0, 0.2, 0.4, 0.6, 0.8, 1].map((t) =>
        brightness(sampleColorMap(name, t)),
      );
      for (let k = 1; k < steps.length; k++) {
        expect(steps[k]).toBeGreaterThan(steps[k - 1] as number);
      }
      expect(sampleColorMap(name, -1)).toEqual(sampleColorMap(name, 0));
      expect(sampleColorMap(name, 2)).toEqual(sampleColorMap(name, 1));
    }
  });
});

describe('defaults', () => {
  it('keeps the drawing defaults', () => {
    expect({
      DRAW_LINE_DEFAULTS,
      DRAW_MARKER_DEFAULTS,
      DRAW_TEXT_DEFAULTS,
      FILL_RECT_DEFAULTS,
      SCATTER_PLOT_DEFAULTS,
    }).toMatchInlineSnapshot(`
      {
        "DRAW_LINE_DEFAULTS": {
          "color": [
            0,
            0,
            0,
          ],
          "lineWidth": 1,
        },
        "DRAW_MARKER_DEFAULTS": {
          "color": [
            0,
            0,
            0,
          ],
          "shape": "dot",
          "size": 5,
        },
        "DRAW_TEXT_DEFAULTS": {
          "align": "left",
          "color": [
            0,
            0,
            0,
          ],
          "direction": "horizontal",
          "scale": 1,
        },
        "FILL_RECT_DEFAULTS": {
          "color": [
            0,
            0,
            0,
          ],
          "opacity": 1,
        },
        "SCATTER_PLOT_DEFAULTS": {
          "equalAspect": true,
          "fontScale": 1,
          "height": 480,
          "showLegend": true,
          "title": "",
          "width": 640,
          "xLabel": "",
          "xRange": null,
          "yLabel": "",
          "yRange": null,
        },
      }
    `);
  });
});

describe('public API types', () => {
  it('types images, series and plot functions', () => {
    expectTypeOf(createImage).returns.toEqualTypeOf<RgbaImage>();
    expectTypeOf<RgbaImage['data']>().toEqualTypeOf<Uint8ClampedArray>();
    expectTypeOf(encodePng).returns.toEqualTypeOf<Buffer>();
    expectTypeOf(scatterPlot)
      .parameter(0)
      .toEqualTypeOf<readonly ScatterSeries[]>();
    expectTypeOf<ScatterSeries['points']>().toEqualTypeOf<ArrayLike<number>>();
    expectTypeOf(grayscaleMontage)
      .parameter(0)
      .toEqualTypeOf<readonly MontageSlice[]>();
    expectTypeOf(heatmap).returns.toEqualTypeOf<RgbaImage>();
    expectTypeOf(PALETTE).toEqualTypeOf<readonly Rgb[]>();
  });
});

// One test per @example in the TSDoc, so every example compiles and runs.
describe('TSDoc examples', () => {
  it('createImage, encodePng and decodePng', () => {
    const image = createImage(64, 32, [0, 0, 0]);
    expect(image.data.length).toBe(64 * 32 * 4);
    const bytes = encodePng(createImage(8, 8));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(decodePng(encodePng(createImage(8, 4))).width).toBe(8);
  });

  it('drawing primitives', () => {
    const text = createImage(80, 20);
    drawText(text, 'hello', 40, 6, { align: 'center' });
    const line = createImage(20, 20);
    drawLine(line, 0, 0, 19, 19, { color: [0, 0, 255] });
    const rect = createImage(10, 10);
    fillRect(rect, 2, 2, 4, 3, { color: [255, 0, 0] });
    const marker = createImage(20, 20);
    drawMarker(marker, 10, 10, { shape: 'ring', size: 9, color: [255, 0, 0] });

    expect(getPixel(line, 19, 19)).toEqual([0, 0, 255, 255]);
    expect(getPixel(rect, 2, 2)).toEqual([255, 0, 0, 255]);
    expect(getPixel(marker, 10, 6)).toEqual([255, 0, 0, 255]);
  });

  it('fonts, ticks, palette and colour maps', () => {
    expect(measureText('abc', 2)).toEqual({ width: 34, height: 16 });
    expect(niceTicks(0, 1).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(paletteColor(0)).toBe(PALETTE[0]);
    expect(paletteColor(-1)).toBe(NOISE_COLOR);
    expect(sampleColorMap('gray', 1)).toEqual([255, 255, 255]);
  });

  it('plots', () => {
    const points = new Float32Array([0, 0, 1, 1, 2, 0]);
    const scatter = scatterPlot(
      [{ points, dimensions: 2, colors: [0, 1, -1], label: 'blobs' }],
      { title: 'Three points' },
    );
    const line = linePlot(
      [{ x: [1, 2, 3], y: [0.5, 0.7, 0.8], label: 'accuracy' }],
      {
        xLabel: 'epoch',
        yRange: [0, 1],
      },
    );
    const map = heatmap([0.1, 0.9, 0.7, 0.3], 2, 2, {
      rowLabels: ['hop 1', 'hop 2'],
      showValues: true,
    });
    const slice = {
      data: new Float32Array(64 * 64).fill(-1000),
      width: 64,
      height: 64,
    };
    const montage = grayscaleMontage([slice, slice], {
      window: { level: -600, width: 1500 },
    });
    const a = createImage(40, 30, [255, 0, 0]);
    const b = createImage(40, 30, [0, 0, 255]);
    const both = panelGrid([a, b], 2, { titles: ['k-means', 'mean shift'] });

    expect([scatter.width, scatter.height]).toEqual([640, 480]);
    expect([line.width, line.height]).toEqual([640, 480]);
    expect(map.width).toBeGreaterThan(64);
    expect([montage.width, montage.height]).toEqual([4 + 2 * 68, 4 + 68]);
    expect(both.width).toBe(8 + 40 + 8 + 40 + 8);
  });
});
