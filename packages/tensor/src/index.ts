export { adjustedRandIndex } from './adjusted-rand-index.js';
export { chunkRanges, forEachChunk } from './chunked.js';
export type { Chunk } from './chunked.js';
export {
  registerCpuFallbackKernels,
  WASM_MISSING_TRAINING_KERNELS,
} from './cpu-fallback-kernels.js';
export { formatShape, formatValue } from './format-value.js';
export { assertNever, invariant } from './invariant.js';
export { DEFAULT_LOGGER, SILENT_LOGGER } from './logger.js';
export type { Logger } from './logger.js';
export { makeBlobs, MAKE_BLOBS_DEFAULTS } from './make-blobs.js';
export type { Blobs, MakeBlobsOptions } from './make-blobs.js';
export {
  ANY_RULE,
  BOOLEAN_RULE,
  integerRule,
  nullableRule,
  numberRule,
  oneOfRule,
  OPTIONAL_FUNCTION_RULE,
  optionError,
  resolveOptions,
} from './option-rules.js';
export type { OptionRule, OptionRules } from './option-rules.js';
export {
  euclideanDistances,
  squaredDistanceBetweenRows,
  squaredEuclideanDistances,
  squaredEuclideanDistancesByDifference,
} from './pairwise-distances.js';
export { toPointMatrix } from './point-matrix.js';
export type { PointMatrix, PointsInput } from './point-matrix.js';
export { PROGRESS_INTERVAL_MS, throttleProgress } from './progress.js';
export {
  registerSegmentSumKernel,
  unsortedSegmentSumValues,
} from './segment-sum-kernel.js';
export type { ProgressCallback, ProgressEvent } from './progress.js';
export { Random } from './random.js';
export { BACKEND_REQUESTS, selectBackend } from './select-backend.js';
export type {
  BackendName,
  BackendRequest,
  BackendSelection,
  SelectBackendOptions,
  SkippedBackend,
} from './select-backend.js';
