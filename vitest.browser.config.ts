import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the sandbox story walked in a real Chromium. One file at a time, since
 * each starts its own sandbox and browser, with timeouts sized for a browser rather than a unit.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
