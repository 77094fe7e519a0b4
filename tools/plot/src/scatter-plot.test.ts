import { describe, expect, it } from 'vitest';
import { Extent } from './axes-options.js';
import { getPixel } from './image.js';
import type { Rgb } from './image.js';
import { NOISE_COLOR, PALETTE } from './palette.js';
import { layoutFrame } from './plot-frame.js';
import { decodePng, encodePng } from './png.js';
import { scatterPlot, SCATTER_PLOT_DEFAULTS } from './scatter-plot.js';
import { centroid, pixelsOfColor } from './test-pixels.js';

const RED: Rgb = [250, 0, 0];
const SPEC = {
  width: 400,
  height: 300,
  title: 'T',
  xLabel: 'x',
  yLabel: 'y',
  xRange: [-2, 2] as const,
  yRange: [0, 10] as const,
  equalAspect: false,
  fontScale: 1,
};

describe('scatterPlot', () => {
  it('puts a marker at the pixel its data coordinate maps to', () => {
    const frame = layoutFrame(SPEC);
    const { area } = frame;

    const image = decodePng(
      encodePng(
        scatterPlot(
          [{ points: [1, 7.5], dimensions: 2, color: RED, size: 5 }],
          { ...SPEC, xRange: [-2, 2], yRange: [0, 10] },
        ),
      ),
    );

    // The map sends the range's ends to the edges of the axes box.
    expect(frame.xOffset + -2 * frame.xScale).toBeCloseTo(area.x0, 9);
    expect(frame.xOffset + 2 * frame.xScale).toBeCloseTo(area.x1 - 1, 9);
    expect(frame.yOffset + 0 * frame.yScale).toBeCloseTo(area.y1 - 1, 9);
    expect(frame.yOffset + 10 * frame.yScale).toBeCloseTo(area.y0, 9);
    const expectedX = area.x0 + 0.75 * (area.x1 - 1 - area.x0);
    const expectedY = area.y1 - 1 - 0.75 * (area.y1 - 1 - area.y0);
    const [cx, cy] = centroid(pixelsOfColor(image, RED));
    expect(Math.abs(cx - expectedX)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - expectedY)).toBeLessThanOrEqual(0.5);
    expect(
      getPixel(image, Math.round(expectedX), Math.round(expectedY)),
    ).toEqual([...RED, 255]);
  });

  it('keeps every point inside the auto range', () => {
    const points = new Float64Array([-5, 3, 100, -40, 7, 7, 0, 0, 55, 12]);

    const image = scatterPlot([{ points, dimensions: 2, color: RED, size: 1 }]);

    expect(pixelsOfColor(image, RED)).toHaveLength(5);
  });

  it('colours points by palette index and negative labels as noise', () => {
    const points = [0, 0, 10, 0, 0, 10];

    const image = scatterPlot([
      { points, dimensions: 2, colors: new Int32Array([1, 2, -1]) },
    ]);

    expect(pixelsOfColor(image, PALETTE[1] as Rgb).length).toBeGreaterThan(0);
    expect(pixelsOfColor(image, PALETTE[2] as Rgb).length).toBeGreaterThan(0);
    expect(pixelsOfColor(image, NOISE_COLOR).length).toBeGreaterThan(0);
  });

  it('reads only columns 0 and 1 of wider points', () => {
    const narrow = scatterPlot([
      { points: [1, 2, 3, 4], dimensions: 2, color: RED },
    ]);
    const wide = scatterPlot([
      { points: [1, 2, 99, 3, 4, -99], dimensions: 3, color: RED },
    ]);

    expect(Array.from(wide.data)).toEqual(Array.from(narrow.data));
  });

  it('draws a million points', () => {
    const n = 1_000_000;
    const points = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      points[2 * i] = (i % 1000) / 1000;
      points[2 * i + 1] = Math.floor(i / 1000) / 1000;
    }

    const image = scatterPlot([{ points, dimensions: 2, color: RED }]);

    expect(pixelsOfColor(image, RED).length).toBeGreaterThan(100_000);
  });

  it('gives equal aspect by default: one unit spans as many pixels on x as on y', () => {
    const frame = layoutFrame({
      ...SPEC,
      equalAspect: true,
      xRange: [0, 10],
      yRange: [0, 1],
    });

    expect(frame.xScale).toBeCloseTo(-frame.yScale, 9);
    expect(frame.xRange[0]).toBeLessThanOrEqual(0);
    expect(frame.yRange[0]).toBeLessThan(0);
    expect(frame.yRange[1]).toBeGreaterThan(1);
    expect(SCATTER_PLOT_DEFAULTS.equalAspect).toBe(true);
  });

  it('draws a legend for labelled series', () => {
    const withLegend = scatterPlot([
      { points: [0, 0], dimensions: 2, color: RED, label: 'centres' },
    ]);
    const without = scatterPlot([
      { points: [0, 0], dimensions: 2, color: RED },
    ]);

    expect(pixelsOfColor(withLegend, RED).length).toBeGreaterThan(
      pixelsOfColor(without, RED).length,
    );
  });

  it('rejects a NaN range with the full message', () => {
    const call = () => scatterPlot([], { xRange: [NaN, 1] });
    expect(call).toThrow(
      new RangeError(
        'scatterPlot: xRange must be null or [min, max] with finite numbers ' +
          'and min < max, got [null,1].',
      ),
    );
  });

  it('rejects an image too small for the axes', () => {
    expect(() =>
      scatterPlot([], { width: 60, height: 40, title: 'T' }),
    ).toThrow(
      new RangeError(
        'scatterPlot: width and height must leave room for the axes, ' +
          'titles and labels, got 60×40. Try a larger image.',
      ),
    );
  });

  it('rejects width <= 0 and mismatched lengths with full messages', () => {
    expect(() => scatterPlot([], { width: 0 })).toThrow(
      'scatterPlot: width must be an integer >= 1 and <= 16384, got 0.',
    );
    expect(() => scatterPlot([{ points: [1, 2, 3], dimensions: 2 }])).toThrow(
      new RangeError(
        'scatterPlot: series[0].points must have a length that is a multiple ' +
          'of dimensions (2), got 3.',
      ),
    );
    const colors = () =>
      scatterPlot([{ points: [1, 2, 3, 4], dimensions: 2, colors: [0] }]);
    expect(colors).toThrow(
      new RangeError(
        'scatterPlot: series[0].colors must have length 2 (one per point), got 1.',
      ),
    );
  });
});

describe('Extent', () => {
  it('pads the data range by 5% and skips non-finite values', () => {
    const extent = new Extent();

    extent.add([0, NaN, 10, Infinity, -Infinity]);

    expect(extent.padded()).toEqual([-0.5, 10.5]);
  });

  it('falls back to [0, 1] without data and widens a single value', () => {
    const single = new Extent();
    single.add([3]);

    expect(new Extent().padded()).toEqual([0, 1]);
    expect(single.padded()).toEqual([2.5, 3.5]);
  });
});
