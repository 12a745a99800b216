import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    // keysmith/node tests run against dist/ (worker threads load the built worker.js).
    globalSetup: ['test/setup/build-dist.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
