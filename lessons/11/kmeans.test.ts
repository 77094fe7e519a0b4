import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodePng } from '@lesson11/plot';
import { runLesson } from '@lesson11/runner';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'lesson-kmeans-'));
const sink = { write: () => true };

describe('11:kmeans', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('shows k-means failing where mean shift does not', async () => {
    const run = await runLesson(
      '11:kmeans',
      ['--stripe-points', '300', '--out', outDir, '--quiet'],
      { stdout: sink, stderr: sink, env: {} },
    );

    const metrics = run?.metrics as Record<string, Record<string, number>>;
    expect(metrics['blobs']!['meanShiftClusters']).toBe(6);
    expect(metrics['blobs']!['kMeansAri']).toBeGreaterThanOrEqual(0.99);
    expect(metrics['wrongK']!['kMeansAri']).toBeLessThan(0.9);
    expect(metrics['stripes']!['kMeansAri']).toBeLessThan(0.3);
    expect(metrics['stripes']!['meanShiftAri']).toBeGreaterThan(0.95);
    const image = decodePng(readFileSync(join(outDir, 'kmeans.png')));
    expect(image.width).toBeGreaterThan(900);
  });

  it('rejects an unknown k-means start with the flag and the value', async () => {
    await expect(
      runLesson('11:kmeans', ['--init', 'random', '--out', outDir, '--quiet'], {
        stdout: sink,
        stderr: sink,
        env: {},
      }),
    ).rejects.toThrow(
      'lesson: --init must be farthestPoint or kMeansPlusPlus, got "random".',
    );
  });
});
