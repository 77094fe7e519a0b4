import { readFile, rename, unlink, writeFile } from 'node:fs/promises';

import type { ResolvedMemN2NConfig } from './config.js';
import { fromCheckpoint, toCheckpoint } from './checkpoint.js';
import type { MemN2NParameters } from './parameters.js';

/**
 * Saves a model as JSON, atomically: a temporary file in the same folder,
 * then a rename, so a crash never leaves half a checkpoint.
 *
 * @param path - The file to write.
 * @param config - The architecture.
 * @param parameters - The weights.
 * @param metadata - Stored as is (vocabulary, epoch, metrics).
 */
export async function saveCheckpoint(
  path: string,
  config: ResolvedMemN2NConfig,
  parameters: MemN2NParameters,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(
      temporary,
      JSON.stringify(toCheckpoint(config, parameters, metadata)),
    );
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Loads a model saved by {@link saveCheckpoint}.
 *
 * @throws TypeError or RangeError (see `fromCheckpoint`), with the path.
 */
export async function loadCheckpoint(
  path: string,
): Promise<ReturnType<typeof fromCheckpoint>> {
  const text = await readFile(path, 'utf8');
  try {
    return fromCheckpoint(JSON.parse(text));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TypeError(`loadCheckpoint: ${path}: ${message}`, {
      cause: error,
    });
  }
}
