import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Browser tests build the client once before any test runs.
    globalSetup: ['test/global_setup.ts'],
    pool: 'forks',
  },
});
