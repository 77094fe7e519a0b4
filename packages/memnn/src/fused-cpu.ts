import { tableLayout } from './config.js';
import type { ResolvedMemN2NConfig, TableLayout } from './config.js';
import type { MemN2NParameters } from './parameters.js';

/** Padded id arrays of examples (the shape `vectorizeExamples` returns). */
export interface MemN2NArrays {
  count: number;
  memorySize: number;
  sentenceLength: number;
  questionLength: number;
  /** int32 [n, S, L], slot 0 = the most recent sentence. */
  stories: Int32Array;
  /** int32 [n], real sentences per example. */
  storyLengths: Int32Array;
  /** int32 [n, Lq]. */
  questions: Int32Array;
  /** int32 [n]. */
  answers: Int32Array;
}

/**
 * The memory network's forward and backward pass for one example at a time,
 * in plain TypeScript over float32 arrays, with hand-derived gradients.
 *
 * tfjs pays a fixed cost per operation that dwarfs the arithmetic of these
 * tiny models (d = 20, a few dozen memories), so training goes through this
 * fused path; `memn2nLogits` (tfjs) computes the same function and a test
 * checks the gradients against tfjs' within a tolerance.
 *
 * NOTE: an instance keeps the intermediates of the last forward pass in its
 * buffers; call {@link FusedMemN2N.backward} right after the forward pass of
 * the same example.
 */
export class FusedMemN2N {
  readonly config: ResolvedMemN2NConfig;
  readonly layout: TableLayout;
  /** Tables used as memories (A or C of some hop). */
  readonly #memoryTables: number[];
  readonly #memories: Float32Array[];
  readonly #memoryGradients: Float32Array[];
  /** Controller states u1..u(K+1), [K + 1, d]. */
  readonly states: Float32Array;
  readonly #stateGradients: Float32Array;
  /** Attention of every hop, [K, S]; slots past the story are 0. */
  readonly attention: Float32Array;
  readonly #reads: Float32Array;
  readonly #readGradient: Float32Array;
  /** Answer probabilities of the last example, [V]. */
  readonly probabilities: Float32Array;
  #count = 0;
  #linear = false;

