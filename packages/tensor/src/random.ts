import { formatValue } from './format-value.js';

/**
 * A seeded source of random numbers: the same seed gives the same sequence on
 * every machine and backend.
 *
 * The generator is xoshiro128** (Blackman & Vigna 2018), whose 128-bit state
 * is filled from the seed with splitmix32 so that nearby seeds give unrelated
 * streams. It is fast, passes the usual statistical batteries and needs only
 * 32-bit integer arithmetic, which JavaScript does exactly.
 */
export class Random {
  readonly seed: number;
  #s0 = 0;
  #s1 = 0;
  #s2 = 0;
  #s3 = 0;
  #spareNormal: number | null = null;

  /**
   * @param seed - An integer in [0, 2^32); the same seed, the same stream.
   * @throws RangeError when the seed is not such an integer.
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      throw new RangeError(
        `Random: seed must be an integer in [0, 2^32), got ${formatValue(seed)}.`,
      );
    }
    this.seed = seed;
    let mix = seed >>> 0;
    const splitmix32 = (): number => {
      // A fixed odd increment, then two xor-shift-multiply rounds.
      mix = (mix + 0x9e3779b9) >>> 0;
      let z = mix;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = splitmix32();
    this.#s1 = splitmix32();
    this.#s2 = splitmix32();
    this.#s3 = splitmix32();
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotateLeft(this.#s3, 11);
    return result;
  }

  /** A float uniform in [0, 1), with 32 random bits. */
  next(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /** A float uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /**
   * A normal deviate by the Box–Muller transform; the second value of each
   * pair is kept for the next call.
   */
  normal(mean = 0, standardDeviation = 1): number {
    if (this.#spareNormal !== null) {
      const spare = this.#spareNormal;
      this.#spareNormal = null;
      return mean + standardDeviation * spare;
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.#spareNormal = radius * Math.sin(angle);
    return mean + standardDeviation * radius * Math.cos(angle);
  }

  /** An integer uniform in [0, limit), without modulo bias. */
  integer(limit: number): number {
    if (!Number.isInteger(limit) || limit <= 0 || limit > 2 ** 32) {
      throw new RangeError(
        `Random.integer: limit must be an integer in [1, 2^32], ` +
          `got ${formatValue(limit)}.`,
      );
    }
    // Reject the top partial block of 2^32 so every residue is equally likely.
    const ceiling = 2 ** 32 - (2 ** 32 % limit);
    let value = this.nextUint32();
    while (value >= ceiling) {
      value = this.nextUint32();
    }
    return value % limit;
  }

  /** Shuffles an array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }

  /** `count` distinct indices from [0, population), in random order. */
  sampleIndices(population: number, count: number): Int32Array {
    if (!Number.isInteger(count) || count < 0 || count > population) {
      throw new RangeError(
        `Random.sampleIndices: count must be an integer in [0, ${population}], ` +
          `got ${formatValue(count)}.`,
      );
    }
    // Floyd's algorithm would avoid the O(population) array; a partial
    // Fisher–Yates is simpler and fast enough for the sizes we draw from.
    const pool = new Int32Array(population);
    for (let i = 0; i < population; i++) pool[i] = i;
    for (let i = 0; i < count; i++) {
      const j = i + this.integer(population - i);
      const swap = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = swap;
    }
    return pool.slice(0, count);
  }

  /** A new generator seeded from this one, for an independent stream. */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
