import { describe, expect, it } from 'vitest';
import type { Rgb } from './image.js';
import { linePlot, LINE_PLOT_DEFAULTS } from './line-plot.js';
import { layoutFrame } from './plot-frame.js';
import { pixelsOfColor } from './test-pixels.js';

const RED: Rgb = [250, 0, 0];

describe('linePlot', () => {
  it('joins the points with a line along the mapped row', () => {
    const options = { xRange: [0, 4], yRange: [0, 1], lineWidth: 1 } as const;
    const frame = layoutFrame({
      ...LINE_PLOT_DEFAULTS,
      ...options,
      title: '',
      xLabel: '',
      yLabel: '',
    });

    const image = linePlot([{ x: [1, 3], y: [0.5, 0.5], color: RED }], options);

    const pixels = pixelsOfColor(image, RED);
    const row = Math.round(frame.yOffset + 0.5 * frame.yScale);
    const left = Math.round(frame.xOffset + frame.xScale);
    const right = Math.round(frame.xOffset + 3 * frame.xScale);
    expect(pixels.every(([, y]) => y === row)).toBe(true);
    expect(pixels).toHaveLength(right - left + 1);
  });

  it('breaks the curve at NaN', () => {
    const whole = linePlot([{ x: [0, 1, 2], y: [0, 1, 0], color: RED }]);

    const broken = linePlot([
      { x: [0, 1, 1.5, 2], y: [0, 1, NaN, 0], color: RED },
    ]);

    expect(pixelsOfColor(broken, RED).length).toBeLessThan(
      pixelsOfColor(whole, RED).length * 0.75,
    );
  });

  it('rejects x and y of different lengths with the full message', () => {
    expect(() => linePlot([{ x: [1, 2, 3], y: [1, 2] }])).toThrow(
      new RangeError(
        'linePlot: series[0].y must have length 3 (one per x value), got 2.',
      ),
    );
  });

  it('keeps its defaults', () => {
    expect(LINE_PLOT_DEFAULTS).toMatchInlineSnapshot(`
      {
        "equalAspect": false,
        "fontScale": 1,
        "height": 480,
        "lineWidth": 2,
        "showLegend": true,
        "showMarkers": false,
        "title": "",
        "width": 640,
        "xLabel": "",
        "xRange": null,
        "yLabel": "",
        "yRange": null,
      }
    `);
  });
});
