// Fails on a TODO, FIXME or XXX that does not follow the house style
// (`TODO(#<issue>): <what> because <why>` or `TODO(v<version>): ...`).
import { execFileSync } from 'node:child_process';

const files = execFileSync('git', ['ls-files', '*.ts', '*.mjs', '*.js'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file !== '' && file !== 'tools/lint-todos.mjs');
const bad = [];
const marker = /\b(TODO|FIXME|XXX)\b/;
const allowed = /TODO\((#\d+|v\d+(\.\d+)*)\): \S/;
for (const file of files) {
  const text = execFileSync('git', ['show', `:${file}`], { encoding: 'utf8' });
  text.split('\n').forEach((line, index) => {
    if (marker.test(line) && !allowed.test(line)) {
      bad.push(`${file}:${index + 1}: ${line.trim()}`);
    }
  });
}
if (bad.length > 0) {
  process.stderr.write(`lint-todos: ${bad.length} bad marker(s):\n`);
  process.stderr.write(`${bad.join('\n')}\n`);
  process.exit(1);
}
