import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { selectBackend } from './select-backend.js';

function installed(specifier: string): Promise<boolean> {
  return import(specifier).then(
    () => true,
    () => false,
  );
}

describe('selectBackend', () => {
  it('activates a backend named explicitly and says so', async () => {
    const messages: string[] = [];
    const logger = {
      error: () => {},
      warn: () => {},
      info: (m: string) => messages.push(m),
      debug: () => {},
    };

    const selection = await selectBackend({ backend: 'cpu', logger });

    expect(selection.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(selection.skipped).toEqual([]);
    expect(messages).toEqual([
      'backend cpu via @tensorflow/tfjs-backend-cpu, as requested.',
    ]);
  });

  it('prefers tfjs-node, then wasm, and says why it skipped the faster ones', async () => {
    const hasNodeGpu = await installed('@tensorflow/tfjs-node-gpu');
    const hasNode = await installed('@tensorflow/tfjs-node');

    const selection = await selectBackend();

    if (hasNodeGpu || hasNode) {
      expect(selection.backend).toBe('tensorflow');
      return;
    }
    expect(selection.backend).toBe('wasm');
    expect(selection.skipped.map((s) => s.label)).toEqual([
      '@tensorflow/tfjs-node-gpu',
      '@tensorflow/tfjs-node',
    ]);
    expect(selection.message).toBe(
      'backend wasm via @tensorflow/tfjs-backend-wasm, chosen automatically; ' +
        'skipped @tensorflow/tfjs-node-gpu (not installed: it is optional, and ' +
        'its install downloads libtensorflow), @tensorflow/tfjs-node (not ' +
        'installed: it is optional, and its install downloads libtensorflow).',
    );
  });

  it('rejects an unknown backend name', async () => {
    await expect(selectBackend({ backend: 'cuda' as never })).rejects.toThrow(
      new RangeError(
        'selectBackend: backend must be one of auto, tensorflow, wasm, cpu, webgpu, got "cuda".',
      ),
    );
  });
});
