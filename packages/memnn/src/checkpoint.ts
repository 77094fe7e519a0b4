import { resolveMemN2NConfig } from './config.js';
import type { MemN2NConfig, ResolvedMemN2NConfig } from './config.js';
import { listParameters, zeroParameters } from './parameters.js';
import type { MemN2NParameters } from './parameters.js';

/** The checkpoint format's name and version, stored in every file. */
export const CHECKPOINT_FORMAT = 'lesson11-memn2n-checkpoint';
export const CHECKPOINT_VERSION = 1;

/** A model as plain JSON: config, weights by name and free metadata. */
export interface MemN2NCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  config: Required<MemN2NConfig>;
  /** Weights by name (`listParameters`), as plain number arrays. */
  parameters: Record<string, number[]>;
  /** E.g. the vocabulary, the epoch, metrics. */
  metadata: Record<string, unknown>;
}

/**
 * Turns a model into a JSON-ready checkpoint.
 *
 * @param config - The architecture.
 * @param parameters - The weights (copied).
 * @param metadata - Anything JSON can hold, stored as is.
 */
export function toCheckpoint(
  config: ResolvedMemN2NConfig,
  parameters: MemN2NParameters,
  metadata: Record<string, unknown> = {},
): MemN2NCheckpoint {
  const named: Record<string, number[]> = {};
  for (const { name, values } of listParameters(parameters)) {
    named[name] = Array.from(values);
  }
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config: { ...config },
    parameters: named,
    metadata,
  };
}

/**
 * Rebuilds a model from {@link toCheckpoint} output (e.g. parsed JSON).
 *
 * @throws TypeError when the object is not a checkpoint of this version;
 *   RangeError when a weight array is missing or has the wrong length.
 */
export function fromCheckpoint(checkpoint: unknown): {
  config: ResolvedMemN2NConfig;
  parameters: MemN2NParameters;
  metadata: Record<string, unknown>;
} {
  const c = checkpoint as Partial<MemN2NCheckpoint> | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    c.format !== CHECKPOINT_FORMAT ||
    c.version !== CHECKPOINT_VERSION
  ) {
    throw new TypeError(
      `fromCheckpoint: checkpoint must be a ${CHECKPOINT_FORMAT} of version ` +
        `${CHECKPOINT_VERSION}, got ${JSON.stringify(checkpoint).slice(0, 60)}.`,
    );
  }
  const config = resolveMemN2NConfig(c.config);
  const parameters = zeroParameters(config);
  for (const { name, values } of listParameters(parameters)) {
    const stored = c.parameters?.[name];
    if (!Array.isArray(stored) || stored.length !== values.length) {
      throw new RangeError(
        `fromCheckpoint: parameters.${name} must have ${values.length} numbers, ` +
          `got ${Array.isArray(stored) ? stored.length : 'none'}.`,
      );
    }
    values.set(stored);
  }
  return { config, parameters, metadata: c.metadata ?? {} };
}