  constructor(config: ResolvedMemN2NConfig) {
    const { hops, memorySize: s, embeddingDim: d } = config;
    this.config = config;
    this.layout = tableLayout(config);
    this.#memoryTables = [
      ...new Set([...this.layout.memoryIn, ...this.layout.memoryOut]),
    ];
    const perTable = (): Float32Array[] =>
      Array.from(
        { length: this.layout.tableCount },
        () => new Float32Array(s * d),
      );
    this.#memories = perTable();
    this.#memoryGradients = perTable();
    this.states = new Float32Array((hops + 1) * d);
    this.#stateGradients = new Float32Array((hops + 1) * d);
    this.attention = new Float32Array(hops * s);
    this.#reads = new Float32Array(hops * d);
    this.#readGradient = new Float32Array(d);
    this.probabilities = new Float32Array(config.vocabularySize);
  }

  /**
   * Runs example `index` of `data` forward.
   *
   * @param linear - Linear start: no softmax in the memory layers (§4.2).
   * @returns The cross-entropy loss (natural log) of the true answer.
   */
  forward(
    parameters: MemN2NParameters,
    data: MemN2NArrays,
    index: number,
    linear = false,
  ): number {
    const { hops, embeddingDim: d, memorySize: s } = this.config;
    const count = Math.min(data.storyLengths[index] ?? 0, s);
    this.#count = count;
    this.#linear = linear;

    // 1. Embed every kept sentence with each memory table, and the question.
    for (const t of this.#memoryTables) {
      const memory = this.#memories[t] as Float32Array;
      memory.fill(0, 0, count * d);
      const temporal = parameters.temporal[t];
      for (let i = 0; i < count; i++) {
        const row = (index * data.memorySize + i) * data.sentenceLength;
        this.#embed(
          data.stories,
          row,
          data.sentenceLength,
          parameters.tables[t]!,
          memory,
          i * d,
          1,
        );
        if (temporal) {
          for (let k = 0; k < d; k++)
            memory[i * d + k]! += temporal[i * d + k]!;
        }
      }
    }
    const states = this.states;
    states.fill(0, 0, d);
    this.#embed(
      data.questions,
      index * data.questionLength,
      data.questionLength,
      parameters.tables[this.layout.question]!,
      states,
      0,
      1,
    );

    // 2. Hops: attention over memories, read-out, state update.
    for (let h = 0; h < hops; h++) {
      const memoryIn = this.#memories[this.layout.memoryIn[h]!]!;
      const memoryOut = this.#memories[this.layout.memoryOut[h]!]!;
      const p = this.attention.subarray(h * s, (h + 1) * s);
      p.fill(0);
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        let score = 0;
        for (let k = 0; k < d; k++)
          score += memoryIn[i * d + k]! * states[h * d + k]!;
        p[i] = score;
        if (score > max) max = score;
      }
      if (!linear) softmaxInPlace(p, count, max);
      const read = this.#reads.subarray(h * d, (h + 1) * d);
      read.fill(0);
      for (let i = 0; i < count; i++) {
        const weight = p[i]!;
        for (let k = 0; k < d; k++) read[k]! += weight * memoryOut[i * d + k]!;
      }
      this.#updateState(parameters, h, read);
    }

    // 3. Answer distribution over the vocabulary.
    return this.#answer(parameters, data.answers[index] ?? 0);
  }

  /**
   * Adds the gradients of the last forward pass's loss to `gradients`
   * (same shapes as the parameters).
   */
  backward(
    parameters: MemN2NParameters,
    gradients: MemN2NParameters,
    data: MemN2NArrays,
    index: number,
  ): void {
    const { hops, embeddingDim: d, memorySize: s } = this.config;
    const count = this.#count;
    const du = this.#stateGradients;
    du.fill(0);
    for (const t of this.#memoryTables)
      this.#memoryGradients[t]!.fill(0, 0, count * d);

    // 1. Answer layer: d(loss)/d(logits) = probabilities − one-hot.
    this.#answerBackward(parameters, gradients, data.answers[index] ?? 0);

    // 2. Hops in reverse.
    for (let h = hops - 1; h >= 0; h--) {
      const read = this.#reads.subarray(h * d, (h + 1) * d);
      const dRead = this.#readGradient;
      this.#updateStateBackward(parameters, gradients, h, read, dRead);
      const memoryIn = this.#memories[this.layout.memoryIn[h]!]!;
      const memoryOut = this.#memories[this.layout.memoryOut[h]!]!;
      const dIn = this.#memoryGradients[this.layout.memoryIn[h]!]!;
      const dOut = this.#memoryGradients[this.layout.memoryOut[h]!]!;
      const p = this.attention.subarray(h * s, (h + 1) * s);
      // dp_i = c_i · do; then through the softmax: ds_i = p_i (dp_i − Σ p dp).
      const dp = new Float64Array(count);
      let weighted = 0;
      for (let i = 0; i < count; i++) {
        let dot = 0;
        for (let k = 0; k < d; k++) {
          dot += memoryOut[i * d + k]! * dRead[k]!;
          dOut[i * d + k]! += p[i]! * dRead[k]!;
        }
        dp[i] = dot;
        weighted += p[i]! * dot;
      }
      for (let i = 0; i < count; i++) {
        const ds = this.#linear ? dp[i]! : p[i]! * (dp[i]! - weighted);
        for (let k = 0; k < d; k++) {
          dIn[i * d + k]! += ds * this.states[h * d + k]!;
          du[h * d + k]! += ds * memoryIn[i * d + k]!;
        }
      }
    }

    // 3. Back into the tables: memories, temporal vectors, question.
    for (const t of this.#memoryTables) {
      const dMemory = this.#memoryGradients[t]!;
      const dTemporal = gradients.temporal[t];
      for (let i = 0; i < count; i++) {
        const row = (index * data.memorySize + i) * data.sentenceLength;
        this.#embedBackward(
          data.stories,
          row,
          data.sentenceLength,
          gradients.tables[t]!,
          dMemory,
          i * d,
        );
        if (dTemporal) {
          for (let k = 0; k < d; k++)
            dTemporal[i * d + k]! += dMemory[i * d + k]!;
        }
      }
    }
    this.#embedBackward(
      data.questions,
      index * data.questionLength,
      data.questionLength,
      gradients.tables[this.layout.question]!,
      du,
      0,
    );
  }

  /** out[offset + k] += Σ_j l_kj E[id_j, k] over the row's non-zero ids. */
  #embed(
    ids: Int32Array,
    row: number,
    length: number,
    table: Float32Array,
    out: Float32Array,
    offset: number,
    sign: number,
  ): void {
    const d = this.config.embeddingDim;
    const words = countWords(ids, row, length);
    let j = 0;
    for (let w = 0; w < length; w++) {
      const id = ids[row + w]!;
      if (id === 0) continue;
      j++;
      const base = id * d;
      if (!this.config.positionEncoding) {
        for (let k = 0; k < d; k++) out[offset + k]! += sign * table[base + k]!;
        continue;
      }
      // l_kj = (1 − j/J) + (k/d)(2j/J − 1): a constant plus a slope in k.
      const position = j / words;
      const constant = 1 - position;
      const slope = (2 * position - 1) / d;
      for (let k = 0; k < d; k++) {
        out[offset + k]! +=
          sign * (constant + slope * (k + 1)) * table[base + k]!;
      }
    }
  }

  /** dE[id_j, k] += l_kj g[offset + k] over the row's non-zero ids. */
  #embedBackward(
    ids: Int32Array,
    row: number,
    length: number,
    dTable: Float32Array,
    gradient: Float32Array,
    offset: number,
  ): void {
    const d = this.config.embeddingDim;
    const words = countWords(ids, row, length);
    let j = 0;
    for (let w = 0; w < length; w++) {
      const id = ids[row + w]!;
      if (id === 0) continue;
      j++;
      const base = id * d;
      const position = j / words;
      const constant = this.config.positionEncoding ? 1 - position : 1;
      const slope = this.config.positionEncoding ? (2 * position - 1) / d : 0;
      for (let k = 0; k < d; k++) {
        dTable[base + k]! +=
          (constant + slope * (k + 1)) * gradient[offset + k]!;
      }
    }
  }

  #updateState(
    parameters: MemN2NParameters,
    h: number,
    read: Float32Array,
  ): void {
    const d = this.config.embeddingDim;
    const next = this.states.subarray((h + 1) * d, (h + 2) * d);
    const state = this.states.subarray(h * d, (h + 1) * d);
    switch (this.config.stateUpdate) {
      case 'addRead':
        for (let k = 0; k < d; k++) next[k] = state[k]! + read[k]!;
        return;
      case 'mapState':
        matVec(parameters.stateMap!, state, next, d);
        for (let k = 0; k < d; k++) next[k]! += read[k]!;
        return;
      case 'readOnly':
        next.set(read);
        return;
      case 'mapReadAddQuestion':
        matVec(parameters.stateMap!, read, next, d);
        for (let k = 0; k < d; k++) next[k]! += this.states[k]!;
        return;
    }
  }

  /** Sets dRead = d(loss)/d(o_h) and adds to the earlier state gradients. */
  #updateStateBackward(
    parameters: MemN2NParameters,
    gradients: MemN2NParameters,
    h: number,
    read: Float32Array,
    dRead: Float32Array,
  ): void {
    const d = this.config.embeddingDim;
    const du = this.#stateGradients;
    const dNext = du.subarray((h + 1) * d, (h + 2) * d);
    const dState = du.subarray(h * d, (h + 1) * d);
    const map = parameters.stateMap;
    const dMap = gradients.stateMap;
    switch (this.config.stateUpdate) {
      case 'addRead':
        dRead.set(dNext);
        for (let k = 0; k < d; k++) dState[k]! += dNext[k]!;
        return;
      case 'mapState':
        dRead.set(dNext);
        matTransposeVecAdd(map!, dNext, dState, d);
        outerAdd(dMap!, dNext, this.states.subarray(h * d, (h + 1) * d), d);
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

  #answerMatrix(parameters: MemN2NParameters): Float32Array {
    return this.config.answerLayer === 'tied'
      ? parameters.tables[this.layout.memoryOut[this.config.hops - 1]!]!
      : parameters.answerWeights!;
  }

  #answer(parameters: MemN2NParameters, answer: number): number {
    const { hops, embeddingDim: d, vocabularySize: v } = this.config;
    const weights = this.#answerMatrix(parameters);
    const bias = parameters.answerBias;
    const state = this.states.subarray(hops * d, (hops + 1) * d);
    const logits = this.probabilities;
    let max = -Infinity;
    for (let word = 0; word < v; word++) {
      let logit = bias === null ? 0 : bias[word]!;
      for (let k = 0; k < d; k++) logit += weights[word * d + k]! * state[k]!;
      logits[word] = logit;
      if (logit > max) max = logit;
    }
    const answerLogit = logits[answer]!;
    // Cross-entropy from the log-sum-exp, so a tiny probability stays finite.
    return Math.log(softmaxInPlace(logits, v, max)) + max - answerLogit;
  }

  #answerBackward(
    parameters: MemN2NParameters,
    gradients: MemN2NParameters,
    answer: number,
  ): void {
    const { hops, embeddingDim: d, vocabularySize: v } = this.config;
    const weights = this.#answerMatrix(parameters);
    const dWeights = this.#answerMatrix(gradients);
    const dBias = gradients.answerBias;
    const state = this.states.subarray(hops * d, (hops + 1) * d);
    const dState = this.#stateGradients.subarray(hops * d, (hops + 1) * d);
    for (let word = 0; word < v; word++) {
      const g = this.probabilities[word]! - (word === answer ? 1 : 0);
      if (dBias !== null) dBias[word]! += g;
      for (let k = 0; k < d; k++) {
        dWeights[word * d + k]! += g * state[k]!;
        dState[k]! += g * weights[word * d + k]!;
      }
    }
  }
}

/** Number of non-zero ids in a row. */
function countWords(ids: Int32Array, row: number, length: number): number {
  let words = 0;
  for (let w = 0; w < length; w++) if (ids[row + w] !== 0) words++;
  return words;
}

/**
 * Softmax of the first `count` entries in place, given their maximum.
 * @returns The sum of the shifted exponentials.
 */
function softmaxInPlace(
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
function matVec(
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
function matTransposeVecAdd(
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
function outerAdd(
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
