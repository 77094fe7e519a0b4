// `pnpm bench <name> [flags]`: runs tools/bench/src/<name>.ts.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(folder)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => !['cli', 'peers', 'timing', 'table'].includes(n));
const [name, ...rest] = process.argv.slice(2);
if (
  name === undefined ||
  !existsSync(`${folder}${name}.ts`) ||
  !names.includes(name)
) {
  process.stderr.write(
    `usage: pnpm bench <name> [flags]\nbenchmarks: ${names.sort().join(', ')}\n`,
  );
  process.exit(2);
}
process.argv = [process.argv[0]!, `${folder}${name}.ts`, ...rest];
await import(pathToFileURL(`${folder}${name}.ts`).href);
