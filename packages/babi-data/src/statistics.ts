import type { BabiExample } from './examples.js';
import type { BabiStory } from './parse-babi.js';

/** Sizes of one task file, as the reference table reports them. */
export interface BabiFileStatistics {
  stories: number;
  questions: number;
  /** Most statements a question sees. */
  longestStory: number;
  /** Most tokens in a statement. */
  longestSentence: number;
  /** Most tokens in a question. */
  longestQuestion: number;
}

/** Statistics of a task: each file, and what they share. */
export interface BabiTaskStatistics {
  train: BabiFileStatistics;
  test: BabiFileStatistics;
  /** Distinct story and question tokens plus answer words (comma lists split). */
  vocabularySize: number;
  /** Distinct whole answer strings. */
  answers: number;
}

/**
 * Counts the stories, questions and longest story, sentence and question of
 * one file.
 *
 * @param stories - The parsed file.
 * @param examples - Its examples (from `toExamples`).
 */
export function fileStatistics(
  stories: readonly BabiStory[],
  examples: readonly BabiExample[],
): BabiFileStatistics {
  let longestStory = 0;
  let longestSentence = 0;
  let longestQuestion = 0;
  for (const { story, question } of examples) {
    longestStory = Math.max(longestStory, story.length);
    longestQuestion = Math.max(longestQuestion, question.length);
    for (const s of story)
      longestSentence = Math.max(longestSentence, s.length);
  }
  return {
    stories: stories.length,
    questions: examples.length,
    longestStory,
    longestSentence,
    longestQuestion,
  };
}

/**
 * The vocabulary size and answer count of a task's two files, counted as the
 * reference notes do: tokens of stories and questions, plus the words of the
 * answers with comma lists split (`apple,milk` adds two words).
 */
export function taskStatistics(
  train: { stories: readonly BabiStory[]; examples: readonly BabiExample[] },
  test: { stories: readonly BabiStory[]; examples: readonly BabiExample[] },
): BabiTaskStatistics {
  const words = new Set<string>();
  const answers = new Set<string>();
  for (const { story, question, answer } of [
    ...train.examples,
    ...test.examples,
  ]) {
    for (const s of story) for (const w of s) words.add(w);
    for (const w of question) words.add(w);
    for (const w of answer.toLowerCase().split(',')) words.add(w);
    answers.add(answer);
  }
  return {
    train: fileStatistics(train.stories, train.examples),
    test: fileStatistics(test.stories, test.examples),
    vocabularySize: words.size,
    answers: answers.size,
  };
}
