import { createLogger } from '../../src/observability/logger.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import type { World, WorldOptions } from '../../src/sandbox/fakes/world.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { CanvasClient } from './canvas-client.js';

export interface TestSandbox extends Sandbox {
  canvas: CanvasClient;
  /** Every log line the app wrote, as JSON strings. */
  logs: string[];
  /** POST with the sandbox API token (or the one given). */
  api(path: string, body: unknown, token?: string | null): Promise<Response>;
}

/**
 * The real app, in-process, on a loopback port, against the sandbox fakes: real routes, real SDK
 * clients, real HTTP. Sweeps and index refreshes are slowed down so tests trigger them on purpose.
 */
export async function startTestSandbox(
  options: { world?: WorldOptions; env?: Record<string, string>; /** One clock for the app and the fakes. */ now?: () => Date } = {},
): Promise<TestSandbox> {
  const logs: string[] = [];
  const env = {
    SWEEP_INTERVAL_MINUTES: '1440',
    INDEX_REFRESH_SECONDS: '3600',
    // Notion's real limit is exercised by the benchmark and the rate-limit tests, not here.
    NOTION_REQUESTS_PER_SECOND: '100',
    // Announce a Done at once; the quiet period has tests of its own.
    DONE_SETTLE_SECONDS: '0',
    ...options.env,
  };
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(line) } });
  const clock = options.now ? { now: options.now } : {};
  const sandbox = await startSandbox(env, 'forced', { port: 0, quiet: true, world: { ...options.world, ...clock }, runtime: { logger, ...clock } });
  await eventually(() => sandbox.runtime.flows.index.complete);
  const canvas = new CanvasClient(sandbox.url);
  return {
    ...sandbox,
    canvas,
    logs,
    api: (path, body, token = SANDBOX.apiToken) =>
      fetch(sandbox.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** Waits until `check` returns a truthy value (background work such as webhook handling); generous, as `npm test` shares the machine. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A new customer conversation in the fake Intercom (for tests that need many of them). */
export function addConversation(world: World, id: string, text = 'Same problem here'): string {
  world.intercom.addConversation({
    id,
    title: null,
    createdAt: 1_700_000_000,
    updatedAt: 1_700_000_000,
    state: 'open',
    snoozedUntil: null,
    adminAssigneeId: null,
    source: { id: `s${id}`, type: 'conversation', body: `<p>${text}</p>`, author: { type: 'user', id: `u${id}`, name: 'A customer', email: null } },
    parts: [],
  });
  return id;
}

/** The customer-visible replies the app posted in a conversation that name `ticketId` (its Done messages). */
export function appRepliesAbout(world: World, conversationId: string, ticketId: string): string[] {
  return world.intercom
    .conversation(conversationId)!
    .parts.filter((p) => p.partType === 'comment' && p.author.id === SANDBOX.adminId && p.body?.includes(ticketId))
    .map((p) => p.body ?? '');
}
