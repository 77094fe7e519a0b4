import { tableLayout } from './config.js';
import {
  embedWords,
  embedWordsBackward,
  softmaxInPlace,
  updateState,
  updateStateBackward,
} from './fused-kernels.js';
import { temporalWeights, wordWeighting } from './word-weighting.js';
import type { ResolvedMemN2NConfig, TableLayout } from './config.js';
import type { WordWeighting } from './word-weighting.js';
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

/** 1 when the `length` ids from `offset` hold a word (not all padding). */
function hasWord(ids: Int32Array, offset: number, length: number): number {
  for (let j = 0; j < length; j++) if (ids[offset + j] !== 0) return 1;
  return 0;
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
  #weightingKey = '';
  #cachedWeighting: WordWeighting = { form: 'bag' };
  #timeWeights: Float32Array | null = null;
  readonly #attentionGradient: Float64Array;
  /** Answer probabilities of the last example, [V]. */
  readonly probabilities: Float32Array;
  #count = 0;
  /** Slots in the attention: the story's, or all S with `emptySlots: 'nil'`. */
  #attended = 0;
  /** Per slot of the last example: 1 when it holds a sentence. */
  readonly #filled: Uint8Array;
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
    this.#attentionGradient = new Float64Array(s);
    this.probabilities = new Float32Array(config.vocabularySize);
    this.#filled = new Uint8Array(s);
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
    const weighting = this.#weighting(data);
    const timeWeights = this.#timeWeights;
    const nil = this.config.emptySlots === 'nil';
    const attended = nil ? s : count;
    this.#count = count;
    this.#attended = attended;
    this.#linear = linear;
    const filled = this.#filled;
    for (let i = 0; i < count; i++) {
      filled[i] = nil
        ? hasWord(
            data.stories,
            (index * data.memorySize + i) * data.sentenceLength,
            data.sentenceLength,
          )
        : 1;
    }

    // 1. Embed every kept sentence with each memory table, and the question.
    for (const t of this.#memoryTables) {
      const memory = this.#memories[t] as Float32Array;
      memory.fill(0, 0, attended * d);
      const temporal = parameters.temporal[t];
      for (let i = 0; i < count; i++) {
        if (filled[i] === 0) continue;
        const row = (index * data.memorySize + i) * data.sentenceLength;
        embedWords(
          data.stories,
          row,
          data.sentenceLength,
          parameters.tables[t]!,
          memory,
          i * d,
          d,
          weighting,
        );
        if (temporal) {
          for (let k = 0; k < d; k++) {
            memory[i * d + k]! +=
              (timeWeights === null ? 1 : timeWeights[k]!) *
              temporal[i * d + k]!;
          }
        }
      }
    }
    const states = this.states;
    states.fill(0, 0, d);
    embedWords(
      data.questions,
      index * data.questionLength,
      data.questionLength,
      parameters.tables[this.layout.question]!,
      states,
      0,
      d,
      weighting,
    );

    // 2. Hops: attention over memories, read-out, state update.
    for (let h = 0; h < hops; h++) {
      const memoryIn = this.#memories[this.layout.memoryIn[h]!]!;
      const memoryOut = this.#memories[this.layout.memoryOut[h]!]!;
      const p = this.attention.subarray(h * s, (h + 1) * s);
      p.fill(0);
      let max = -Infinity;
      for (let i = 0; i < attended; i++) {
        let score = 0;
        for (let k = 0; k < d; k++)
          score += memoryIn[i * d + k]! * states[h * d + k]!;
        p[i] = score;
        if (score > max) max = score;
      }
      if (!linear) softmaxInPlace(p, attended, max);
      const read = this.#reads.subarray(h * d, (h + 1) * d);
      read.fill(0);
      for (let i = 0; i < attended; i++) {
        const weight = p[i]!;
        for (let k = 0; k < d; k++) read[k]! += weight * memoryOut[i * d + k]!;
      }
      updateState(
        this.config.stateUpdate,
        this.states,
        h,
        read,
        parameters.stateMap,
        d,
      );
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
    const attended = this.#attended;
    const filled = this.#filled;
    const weighting = this.#weighting(data);
    const timeWeights = this.#timeWeights;
    const du = this.#stateGradients;
    du.fill(0);
    for (const t of this.#memoryTables)
      this.#memoryGradients[t]!.fill(0, 0, attended * d);

    // 1. Answer layer: d(loss)/d(logits) = probabilities − one-hot.
    this.#answerBackward(parameters, gradients, data.answers[index] ?? 0);

    // 2. Hops in reverse.
    for (let h = hops - 1; h >= 0; h--) {
      const read = this.#reads.subarray(h * d, (h + 1) * d);
      const dRead = this.#readGradient;
      updateStateBackward(
        this.config.stateUpdate,
        this.states,
        this.#stateGradients,
        h,
        read,
        dRead,
        parameters.stateMap,
        gradients.stateMap,
        d,
      );
      const memoryIn = this.#memories[this.layout.memoryIn[h]!]!;
      const memoryOut = this.#memories[this.layout.memoryOut[h]!]!;
      const dIn = this.#memoryGradients[this.layout.memoryIn[h]!]!;
      const dOut = this.#memoryGradients[this.layout.memoryOut[h]!]!;
      const p = this.attention.subarray(h * s, (h + 1) * s);
      // dp_i = c_i · do; then through the softmax: ds_i = p_i (dp_i − Σ p dp).
      const dp = this.#attentionGradient;
      let weighted = 0;
      for (let i = 0; i < attended; i++) {
        let dot = 0;
        for (let k = 0; k < d; k++) {
          dot += memoryOut[i * d + k]! * dRead[k]!;
          dOut[i * d + k]! += p[i]! * dRead[k]!;
        }
        dp[i] = dot;
        weighted += p[i]! * dot;
      }
      for (let i = 0; i < attended; i++) {
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
        if (filled[i] === 0) continue;
        const row = (index * data.memorySize + i) * data.sentenceLength;
        embedWordsBackward(
          data.stories,
          row,
          data.sentenceLength,
          gradients.tables[t]!,
          dMemory,
          i * d,
          d,
          weighting,
        );
        if (dTemporal) {
          for (let k = 0; k < d; k++) {
            dTemporal[i * d + k]! +=
              (timeWeights === null ? 1 : timeWeights[k]!) *
              dMemory[i * d + k]!;
          }
        }
      }
    }
    embedWordsBackward(
      data.questions,
      index * data.questionLength,
      data.questionLength,
      gradients.tables[this.layout.question]!,
      du,
      0,
      d,
      weighting,
    );
  }

  /**
   * The word weighting for data of these padded lengths (kept, with the
   * temporal weights, until the lengths change).
   */
  #weighting(data: MemN2NArrays): WordWeighting {
    const key = `${data.sentenceLength}x${data.questionLength}`;
    if (this.#weightingKey !== key) {
      this.#weightingKey = key;
      this.#cachedWeighting = wordWeighting(
        this.config,
        data.sentenceLength,
        data.questionLength,
      );
      this.#timeWeights = temporalWeights(
        this.#cachedWeighting,
        this.config.embeddingDim,
      );
    }
    return this.#cachedWeighting;
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
