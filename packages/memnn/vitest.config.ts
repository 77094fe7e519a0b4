import { defineConfig } from 'vitest/config';

// Vitest reads the config from the default export.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { testTimeout: 60_000 },
});
