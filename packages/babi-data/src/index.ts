export { toExamples, TO_EXAMPLES_DEFAULTS } from './examples.js';
export type { BabiExample, ToExamplesOptions } from './examples.js';
export { padSequences, PAD_SEQUENCES_DEFAULTS } from './pad-sequences.js';
export type { PadSequencesOptions, PadSide } from './pad-sequences.js';
export { BabiFormatError, parseBabi } from './parse-babi.js';
export type {
  BabiLine,
  BabiQuestion,
  BabiStatement,
  BabiStory,
  ParseBabiOptions,
} from './parse-babi.js';
export {
  splitValidation,
  SPLIT_VALIDATION_DEFAULTS,
} from './split-validation.js';
export type { SplitValidationOptions } from './split-validation.js';
export {
  babiFileName,
  BABI_SETS,
  BABI_TASK_NAMES,
  parseTaskList,
} from './tasks.js';
export type { BabiSet, BabiSplit } from './tasks.js';
export { tokenize, TOKENIZERS } from './tokenize.js';
export type { Tokenizer } from './tokenize.js';
export {
  measureExamples,
  vectorizeExamples,
  VECTORIZE_DEFAULTS,
} from './vectorize.js';
export type { BabiArrays, MemoryOrder, VectorizeOptions } from './vectorize.js';
export { PAD_TOKEN, Vocabulary } from './vocabulary.js';
