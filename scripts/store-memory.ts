/**
 * What the PGlite store costs in memory: the app's process and PGlite's own, after opening a new
 * STATE_DIR (copied from the initdb template) and after 1,000 journal writes.
 *   npx tsx scripts/store-memory.ts            the TypeScript sources (PGlite's process loads tsx too)
 *   npm run build && npx tsx scripts/store-memory.ts --build    the compiled app, as in production
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Journal from '../src/delivery/journal.js';
import type * as Logger from '../src/observability/logger.js';
import type * as OpenStore from '../src/store/open-store.js';

const source = process.argv.includes('--build') ? '../dist/src' : '../src';
const { DeliveryJournal } = (await import(`${source}/delivery/journal.js`)) as typeof Journal;
const { silentLogger } = (await import(`${source}/observability/logger.js`)) as typeof Logger;
const { openStore } = (await import(`${source}/store/open-store.js`)) as typeof OpenStore;

const mb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
const pgliteChild = (): number => {
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  return children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pglite-server'))!;
};
const report = (label: string, started: number) => {
  const child = pgliteChild();
  process.stdout.write(
    `${label}: app RSS ${mb(process.pid, 'VmRSS')} MB · PGlite RSS ${mb(child, 'VmRSS')} MB (peak ${mb(child, 'VmHWM')} MB) · ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
};

const stateDir = await mkdtemp(join(tmpdir(), 'store-memory-'));
process.stdout.write(`node alone: app RSS ${mb(process.pid, 'VmRSS')} MB\n`);
const started = performance.now();
const store = await openStore({ nodeEnv: 'production', stateDir, databaseUrl: null, activityRetentionMs: 14 * 86_400_000 }, silentLogger);
report('store open', started);
const journal = await DeliveryJournal.open(store.journal);
const round = await journal.openRound('page-1');
const writes = performance.now();
for (let i = 0; i < 500; i++) {
  await journal.intent(round, `intercom:${i}`, 'Good news: the issue you reported has been resolved.');
  await journal.sent(round, `intercom:${i}`);
}
report(`1,000 journal writes (${((performance.now() - writes) / 1000).toFixed(1)} s)`, started);
await store.close();
