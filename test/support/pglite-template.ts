import { initdbInto, templateDir } from '../../src/store/pglite-process.js';

/** vitest globalSetup: PGlite's initdb (10–30 s) runs here once, not inside a test's time limit. */
export async function setup(): Promise<void> {
  await initdbInto(templateDir());
}
