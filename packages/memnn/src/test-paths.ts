import { fileURLToPath } from 'node:url';

/** The shared data root (`../shared/data` beside the repository). */
export const SHARED_DATA_DIR = fileURLToPath(
  new URL('../../../../shared/data', import.meta.url),
);
