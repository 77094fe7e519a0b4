import {
  BOOLEAN_RULE,
  integerRule,
  oneOfRule,
  resolveOptions,
} from '@lesson11/tensor';
import type { OptionRules } from '@lesson11/tensor';

/**
 * How hops share embedding tables (Sukhbaatar et al. 2015, §2.2):
 * - `'adjacent'`: hop k+1's A is hop k's C and the question table B is the
 *   first A (tables E0..EK: B = A1 = E0, Ck = A(k+1) = Ek);
 * - `'layerWise'`: one A and one C for every hop, B apart (E0 = B, E1 = A,
 *   E2 = C);
 * - `'none'`: every hop has its own A and C, B apart (the notebook's 1-hop
 *   model).
 */
export type WeightTying = 'adjacent' | 'layerWise' | 'none';

/**
 * How the controller state u moves from hop k to hop k+1, given the read-out
 * o of hop k and the linear map H (d × d):
 * - `'addRead'`: u + o (the paper's adjacent model);
 * - `'mapState'`: H u + o (the paper's layer-wise model);
 * - `'readOnly'`: o (the notebook's 1-hop model, which drops u);
 * - `'mapReadAddQuestion'`: H o + u1, u1 the embedded question (the
 *   notebook's 2-hop model).
 */
export type StateUpdate =
  | 'addRead'
  | 'mapState'
  | 'readOnly'
  | 'mapReadAddQuestion';

/**
 * The answer layer: `'tied'` uses the last C table transposed (W^T = C_K,
 * no bias; §2.2), `'dense'` its own W (V × d) and bias, as Keras' Dense.
 */
export type AnswerLayer = 'tied' | 'dense';

/** The architecture of a memory network. */
export interface MemN2NConfig {
  /** Vocabulary size V, padding id 0 included. @defaultValue 20 */
  vocabularySize?: number;
  /** Memory slots S (temporal encoding has one vector per slot). @defaultValue 50 */
  memorySize?: number;
  /** Embedding size d. @defaultValue 20 */
  embeddingDim?: number;
  /** Hops K, 1 to 3 in the paper. @defaultValue 3 */
  hops?: number;
  /** @defaultValue 'adjacent' */
  weightTying?: WeightTying;
  /** @defaultValue 'addRead' */
  stateUpdate?: StateUpdate;
  /** @defaultValue 'tied' */
  answerLayer?: AnswerLayer;
  /**
   * Weight each word by its position in the sentence (§4.1) instead of a
   * plain bag of words.
   * @defaultValue true
   */
  positionEncoding?: boolean;
  /**
   * J in the position weights: `'sentence'`, the sentence's own word count
   * (the paper's formula as written), or `'padded'`, the padded row length,
   * so a word's weight depends only on its place, as in the authors' code.
   * @defaultValue 'sentence'
   */
  positionEncodingLength?: 'sentence' | 'padded';
  /**
   * `'paper'`: the weights of §4.1 (J as `positionEncodingLength` says);
   * `'centred'`: the authors' Matlab form, 1 + 4(k − (d+1)/2)(j − (J+1)/2)/(dJ)
   * with J one more than the longest padded row, whose last column also
   * weights the temporal vectors (`positionEncodingLength` is then unused).
   * @defaultValue 'paper'
   */
  positionEncodingForm?: 'paper' | 'centred';
  /** Add a learned vector per memory slot (age) to A and C (§4.1). @defaultValue true */
  temporalEncoding?: boolean;
  /**
   * Slots without a sentence. `'masked'`: slots past the story weigh 0 in
   * the attention, and a blank of random noise is an attended slot holding
   * only its temporal vector. `'nil'`, as the authors' MATLAB code: all S
   * slots are attended, and a slot without a sentence (past the story, or a
   * random-noise blank) is the zero vector, with no temporal vector, so its
   * score is 0 and it reads nothing: a place for attention to rest, and
   * random noise then only spreads the sentences' ages.
   * @defaultValue 'masked'
   */
  emptySlots?: EmptySlots;
}

