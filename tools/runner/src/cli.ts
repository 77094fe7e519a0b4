// `pnpm lesson <lesson>:<slug> [flags]`: runs one lesson part.
import { listLessons } from './lesson-files.js';
import { runLesson } from './run-lesson.js';

const [id, ...rest] = process.argv.slice(2);
if (id === undefined || id === '--help' || id === '-h') {
  process.stdout.write(
    `usage: pnpm lesson <lesson>:<slug> [flags]   (--help after the id lists its flags)\n` +
      `parts: ${listLessons().join(', ')}\n`,
  );
  process.exit(id === undefined ? 2 : 0);
}
try {
  await runLesson(id, rest, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  if (process.env['LESSON11_DEBUG'] && error instanceof Error) {
    process.stderr.write(`${error.stack ?? ''}\n`);
  }
  process.exit(
    error instanceof RangeError || error instanceof TypeError ? 2 : 1,
  );
}
