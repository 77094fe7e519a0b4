import { fileURLToPath } from 'node:url';

/** The shared data root (`../shared/data` beside the repository). */
export const SHARED_DATA_DIR = fileURLToPath(
  new URL('../../../../shared/data', import.meta.url),
);

/** This package's test fixtures folder. */
export const FIXTURES_DIR = fileURLToPath(
  new URL('../test/fixtures', import.meta.url),
);
