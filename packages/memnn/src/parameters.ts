import { Random } from '@lesson11/tensor';

import { tableLayout, usesStateMap } from './config.js';
import type { ResolvedMemN2NConfig } from './config.js';

/**
 * The weights of a memory network, as flat row-major float32 arrays. V is
 * the vocabulary size, S the memory size and d the embedding size.
 */
export interface MemN2NParameters {
  /** Embedding tables, [V, d] each; which role each plays: `tableLayout`. */
  tables: Float32Array[];
  /**
   * Temporal encoding, [S, d] per table (row = memory age); null for a table
   * never used as a memory; empty when temporal encoding is off.
   */
  temporal: (Float32Array | null)[];
  /** The state map H, [d, d] with (H u)_r = Σ_c H[r, c] u_c; or null. */
  stateMap: Float32Array | null;
  /** The dense answer layer W, [V, d]; null when tied. */
  answerWeights: Float32Array | null;
  /** The dense answer bias, [V]; null when tied. */
  answerBias: Float32Array | null;
}

/** One named weight array, for optimisers, clipping and checkpoints. */
export interface NamedParameter {
  name: string;
  values: Float32Array;
}

/**
 * Lists the weight arrays of a model in a fixed order, with names such as
 * `table0`, `temporal1`, `stateMap`, `answerWeights`, `answerBias`.
 */
export function listParameters(parameters: MemN2NParameters): NamedParameter[] {
  const list: NamedParameter[] = [];
  parameters.tables.forEach((values, t) =>
    list.push({ name: `table${t}`, values }),
  );
  parameters.temporal.forEach((values, t) => {
    if (values !== null) list.push({ name: `temporal${t}`, values });
  });
  if (parameters.stateMap !== null) {
    list.push({ name: 'stateMap', values: parameters.stateMap });
  }
  if (parameters.answerWeights !== null) {
    list.push({ name: 'answerWeights', values: parameters.answerWeights });
  }
  if (parameters.answerBias !== null) {
    list.push({ name: 'answerBias', values: parameters.answerBias });
  }
  return list;
}

/** Zero-filled arrays with the shapes of a config's weights. */
export function zeroParameters(config: ResolvedMemN2NConfig): MemN2NParameters {
  const { vocabularySize: v, memorySize: s, embeddingDim: d } = config;
  const layout = tableLayout(config);
  const memoryTables = new Set([...layout.memoryIn, ...layout.memoryOut]);
  const tables = Array.from(
    { length: layout.tableCount },
    () => new Float32Array(v * d),
  );
  const temporal = config.temporalEncoding
    ? tables.map((_, t) =>
        memoryTables.has(t) ? new Float32Array(s * d) : null,
      )
    : [];
  const dense = config.answerLayer === 'dense';
  return {
    tables,
    temporal,
    stateMap: usesStateMap(config) ? new Float32Array(d * d) : null,
    answerWeights: dense ? new Float32Array(v * d) : null,
    answerBias: dense ? new Float32Array(v) : null,
  };
}

/**
 * New weights drawn from N(0, initStd²) (Sukhbaatar et al. 2015, §4.2 uses
 * σ = 0.1); the answer bias starts at zero.
 *
 * @param config - A resolved config.
 * @param seed - Seeds the draw.
 * @param initStd - σ.
 */
export function initParameters(
  config: ResolvedMemN2NConfig,
  seed: number,
  initStd = 0.1,
): MemN2NParameters {
  const parameters = zeroParameters(config);
  const random = new Random(seed);
  for (const { name, values } of listParameters(parameters)) {
    if (name === 'answerBias') continue;
    for (let i = 0; i < values.length; i++)
      values[i] = random.normal(0, initStd);
  }
  return parameters;
}

/** A deep copy of the weights. */
export function cloneParameters(
  parameters: MemN2NParameters,
): MemN2NParameters {
  const copy = (a: Float32Array | null): Float32Array | null => a && a.slice();
  return {
    tables: parameters.tables.map((a) => a.slice()),
    temporal: parameters.temporal.map(copy),
    stateMap: copy(parameters.stateMap),
    answerWeights: copy(parameters.answerWeights),
    answerBias: copy(parameters.answerBias),
  };
}
