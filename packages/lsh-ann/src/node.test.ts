import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { makeBlobs } from '@lesson11/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildBruteForceIndex } from './brute-force-index.js';
import { deserializeIndex } from './deserialize-index.js';
import { buildE2lshIndex } from './e2lsh-index.js';
import type { NeighborIndex } from './neighbor-index.js';
import { loadIndex, saveIndex } from './node.js';
import { buildSignLshIndex } from './sign-lsh-index.js';
import { buildSpillForestIndex } from './spill-forest-index.js';

const BLOBS = makeBlobs({
  clusters: 4,
  pointsPerCluster: 100,
  dimensions: 6,
  seed: 11,
});
const POINTS = { data: BLOBS.points, rows: BLOBS.n, columns: 6 };
const QUERIES = { data: BLOBS.points.slice(0, 40 * 6), rows: 40, columns: 6 };

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lsh-ann-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const BUILDERS: Array<[string, () => Promise<NeighborIndex>]> = [
  ['brute-force', () => buildBruteForceIndex(POINTS, { metric: 'cosine' })],
  ['e2lsh', () => buildE2lshIndex(POINTS, { seed: 1, numProbes: 3 })],
  ['sign-lsh', () => buildSignLshIndex(POINTS, { seed: 1, numProbes: 5 })],
  [
    'spill-forest',
    () => buildSpillForestIndex(POINTS, { seed: 1, numTrees: 3 }),
  ],
];

describe('saveIndex and loadIndex', () => {
  it.each(BUILDERS)(
    'round-trips a %s index with identical answers',
    async (kind, build) => {
      const index = await build();
      const path = join(folder, `${kind}.lshann`);

      await saveIndex(index, path);
      const loaded = await loadIndex(path);

      expect(loaded.kind).toBe(kind);
      expect(loaded.metric).toBe(index.metric);
      const [a, b] = [
        await index.knn(QUERIES, 5),
        await loaded.knn(QUERIES, 5),
      ];
      expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
      expect(Array.from(b.distances)).toEqual(Array.from(a.distances));
      const [r, s] = [
        await index.radius(QUERIES, 0.5),
        await loaded.radius(QUERIES, 0.5),
      ];
      expect(Array.from(s.indices)).toEqual(Array.from(r.indices));
    },
  );

  it('leaves no temporary file behind', async () => {
    await saveIndex(
      await buildSpillForestIndex(POINTS, { numTrees: 1 }),
      join(folder, 'x.lshann'),
    );

    const names = await readdir(folder);

    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the probe count and trees searched', async () => {
    const forest = await buildSpillForestIndex(POINTS, { numTrees: 3 });
    forest.treesSearched = 2;

    const copy = deserializeIndex(forest.serialize()) as typeof forest;

    expect(copy.treesSearched).toBe(2);
  });

  it('names the file when it is not an index', async () => {
    const path = join(folder, 'bad.lshann');
    await writeFile(path, 'hello world, not an index');

    await expect(loadIndex(path)).rejects.toThrow(
      `loadIndex: ${path} must be an index file: deserializeIndex: bytes must ` +
        'start with "LSHANN01", got "hello wo".',
    );
  });

  it('rejects a file cut short', async () => {
    const bytes = (await buildBruteForceIndex(POINTS)).serialize();

    expect(() =>
      deserializeIndex(bytes.subarray(0, bytes.length - 64)),
    ).toThrow(
      new RegExp(
        '^deserializeIndex: array points must end within the \\d+ bytes, ' +
          'got end \\d+\\. The file is cut short\\.$',
      ),
    );
  });
});
