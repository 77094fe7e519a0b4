import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChecksumMismatchError, downloadBabi } from './download.js';
import { loadBabiTask } from './load-task.js';

const STORY = '1 Mary went to the kitchen.\n2 Where is Mary? \tkitchen\t1\n';
let root: string;
let archive: Buffer;
let sha256: string;
let server: Server;
let baseUrl: string;
let requests = 0;

beforeAll(async () => {
  // A small archive with the real layout: tasks_1-20_v1-2/en/qa1_*.txt.
  root = await mkdtemp(join(tmpdir(), 'babi-download-'));
  const source = join(root, 'source', 'tasks_1-20_v1-2', 'en');
  await mkdir(source, { recursive: true });
  for (const split of ['train', 'test']) {
    await writeFile(
      join(source, `qa1_single-supporting-fact_${split}.txt`),
      STORY,
    );
  }
  const archivePath = join(root, 'small.tar.gz');
  await tar.c({ gzip: true, file: archivePath, cwd: join(root, 'source') }, [
    'tasks_1-20_v1-2',
  ]);
  archive = await readFile(archivePath);
  sha256 = createHash('sha256').update(archive).digest('hex');

  server = createServer((request, response) => {
    requests++;
    if (request.url === '/babi.tar.gz') {
      response.writeHead(200, { 'content-length': String(archive.length) });
      response.end(archive);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('downloadBabi', () => {
  it('downloads, checks, extracts, then serves from the cache', async () => {
    const cacheDir = join(root, 'cache-ok');
    const events: number[] = [];

    const first = await downloadBabi({
      cacheDir,
      url: `${baseUrl}/babi.tar.gz`,
      sha256,
      onProgress: (event) => events.push(event.completed),
    });
    const before = requests;
    const second = await downloadBabi({
      cacheDir,
      url: `${baseUrl}/babi.tar.gz`,
      sha256,
    });

    expect(first.downloaded).toBe(true);
    expect(events.at(-1)).toBe(archive.length);
    expect(second).toEqual({ ...first, downloaded: false });
    expect(requests).toBe(before);
    const task = await loadBabiTask(first.dataDir, { taskId: 1 });
    expect(task.train[0]?.answer).toBe('kitchen');
    expect((await readdir(cacheDir)).sort()).toEqual([
      'tasks_1-20_v1-2',
      'tasks_1-20_v1-2.tar.gz',
    ]);
  });

  it('leaves no file behind when the checksum does not match', async () => {
    const cacheDir = join(root, 'cache-bad');
    const wrong = '0'.repeat(64);

    const attempt = downloadBabi({
      cacheDir,
      url: `${baseUrl}/babi.tar.gz`,
      sha256: wrong,
    });

    await expect(attempt).rejects.toThrow(ChecksumMismatchError);
    await expect(attempt).rejects.toThrow(
      `downloadBabi: sha256 of ${baseUrl}/babi.tar.gz must be ${wrong}, ` +
        `got ${sha256}. Try another mirror.`,
    );
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('names the URL and status of an HTTP failure', async () => {
    const cacheDir = join(root, 'cache-404');

    await expect(
      downloadBabi({ cacheDir, url: `${baseUrl}/missing.tar.gz`, sha256 }),
    ).rejects.toThrow(
      `downloadBabi: GET ${baseUrl}/missing.tar.gz must answer 200, got 404.`,
    );
  });

  it('fetches nothing when the folder already holds the tasks', async () => {
    const cacheDir = join(root, 'cache-offline');
    await mkdir(join(cacheDir, 'tasks_1-20_v1-2', 'en'), { recursive: true });
    const before = requests;

    const result = await downloadBabi({
      cacheDir,
      url: `${baseUrl}/babi.tar.gz`,
    });

    expect(result.downloaded).toBe(false);
    expect(requests).toBe(before);
  });
});
