// `pnpm --filter @lesson11/babi-data stats [flags]`: prints each task's
// statistics (stories, questions, longest story, sentence and question,
// vocabulary and answers) for the 1k and 10k sets.
//
//   --data-dir DIR   bAbI folder (default: env BABI_DATA_DIR, else
//                    ../shared/data from the repository root)
//   --sets en,en-10k --tasks 1-20 --json
//   --download       fetch the official archive into --cache-dir first
//   --cache-dir DIR  (default .cache/babi)
//
// A program, not a library: it writes to stdout and stderr.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { downloadBabi } from './download.js';
import { toExamples } from './examples.js';
import { resolveBabiRoot } from './load-task.js';
import { parseBabi } from './parse-babi.js';
import { taskStatistics } from './statistics.js';
import { babiFileName, parseTaskList } from './tasks.js';
import type { BabiSet } from './tasks.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    sets: { type: 'string', default: 'en,en-10k' },
    tasks: { type: 'string', default: '1-20' },
    json: { type: 'boolean', default: false },
    download: { type: 'boolean', default: false },
    'cache-dir': { type: 'string', default: '.cache/babi' },
  },
});
const sharedData = fileURLToPath(
  new URL('../../../../shared/data', import.meta.url),
);
let dataDir = values['data-dir'] ?? process.env['BABI_DATA_DIR'] ?? sharedData;
if (values.download) {
  const result = await downloadBabi({ cacheDir: values['cache-dir'] });
  process.stderr.write(
    `${result.downloaded ? 'downloaded' : 'cached'}: ${result.archivePath}\n`,
  );
  dataDir = result.dataDir;
}
const root = await resolveBabiRoot(dataDir);
const tasks = parseTaskList(values.tasks);

async function readTask(set: BabiSet, taskId: number) {
  const read = async (split: 'train' | 'test') => {
    const path = join(root, set, babiFileName(taskId, split));
    const stories = parseBabi(await readFile(path, 'utf8'), { fileName: path });
    return { stories, examples: toExamples(stories) };
  };
  return taskStatistics(await read('train'), await read('test'));
}

const rows: string[] = [
  '| set | task | stories train/test | questions train/test | longest story ' +
    '| longest sentence / question | vocabulary | answers |',
  '|---|---|---|---|---|---|---|---|',
];
const report: unknown[] = [];
for (const set of values.sets.split(',') as BabiSet[]) {
  for (const taskId of tasks) {
    try {
      const s = await readTask(set, taskId);
      report.push({ set, taskId, ...s });
      rows.push(
        `| ${set} | ${taskId} | ${s.train.stories}/${s.test.stories} | ` +
          `${s.train.questions}/${s.test.questions} | ` +
          `${s.train.longestStory}/${s.test.longestStory} | ` +
          `${Math.max(s.train.longestSentence, s.test.longestSentence)} / ` +
          `${Math.max(s.train.longestQuestion, s.test.longestQuestion)} | ` +
          `${s.vocabularySize} | ${s.answers} |`,
      );
    } catch (error) {
      // One bad or missing file never stops the rest.
      const message = error instanceof Error ? error.message : String(error);
      report.push({ set, taskId, error: message });
      rows.push(
        `| ${set} | ${taskId} | ${message.replace(/\|/g, '/')} |||||| |`,
      );
    }
  }
}
process.stdout.write(
  values.json ? `${JSON.stringify(report)}\n` : `${rows.join('\n')}\n`,
);
