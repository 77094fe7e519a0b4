import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
import { initParameters, listParameters } from './parameters.js';
import { tinyConfig } from './test-models.js';

const folder = await mkdtemp(join(tmpdir(), 'memnn-checkpoint-'));

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('saveCheckpoint', () => {
  it('writes a file that loadCheckpoint restores, and nothing else', async () => {
    const config = tinyConfig({ hops: 3 });
    const parameters = initParameters(config, 2);
    const path = join(folder, 'model.json');

    await saveCheckpoint(path, config, parameters, {
      vocabulary: ['<pad>', 'a'],
    });
    const restored = await loadCheckpoint(path);

    expect(await readdir(folder)).toEqual(['model.json']);
    expect(restored.config).toEqual(config);
    expect(restored.metadata).toEqual({ vocabulary: ['<pad>', 'a'] });
    expect(
      listParameters(restored.parameters).map((p) => Array.from(p.values)),
    ).toEqual(listParameters(parameters).map((p) => Array.from(p.values)));
  });

  it('names the file of a bad checkpoint', async () => {
    const path = join(folder, 'bad.json');
    await writeFile(path, '{"format":"other"}');

    await expect(loadCheckpoint(path)).rejects.toThrow(
      `loadCheckpoint: ${path}: fromCheckpoint: checkpoint must be a ` +
        'lesson11-memn2n-checkpoint of version 1, got {"format":"other"}.',
    );
  });
});
