import type { BabiExample } from './examples.js';

/** The padding token, always id 0. */
export const PAD_TOKEN = '<pad>';

/**
 * A word ↔ id table: id 0 is the padding token, the other words follow in
 * sorted (code-unit) order, so the same examples always give the same ids.
 */
export class Vocabulary {
  readonly words: readonly string[];
  readonly #ids: ReadonlyMap<string, number>;

  /**
   * @param words - Distinct words without the padding token; they are sorted.
   * @throws RangeError when a word repeats or is the padding token.
   */
  constructor(words: Iterable<string>) {
    const sorted = [...words].sort();
    const ids = new Map<string, number>();
    sorted.forEach((word, index) => {
      if (ids.has(word) || word === PAD_TOKEN) {
        throw new RangeError(
          `Vocabulary: words must be distinct and not ${JSON.stringify(PAD_TOKEN)}, ` +
            `got ${JSON.stringify(word)} twice.`,
        );
      }
      ids.set(word, index + 1);
    });
    this.words = Object.freeze([PAD_TOKEN, ...sorted]);
    this.#ids = ids;
  }

  /**
   * Collects every story, question and answer token of the given example
   * sets (answers whole, as one token each).
   */
  static fromExamples(
    ...sets: readonly (readonly BabiExample[])[]
  ): Vocabulary {
    const words = new Set<string>();
    for (const examples of sets) {
      for (const example of examples) {
        for (const sentence of example.story) {
          for (const word of sentence) words.add(word);
        }
        for (const word of example.question) words.add(word);
        words.add(example.answer);
      }
    }
    return new Vocabulary(words);
  }

  /** The number of ids, padding included. */
  get size(): number {
    return this.words.length;
  }

  /** Whether the word has an id. */
  has(word: string): boolean {
    return this.#ids.has(word);
  }

  /**
   * The id of a word.
   * @throws RangeError when the word is not in the vocabulary.
   */
  id(word: string): number {
    const id = this.#ids.get(word);
    if (id === undefined) {
      throw new RangeError(
        `Vocabulary.id: word must be in the vocabulary, got ${JSON.stringify(word)}.`,
      );
    }
    return id;
  }

  /**
   * The word of an id.
   * @throws RangeError when the id is out of range.
   */
  word(id: number): string {
    const word = this.words[id];
    if (word === undefined || !Number.isInteger(id)) {
      throw new RangeError(
        `Vocabulary.word: id must be an integer in [0, ${this.size - 1}], got ${id}.`,
      );
    }
    return word;
  }

  /** The plain list of words (index = id), for saving with a model. */
  toJSON(): string[] {
    return this.words.slice();
  }

  /**
   * Rebuilds a vocabulary from {@link Vocabulary.toJSON} output.
   * @throws RangeError when the list is not padding first, then sorted words.
   */
  static fromJSON(words: readonly string[]): Vocabulary {
    const vocabulary = new Vocabulary(words.slice(1));
    if (
      words[0] !== PAD_TOKEN ||
      vocabulary.words.some((word, index) => word !== words[index])
    ) {
      throw new RangeError(
        'Vocabulary.fromJSON: words must be the padding token, then sorted words, ' +
          `got ${JSON.stringify(words).slice(0, 60)}.`,
      );
    }
    return vocabulary;
  }
}
