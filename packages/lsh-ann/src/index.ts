export { autotuneIndex, AUTOTUNE_DEFAULTS } from './autotune.js';
export { ALL_KNN_DEFAULTS, allKnn } from './all-knn.js';
export type { AllKnnOptions } from './all-knn.js';
export type {
  AutotuneOptions,
  AutotuneResult,
  AutotuneTrial,
  TunableKind,
} from './autotune.js';
export {
  BRUTE_FORCE_DEFAULTS,
  BruteForceIndex,
  buildBruteForceIndex,
} from './brute-force-index.js';
export type { BruteForceOptions } from './brute-force-index.js';
export { deserializeIndex } from './deserialize-index.js';
export { buildE2lshIndex, E2lshIndex } from './e2lsh-index.js';
export { E2LSH_DEFAULTS, MAX_PROBES } from './e2lsh-options.js';
export type { E2lshOptions } from './e2lsh-options.js';
export type {
  IndexKind,
  KnnResult,
  Metric,
  NeighborIndex,
  RadiusResult,
} from './neighbor-index.js';
export { PROJECTION_MODES, projectRows } from './projection.js';
export type { ProjectionMode } from './projection.js';
export { radiusRecall, recallAtK } from './recall.js';
export { encodeIndex, INDEX_MAGIC } from './serialize.js';
export type { IndexParts, StoredArray } from './serialize.js';
export {
  buildSignLshIndex,
  SIGN_LSH_DEFAULTS,
  SignLshIndex,
} from './sign-lsh-index.js';
export type { SignLshOptions } from './sign-lsh-index.js';
export {
  buildSpillForestIndex,
  SPILL_FOREST_DEFAULTS,
  SpillForestIndex,
} from './spill-forest-index.js';
export type { SpillForestOptions } from './spill-forest-index.js';
