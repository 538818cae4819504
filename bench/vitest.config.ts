import { defineConfig } from 'vitest/config';

/** The benchmark's own tests (its measuring helpers): `npx vitest run --config bench/vitest.config.ts`. */
export default defineConfig({
  test: {
    include: ['bench/test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
