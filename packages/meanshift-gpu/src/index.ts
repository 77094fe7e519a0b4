export { assignLabels } from './assign-labels.js';
export { meanShift, meanShiftSteps } from './mean-shift.js';
export type { MeanShiftResult, MeanShiftStep } from './mean-shift.js';
export { mergeModes } from './merge-modes.js';
export type { MergedModes } from './merge-modes.js';
export { MEAN_SHIFT_DEFAULTS, resolveMeanShiftOptions } from './options.js';
export type {
  MeanShiftOptions,
  MeanShiftUpdate,
  ResolvedMeanShiftOptions,
} from './options.js';
export { meanShiftReference } from './reference.js';
export { gaussianShiftBatch, largestRowShift } from './shift-batch.js';
export { mergeParticles } from './merge-particles.js';
export type { Particles } from './merge-particles.js';
export {
  NEIGHBOR_MEAN_SHIFT_DEFAULTS,
  neighborMeanShift,
} from './neighbor-mean-shift.js';
export type {
  NeighborIndexBuilder,
  NeighborMeanShiftOptions,
  NeighborMeanShiftResult,
  NeighborSearch,
} from './neighbor-mean-shift.js';
export { neighborShiftBatch } from './neighbor-shift-batch.js';
