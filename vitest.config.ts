import { defineConfig } from 'vitest/config';

/**
 * test/postgres/ and test/replicas/ need a PostgreSQL server: they are included when
 * TEST_DATABASE_URL names one (.ci/run starts Debian's postgresql and sets it), and left out
 * otherwise, never skipped inside a run.
 */
const postgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Tests that measure the app under an attack from outside (its memory, whether it answers every
 * connection) run alone, after the rest: sharing two cores with the replica tests' processes made
 * the measurement one of the machine rather than of the app.
 */
const alone = ['test/security/hostile-traffic.test.ts'];

export default defineConfig({
  test: {
    // Creates PGlite's template data directory once, before any test starts an app process.
    globalSetup: ['test/support/pglite-template.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts', 'canvases/**/*.test.ts', 'bench/test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**', ...alone, ...(postgres ? [] : ['test/postgres/**', 'test/replicas/**'])],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: alone, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
