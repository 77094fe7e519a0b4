export type { AxesOptions } from './axes-options.js';
export {
  GLYPH_ADVANCE,
  GLYPH_HEIGHT,
  GLYPH_WIDTH,
  measureText,
} from './bitmap-font.js';
export type { TextSize } from './bitmap-font.js';
export { COLOR_MAPS, sampleColorMap } from './color-map.js';
export type { ColorMapName } from './color-map.js';
export { drawLine, DRAW_LINE_DEFAULTS } from './draw-line.js';
export type { DrawLineOptions } from './draw-line.js';
export {
  drawMarker,
  DRAW_MARKER_DEFAULTS,
  MARKER_SHAPES,
} from './draw-marker.js';
export type { DrawMarkerOptions, MarkerShape } from './draw-marker.js';
export { drawText, DRAW_TEXT_DEFAULTS } from './draw-text.js';
export type { DrawTextOptions } from './draw-text.js';
export { fillRect, FILL_RECT_DEFAULTS } from './fill-rect.js';
export type { FillRectOptions } from './fill-rect.js';
export {
  BLACK,
  createImage,
  getPixel,
  MAX_IMAGE_SIDE,
  WHITE,
} from './image.js';
export type { Rgb, RgbaImage } from './image.js';
export { formatTick, niceTicks } from './nice-ticks.js';
export type { NiceTicks } from './nice-ticks.js';
export { NOISE_COLOR, PALETTE, paletteColor } from './palette.js';
export { decodePng, encodePng } from './png.js';
export { scatterPlot, SCATTER_PLOT_DEFAULTS } from './scatter-plot.js';
export type { ScatterPlotOptions, ScatterSeries } from './scatter-plot.js';
export {
  grayscaleMontage,
  GRAYSCALE_MONTAGE_DEFAULTS,
} from './grayscale-montage.js';
export type {
  GrayscaleMontageOptions,
  GrayWindow,
  MontageSlice,
  SliceMarker,
} from './grayscale-montage.js';
export { heatmap, HEATMAP_DEFAULTS } from './heatmap.js';
export type { HeatmapOptions } from './heatmap.js';
export { linePlot, LINE_PLOT_DEFAULTS } from './line-plot.js';
export type { LinePlotOptions, LineSeries } from './line-plot.js';
export { panelGrid, PANEL_GRID_DEFAULTS } from './panel-grid.js';
export type { PanelGridOptions } from './panel-grid.js';
