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
export {
  neighborShiftBatch,
  neighborShiftTensor,
  neighborShiftTyped,
} from './neighbor-shift-batch.js';
export { binSeeds } from './bin-seeds.js';
export type { BinSeeds } from './bin-seeds.js';
export {
  ESTIMATE_BANDWIDTH_DEFAULTS,
  estimateBandwidth,
} from './estimate-bandwidth.js';
export type { EstimateBandwidthOptions } from './estimate-bandwidth.js';
export {
  fitMeanShift,
  MeanShiftModel,
  NoPointsInBandwidthError,
} from './fit-mean-shift.js';
export {
  FIT_MEAN_SHIFT_DEFAULTS,
  resolveFitMeanShiftOptions,
} from './fit-options.js';
export type {
  FitMeanShiftOptions,
  MeanShiftEngine,
  ResolvedFitMeanShiftOptions,
} from './fit-options.js';
export { FUSED_MAX_DIMENSIONS, FusedSession } from './fused-cpu.js';
export type { FusedProblem, SourceCells } from './fused-cpu.js';
export type { MeanShiftStepEngine } from './options.js';
export { PlainSession } from './plain-session.js';
export type { ShiftSession } from './plain-session.js';
export { suppressNearModes } from './suppress-modes.js';
export type { SuppressedModes } from './suppress-modes.js';
export type { FusedKernel } from './wasm-kernel.js';
export { K_MEANS_DEFAULTS, kMeans } from './k-means.js';
export type { KMeansInit, KMeansOptions, KMeansResult } from './k-means.js';
