import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { throttleProgress } from '@lesson11/tensor';
import type { Logger, ProgressCallback } from '@lesson11/tensor';
import * as tar from 'tar';

import { BABI_ARCHIVE_FOLDER } from './load-task.js';

/**
 * The official bAbI v1.2 archive: its URL, size and sha256 (the checksum the
 * Hugging Face `babi_qa` loader publishes), and mirrors that are probably the
 * same file (the checksum decides).
 */
export const BABI_ARCHIVE = Object.freeze({
  url: 'http://www.thespermwhale.com/jaseweston/babi/tasks_1-20_v1-2.tar.gz',
  mirrors: Object.freeze([
    'https://s3.amazonaws.com/text-datasets/babi_tasks_1-20_v1-2.tar.gz',
    'https://dl.fbaipublicfiles.com/babi/tasks_1-20_v1-2.tar.gz',
  ]),
  sha256: '0364ebde659f14d11bc21744516c5ec49d3d06cb692733f66680771244998898',
  bytes: 15_719_851,
  fileName: 'tasks_1-20_v1-2.tar.gz',
});

/** A download whose bytes do not have the expected sha256. */
export class ChecksumMismatchError extends Error {
  readonly code = 'BABI_CHECKSUM_MISMATCH';
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `downloadBabi: sha256 of ${url} must be ${expected}, got ${actual}. ` +
        'Try another mirror.',
    );
    this.name = 'ChecksumMismatchError';
  }
}

/** Options of {@link downloadBabi}. */
export interface DownloadBabiOptions {
  /** Folder that keeps the archive and its extracted files. */
  cacheDir: string;
  /** @defaultValue BABI_ARCHIVE.url */
  url?: string;
  /** Expected sha256 (hex). @defaultValue BABI_ARCHIVE.sha256 */
  sha256?: string;
  /** The fetch to use (tests pass their own). @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
  /** Bytes received, stage `'download'`. @defaultValue undefined */
  onProgress?: ProgressCallback;
  /** @defaultValue undefined */
  logger?: Logger;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * Makes the bAbI tasks available in a cache folder, downloading the archive
 * only when needed.
 *
 * 1. If `<cacheDir>/tasks_1-20_v1-2/en` exists, nothing is fetched (the
 *    offline path: point `cacheDir` at a copy, e.g. `../shared/data/babi`).
 * 2. Else, if the archive is cached with the right sha256, it is reused.
 * 3. Else it is fetched into a temporary file in `cacheDir` while hashing;
 *    on a mismatch the file is deleted and nothing is left behind; on a
 *    match it is renamed into place (an atomic write).
 * 4. The archive is extracted into a temporary folder, then renamed to
 *    `<cacheDir>/tasks_1-20_v1-2`.
 *
 * @param options - Cache folder, URL, checksum and a fetch to use.
 * @returns The folder to pass to `loadBabiTask`, and whether it fetched.
 * @throws ChecksumMismatchError when the bytes differ; Error naming the URL
 *   and status on an HTTP failure.
 * @example
 * const { dataDir } = await downloadBabi({ cacheDir: '.cache/babi' });
 * const task = await loadBabiTask(dataDir, { taskId: 1 });
 */
export async function downloadBabi(
  options: DownloadBabiOptions,
): Promise<{ dataDir: string; archivePath: string; downloaded: boolean }> {
  const url = options.url ?? BABI_ARCHIVE.url;
  const expected = (options.sha256 ?? BABI_ARCHIVE.sha256).toLowerCase();
  const { cacheDir } = options;
  const dataDir = join(cacheDir, BABI_ARCHIVE_FOLDER);
  const archivePath = join(cacheDir, BABI_ARCHIVE.fileName);
  if (await exists(join(dataDir, 'en'))) {
    return { dataDir, archivePath, downloaded: false };
  }
  await mkdir(cacheDir, { recursive: true });

  let downloaded = false;
  if (
    !(await exists(archivePath)) ||
    (await sha256Of(archivePath)) !== expected
  ) {
    await fetchChecked(url, expected, archivePath, options);
    downloaded = true;
  }

  const scratch = await mkdtemp(join(cacheDir, '.extract-'));
  try {
    await tar.x({ file: archivePath, cwd: scratch });
    await rm(dataDir, { recursive: true, force: true });
    await rename(join(scratch, BABI_ARCHIVE_FOLDER), dataDir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  options.logger?.info(`bAbI tasks extracted to ${dataDir}`);
  return { dataDir, archivePath, downloaded };
}

async function fetchChecked(
  url: string,
  expected: string,
  target: string,
  options: DownloadBabiOptions,
): Promise<void> {
  const response = await (options.fetch ?? fetch)(url);
  if (!response.ok || response.body === null) {
    throw new Error(
      `downloadBabi: GET ${url} must answer 200, got ${response.status}.`,
    );
  }
  const total = Number(response.headers.get('content-length')) || null;
  const progress = throttleProgress(options.onProgress);
  const hash = createHash('sha256');
  let received = 0;
  const temporary = `${target}.${process.pid}.${Date.now()}.part`;
  try {
    const body = Readable.fromWeb(response.body as never);
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      received += chunk.length;
      progress({ stage: 'download', completed: received, total });
    });
    await pipeline(body, createWriteStream(temporary));
    const actual = hash.digest('hex');
    if (actual !== expected)
      throw new ChecksumMismatchError(url, expected, actual);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}