/** How slots without a sentence enter the attention; see {@link MemN2NConfig.emptySlots}. */
export type EmptySlots = 'masked' | 'nil';

/** Defaults of {@link resolveMemN2NConfig}: the paper's per-task model. */
export const MEMN2N_CONFIG_DEFAULTS: Readonly<Required<MemN2NConfig>> =
  Object.freeze({
    vocabularySize: 20,
    memorySize: 50,
    embeddingDim: 20,
    hops: 3,
    weightTying: 'adjacent',
    stateUpdate: 'addRead',
    answerLayer: 'tied',
    positionEncoding: true,
    positionEncodingLength: 'sentence',
    positionEncodingForm: 'paper',
    temporalEncoding: true,
    emptySlots: 'masked',
  });

const POSITIVE = integerRule({ min: 1 });
const RULES: OptionRules<Required<MemN2NConfig>> = {
  vocabularySize: integerRule({ min: 2 }),
  memorySize: POSITIVE,
  embeddingDim: POSITIVE,
  hops: integerRule({ min: 1, max: 10 }),
  weightTying: oneOfRule(['adjacent', 'layerWise', 'none']),
  stateUpdate: oneOfRule([
    'addRead',
    'mapState',
    'readOnly',
    'mapReadAddQuestion',
  ]),
  answerLayer: oneOfRule(['tied', 'dense']),
  positionEncoding: BOOLEAN_RULE,
  positionEncodingLength: oneOfRule(['sentence', 'padded']),
  positionEncodingForm: oneOfRule(['paper', 'centred']),
  temporalEncoding: BOOLEAN_RULE,
  emptySlots: oneOfRule(['masked', 'nil']),
};

/** A config with every field set. */
export type ResolvedMemN2NConfig = Readonly<Required<MemN2NConfig>>;

/**
 * Merges a config over {@link MEMN2N_CONFIG_DEFAULTS} and checks it.
 *
 * @throws TypeError or RangeError naming the field, e.g.
 *   `resolveMemN2NConfig: hops must be an integer >= 1 and <= 10, got 0.`
 */
export function resolveMemN2NConfig(
  config: MemN2NConfig = {},
): ResolvedMemN2NConfig {
  return Object.freeze(
    resolveOptions(
      'resolveMemN2NConfig',
      config,
      MEMN2N_CONFIG_DEFAULTS,
      RULES,
    ),
  );
}

/** Which embedding table each role uses, per hop (see {@link WeightTying}). */
export interface TableLayout {
  /** Number of V × d tables. */
  tableCount: number;
  /** The question table B. */
  question: number;
  /** A of hop k (index k − 1). */
  memoryIn: number[];
  /** C of hop k (index k − 1). */
  memoryOut: number[];
}

/** The table indices for a config's tying and hops. */
export function tableLayout(config: ResolvedMemN2NConfig): TableLayout {
  const hops = Array.from({ length: config.hops }, (_, k) => k);
  switch (config.weightTying) {
    case 'adjacent':
      return {
        tableCount: config.hops + 1,
        question: 0,
        memoryIn: hops.map((k) => k),
        memoryOut: hops.map((k) => k + 1),
      };
    case 'layerWise':
      return {
        tableCount: 3,
        question: 0,
        memoryIn: hops.map(() => 1),
        memoryOut: hops.map(() => 2),
      };
    case 'none':
      return {
        tableCount: 2 * config.hops + 1,
        question: 0,
        memoryIn: hops.map((k) => 2 * k + 1),
        memoryOut: hops.map((k) => 2 * k + 2),
      };
  }
}

/** Whether the state update uses the map H. */
export function usesStateMap(config: ResolvedMemN2NConfig): boolean {
  return (
    config.stateUpdate === 'mapState' ||
    config.stateUpdate === 'mapReadAddQuestion'
  );
}
