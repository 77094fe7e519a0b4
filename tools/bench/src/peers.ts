import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The peer programs beside the checkout: ../shared/peers. */
export const PEERS_DIR = fileURLToPath(
  new URL('../../../../shared/peers/', import.meta.url),
);

/**
 * The Python with numpy to run the peers with: Debian's /usr/bin/python3
 * first (the peers' README installs their packages there), else `python3`.
 * Returns `null`, with the reason, when none imports the modules.
 */
export function findPython(modules: string[]): {
  python: string | null;
  reason: string;
} {
  const imports = `import ${modules.join(', ')}`;
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', imports], { encoding: 'utf8' });
    if (probe.status === 0) return { python, reason: '' };
  }
  return {
    python: null,
    reason:
      `no python3 can ${imports} ` +
      `(apt-get install the packages in ${join(PEERS_DIR, 'README.md')})`,
  };
}

/**
 * Runs one peer script and returns its JSON report (the scripts print one
 * JSON object on stdout).
 *
 * @throws Error with the script's stderr when it fails.
 */
export function runPeer(
  python: string,
  script: string,
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Record<string, unknown> {
  const path = join(PEERS_DIR, script);
  if (!existsSync(path)) throw new Error(`peer ${path} is missing`);
  const result = spawnSync(python, [path, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${script} failed (${result.status}): ${result.stderr.trim()}`,
    );
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
}
