import { wordWeight } from './word-weighting.js';
import type { StateUpdate } from './config.js';
import type { WordWeighting } from './word-weighting.js';

/**
 * The inner loops of the fused CPU memory network: word embedding with
 * position weights, the controller state update, and small dense algebra.
 * All work in place on float32 arrays; d is the embedding size.
 */

/**
 * out[offset + k] += Σ_j l_kj E[id_j, k] over the non-zero ids of a row,
 * with l_kj as `weighting` gives it.
 */
export function embedWords(
  ids: Int32Array,
  row: number,
  length: number,
  table: Float32Array,
  out: Float32Array,
  offset: number,
  d: number,
  weighting: WordWeighting,
): void {
  const words = weighting.form === 'paper' ? countWords(ids, row, length) : 0;
  let j = 0;
  for (let w = 0; w < length; w++) {
    const id = ids[row + w]!;
    if (id === 0) continue;
    j++;
    const base = id * d;
    const { constant, slope } = wordWeight(weighting, j, words, length, d);
    for (let k = 0; k < d; k++) {
      out[offset + k]! += (constant + slope * (k + 1)) * table[base + k]!;
    }
  }
}

/** dE[id_j, k] += l_kj g[offset + k]: the gradient of {@link embedWords}. */
export function embedWordsBackward(
  ids: Int32Array,
  row: number,
  length: number,
  dTable: Float32Array,
  gradient: Float32Array,
  offset: number,
  d: number,
  weighting: WordWeighting,
): void {
  const words = weighting.form === 'paper' ? countWords(ids, row, length) : 0;
  let j = 0;
  for (let w = 0; w < length; w++) {
    const id = ids[row + w]!;
    if (id === 0) continue;
    j++;
    const base = id * d;
    const { constant, slope } = wordWeight(weighting, j, words, length, d);
    for (let k = 0; k < d; k++) {
      dTable[base + k]! += (constant + slope * (k + 1)) * gradient[offset + k]!;
    }
  }
}

/** states[h + 1] = f(states[h], read), f as `StateUpdate` describes. */
export function updateState(
  kind: StateUpdate,
  states: Float32Array,
  h: number,
  read: Float32Array,
  map: Float32Array | null,
  d: number,
): void {
  const next = states.subarray((h + 1) * d, (h + 2) * d);
  const state = states.subarray(h * d, (h + 1) * d);
  switch (kind) {
    case 'addRead':
      for (let k = 0; k < d; k++) next[k] = state[k]! + read[k]!;
      return;
    case 'mapState':
      matVec(map!, state, next, d);
      for (let k = 0; k < d; k++) next[k]! += read[k]!;
      return;
    case 'readOnly':
      next.set(read);
      return;
    case 'mapReadAddQuestion':
      matVec(map!, read, next, d);
      for (let k = 0; k < d; k++) next[k]! += states[k]!;
      return;
  }
}

/**
 * The gradient of {@link updateState}: sets dRead = d(loss)/d(read) and
 * adds to the earlier state gradients `du` and to dMap.
 */
export function updateStateBackward(
  kind: StateUpdate,
  states: Float32Array,
  du: Float32Array,
  h: number,
  read: Float32Array,
  dRead: Float32Array,
  map: Float32Array | null,
  dMap: Float32Array | null,
  d: number,
): void {
  const dNext = du.subarray((h + 1) * d, (h + 2) * d);
  const dState = du.subarray(h * d, (h + 1) * d);
  switch (kind) {
    case 'addRead':
      dRead.set(dNext);
      for (let k = 0; k < d; k++) dState[k]! += dNext[k]!;
      return;
    case 'mapState':
      dRead.set(dNext);
      matTransposeVecAdd(map!, dNext, dState, d);
      outerAdd(dMap!, dNext, states.subarray(h * d, (h + 1) * d), d);
      return;
    case 'readOnly':
      dRead.set(dNext);
      return;
    case 'mapReadAddQuestion':
      dRead.fill(0);
      matTransposeVecAdd(map!, dNext, dRead, d);
      outerAdd(dMap!, dNext, read, d);
      for (let k = 0; k < d; k++) du[k]! += dNext[k]!;
      return;
  }
}

/** Number of non-zero ids in a row. */
export function countWords(
  ids: Int32Array,
  row: number,
  length: number,
): number {
  let words = 0;
  for (let w = 0; w < length; w++) if (ids[row + w] !== 0) words++;
  return words;
}

/**
 * Softmax of the first `count` entries in place, given their maximum.
 * @returns The sum of the shifted exponentials.
 */
export function softmaxInPlace(
  values: Float32Array,
  count: number,
  max: number,
): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const e = Math.exp(values[i]! - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < count; i++) values[i]! /= sum;
  return sum;
}

/** out = M x for a [d, d] matrix. */
export function matVec(
  matrix: Float32Array,
  x: Float32Array,
  out: Float32Array,
  d: number,
): void {
  for (let r = 0; r < d; r++) {
    let sum = 0;
    for (let c = 0; c < d; c++) sum += matrix[r * d + c]! * x[c]!;
    out[r] = sum;
  }
}

/** out += Mᵀ y for a [d, d] matrix. */
export function matTransposeVecAdd(
  matrix: Float32Array,
  y: Float32Array,
  out: Float32Array,
  d: number,
): void {
  for (let r = 0; r < d; r++) {
    const yr = y[r]!;
    for (let c = 0; c < d; c++) out[c]! += matrix[r * d + c]! * yr;
  }
}

/** M += y xᵀ for a [d, d] matrix. */
export function outerAdd(
  matrix: Float32Array,
  y: Float32Array,
  x: Float32Array,
  d: number,
): void {
  for (let r = 0; r < d; r++) {
    const yr = y[r]!;
    for (let c = 0; c < d; c++) matrix[r * d + c]! += yr * x[c]!;
  }
}
