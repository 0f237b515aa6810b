import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser tests: the built dashboard in Chromium against the whole local stack, one file at a time. */
export const config = defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['frontend/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});

// Vitest reads the default export.
export default config;
