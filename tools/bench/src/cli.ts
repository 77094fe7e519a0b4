// `pnpm bench <name> [flags]`: runs tools/bench/src/<name>.ts. A benchmark is
// a file of this folder whose header comment shows how to run it with
// `pnpm bench`; the other files are its helpers.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -3))
  .filter(
    (name) =>
      name !== 'cli' &&
      readFileSync(`${folder}${name}.ts`, 'utf8').includes(
        `pnpm bench ${name}`,
      ),
  )
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (name === undefined || !names.includes(name)) {
  process.stderr.write(
    `usage: pnpm bench <name> [flags]\nbenchmarks: ${names.join(', ')}\n`,
  );
  process.exit(2);
}
process.argv = [process.argv[0]!, `${folder}${name}.ts`, ...rest];
await import(pathToFileURL(`${folder}${name}.ts`).href);
