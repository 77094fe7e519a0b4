export {
  MEMN2N_CONFIG_DEFAULTS,
  resolveMemN2NConfig,
  tableLayout,
  usesStateMap,
} from './config.js';
export type {
  AnswerLayer,
  EmptySlots,
  MemN2NConfig,
  ResolvedMemN2NConfig,
  StateUpdate,
  TableLayout,
  WeightTying,
} from './config.js';
export { prepareBabiData } from './babi-task-data.js';
export type {
  PrepareBabiDataOptions,
  PreparedBabiData,
} from './babi-task-data.js';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  fromCheckpoint,
  toCheckpoint,
} from './checkpoint.js';
export type { MemN2NCheckpoint } from './checkpoint.js';
export { evaluateMemN2N, predictMemN2N } from './evaluate.js';
export type { Evaluation, Prediction } from './evaluate.js';
export { FusedMemN2N } from './fused-cpu.js';
export type { MemN2NArrays } from './fused-cpu.js';
export { fusedEngine, tfjsEngine } from './gradient-engine.js';
export type { EngineName, GradientEngine } from './gradient-engine.js';
export { learningRateAt } from './learning-rate.js';
export type {
  LearningRateSchedule,
  ScheduleSettings,
} from './learning-rate.js';
export {
  batchTensors,
  memn2nForward,
  memn2nLoss,
  toTensorParameters,
  wordWeights,
} from './memn2n-tfjs.js';
export type { TensorBatch, TensorParameters } from './memn2n-tfjs.js';
export { clipGradients, Optimizer, spectralNorm } from './optimizer.js';
export type {
  ClipScope,
  OptimizerName,
  OptimizerSettings,
} from './optimizer.js';
export {
  cloneParameters,
  initParameters,
  listParameters,
  zeroParameters,
} from './parameters.js';
export type { MemN2NParameters, NamedParameter } from './parameters.js';
export {
  compareWithPaper,
  FAILED_TASK_ERROR_PERCENT,
  PAPER_ERRORS_10K,
  PAPER_ERRORS_1K,
} from './paper-results.js';
export type { PaperColumn, TaskResult } from './paper-results.js';
export {
  centredPositionWeight,
  positionEncoding,
  positionWeight,
} from './position-encoding.js';
export type { WordWeighting } from './word-weighting.js';
export { addEmptyMemories } from './random-noise.js';
export { memn2nTraining, trainMemN2N } from './train.js';
export type { EpochMetrics, TrainingData, TrainingStep } from './train.js';
export { resolveTrainOptions, TRAIN_MEMN2N_DEFAULTS } from './train-options.js';
export type { TrainMemN2NOptions } from './train-options.js';
export { prepareJointBabiData, sliceArrays } from './joint-task-data.js';
export type {
  JointBabiData,
  JointTaskInput,
  JointTaskPart,
  PrepareJointBabiDataOptions,
} from './joint-task-data.js';
