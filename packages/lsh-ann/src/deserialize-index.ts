import { BruteForceIndex } from './brute-force-index.js';
import { E2lshIndex } from './e2lsh-index.js';
import type { NeighborIndex } from './neighbor-index.js';
import { decodeIndex } from './serialize.js';
import { SignLshIndex } from './sign-lsh-index.js';
import { SpillForestIndex } from './spill-forest-index.js';

/**
 * Reads an index back from the bytes its `serialize()` gave; the result
 * answers queries exactly as the original did.
 *
 * @param bytes - What `index.serialize()` returned (see `encodeIndex` for
 *   the layout).
 * @returns The index, of the kind that was saved.
 * @throws RangeError when the bytes are not an index file, are cut short, or
 *   hold an unknown kind.
 * @example
 * const copy = deserializeIndex(index.serialize());
 */
export function deserializeIndex(bytes: Uint8Array): NeighborIndex {
  const parts = decodeIndex('deserializeIndex', bytes);
  switch (parts.kind) {
    case 'brute-force':
      return BruteForceIndex.fromParts(parts);
    case 'e2lsh':
      return E2lshIndex.fromParts(parts);
    case 'sign-lsh':
      return SignLshIndex.fromParts(parts);
    case 'spill-forest':
      return SpillForestIndex.fromParts(parts);
    default:
      throw new RangeError(
        `deserializeIndex: kind must be one of "brute-force", "e2lsh", ` +
          `"sign-lsh", "spill-forest", got ${JSON.stringify(parts.kind)}.`,
      );
  }
}
