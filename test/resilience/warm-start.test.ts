import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { eventually } from '../support/test-sandbox.js';

/**
 * A restart on the same PGlite STATE_DIR, Notion (the fake) keeping its state: the index comes
 * back from the store's snapshot, and Notion is asked only for what changed meanwhile.
 */
describe('a warm restart from the ticket index snapshot', () => {
  const TICKETS = 1000;
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  let stateDir: string;
  const running: Runtime[] = [];

  beforeEach(async () => {
    fakes = await startFakesServer({ seed: { generatedTickets: TICKETS } });
    stateDir = await mkdtemp(join(tmpdir(), 'warm-start-'));
  });
  afterEach(async () => {
    for (const runtime of running.splice(0)) await runtime.stop(2000);
    await fakes.close();
  });

  /** Starts the app on the fakes; counts the Notion queries it sent before its index was complete. */
  async function start(): Promise<{ runtime: Runtime; queriesUntilComplete: () => number }> {
    const env = { STATE_DIR: stateDir, NOTION_REQUESTS_PER_SECOND: '100', INDEX_REFRESH_SECONDS: '3600', SWEEP_INTERVAL_MINUTES: '1440' };
    const config = loadConfig({ ...sandboxEnv(fakes.url, 0, env), STATE_DIR: stateDir });
    let queries = 0;
    const runtime: Runtime = await createRuntime(config, {
      logger: silentLogger,
      onRequest: (event) => {
        if (event.service === 'notion' && /\/data_sources\/[^/]+\/query/.test(event.url) && !runtime.flows.index.complete) queries += 1;
      },
    });
    running.push(runtime);
    await runtime.start();
    await eventually(() => runtime.flows.index.complete, 30_000);
    return { runtime, queriesUntilComplete: () => queries };
  }

  it('is complete from the snapshot with one catch-up query, and picks up what changed while it was down', async () => {
    const cold = await start();
    expect(cold.runtime.flows.index.size).toBe(TICKETS);
    expect(cold.runtime.sync.stats.snapshotTickets).toBeNull();
    expect(cold.queriesUntilComplete()).toBeGreaterThanOrEqual(TICKETS / 100);
    await running.pop()!.stop(2000);

    // While the app is down: a status change, a new ticket, a ticket moved to the trash.
    const [edited, trashed] = fakes.world.tickets();
    const otherStatus = fakes.world.statusOptions().find((s) => s !== edited!.properties.Status && s !== 'Done')!;
    fakes.world.setStatus(edited!.page_id, otherStatus);
    const added = fakes.world.addTicket({ title: 'Added while the app was down', description: 'It must be found after the restart.' });
    fakes.world.notion.updatePage(trashed!.page_id, { in_trash: true });

    const warm = await start();
    const index = warm.runtime.flows.index;
    expect(warm.runtime.sync.stats.snapshotTickets).toBe(TICKETS);
    expect(warm.queriesUntilComplete()).toBe(1);
    expect(index.get(edited!.page_id)?.status).toBe(otherStatus);
    expect(index.get(added.page_id)?.title).toBe('Added while the app was down');
    // An edited-since query cannot see a trashed page: the full load behind the warm start drops it.
    await eventually(() => index.get(trashed!.page_id) === undefined, 30_000);
    expect(index.size).toBe(TICKETS);
  }, 120_000);
});
