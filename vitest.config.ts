import { defineConfig } from 'vitest/config';

/**
 * test/postgres/ and test/replicas/ need a PostgreSQL server: they are included when
 * TEST_DATABASE_URL names one (.ci/run starts Debian's postgresql and sets it), and left out
 * otherwise, never skipped inside a run.
 */
const postgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'canvases/**/*.test.ts', 'bench/test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', ...(postgres ? [] : ['test/postgres/**', 'test/replicas/**'])],
    // Creates PGlite's template data directory once, before any test starts an app process.
    globalSetup: ['test/support/pglite-template.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
