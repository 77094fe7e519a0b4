import type { Random } from '@lesson11/tensor';

import type { MemN2NArrays } from './fused-cpu.js';

/**
 * Copies examples `indices` into a new batch with random empty memories
 * inserted (random noise, Sukhbaatar et al. 2015, §4.1): each story of n
 * sentences gets 0 to ceil(fraction · n) blank slots at random ages, capped
 * by the free slots, so temporal encoding cannot rely on exact positions.
 *
 * @param data - The examples.
 * @param indices - Which ones form the batch.
 * @param random - The seeded generator to draw from.
 * @param fraction - Largest share of blanks (0.1 in the paper).
 * @returns A batch of `indices.length` examples (a new object).
 */
export function addEmptyMemories(
  data: MemN2NArrays,
  indices: ArrayLike<number>,
  random: Random,
  fraction: number,
): MemN2NArrays {
  const { memorySize: s, sentenceLength: l, questionLength: lq } = data;
  const b = indices.length;
  const stories = new Int32Array(b * s * l);
  const storyLengths = new Int32Array(b);
  const questions = new Int32Array(b * lq);
  const answers = new Int32Array(b);
  for (let r = 0; r < b; r++) {
    const n = indices[r]!;
    const count = Math.min(data.storyLengths[n]!, s);
    const blanks = Math.min(
      random.integer(Math.ceil(fraction * count) + 1),
      s - count,
    );
    // Keep `count` of the `count + blanks` slots, in order; the rest are blank.
    const kept = Array.from(random.sampleIndices(count + blanks, count)).sort(
      (a, c) => a - c,
    );
    kept.forEach((slot, i) => {
      const from = (n * s + i) * l;
      stories.set(data.stories.subarray(from, from + l), (r * s + slot) * l);
    });
    storyLengths[r] = count + blanks;
    questions.set(data.questions.subarray(n * lq, (n + 1) * lq), r * lq);
    answers[r] = data.answers[n]!;
  }
  return {
    count: b,
    memorySize: s,
    sentenceLength: l,
    questionLength: lq,
    stories,
    storyLengths,
    questions,
    answers,
  };
}
