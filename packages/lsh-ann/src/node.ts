import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { deserializeIndex } from './deserialize-index.js';
import type { NeighborIndex } from './neighbor-index.js';

/**
 * Saves an index to a file atomically: the bytes go to a temporary file in
 * the same folder, which is then renamed over `path`, so a reader never
 * sees half a file and a failed write leaves the old file in place.
 *
 * @param index - Any index of this package.
 * @param path - The file to write (its folder must exist).
 * @returns The path written.
 * @throws Error from the file system, with the temporary file removed.
 * @example
 * await saveIndex(index, 'out/fashion.lshann');
 */
export async function saveIndex(
  index: NeighborIndex,
  path: string,
): Promise<string> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, index.serialize());
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}

/**
 * Loads an index saved by {@link saveIndex}.
 *
 * @throws Error from the file system when the file cannot be read;
 *   RangeError (with the path) when it is not an index file.
 */
export async function loadIndex(path: string): Promise<NeighborIndex> {
  const bytes = await readFile(path);
  try {
    return deserializeIndex(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
  } catch (error) {
    throw new RangeError(
      `loadIndex: ${path} must be an index file: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
