import { Random } from '@lesson11/tensor';

import { resolveMemN2NConfig } from './config.js';
import type { MemN2NConfig, ResolvedMemN2NConfig } from './config.js';
import type { MemN2NArrays } from './fused-cpu.js';

/** A tiny random data set for tests: n examples, V = 7, S = 4, L = 3, Lq = 2. */
export function tinyArrays(count: number, seed: number): MemN2NArrays {
  const random = new Random(seed);
  const memorySize = 4;
  const sentenceLength = 3;
  const questionLength = 2;
  const stories = new Int32Array(count * memorySize * sentenceLength);
  const storyLengths = new Int32Array(count);
  const questions = new Int32Array(count * questionLength);
  const answers = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    storyLengths[n] = 1 + random.integer(memorySize);
    for (let i = 0; i < storyLengths[n]!; i++) {
      const words = 1 + random.integer(sentenceLength);
      for (let w = 0; w < words; w++) {
        stories[(n * memorySize + i) * sentenceLength + w] =
          1 + random.integer(6);
      }
    }
    questions[n * questionLength] = 1 + random.integer(6);
    questions[n * questionLength + 1] = random.integer(7);
    answers[n] = 1 + random.integer(6);
  }
  return {
    count,
    memorySize,
    sentenceLength,
    questionLength,
    stories,
    storyLengths,
    questions,
    answers,
  };
}

/** A tiny config over {@link tinyArrays}: V = 7, S = 4, d = 3. */
export function tinyConfig(overrides: MemN2NConfig = {}): ResolvedMemN2NConfig {
  return resolveMemN2NConfig({
    vocabularySize: 7,
    memorySize: 4,
    embeddingDim: 3,
    hops: 2,
    ...overrides,
  });
}
