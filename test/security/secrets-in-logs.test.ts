import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../../src/config/load-config.js';
import { createLogger, scrubSecrets } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { memoryStore } from '../../src/store/memory-store.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { CanvasClient } from '../support/canvas-client.js';
import { eventually } from '../support/test-sandbox.js';

/**
 * A whole story — suggest, create, link, refused requests, a Done announcement through a signed
 * webhook, a failing service — with secrets of our own, and not one of them in any log line.
 */
describe('secrets never reach the logs', () => {
  const secrets = {
    INTERCOM_CLIENT_SECRET: 'cs-old-7f3a9c1e5b, cs-new-2d8e4f6a0c',
    API_TOKEN: 'api-token-4b9d2f7e1a6c3e8d',
    NOTION_WEBHOOK_VERIFICATION_TOKEN: 'secret_whk_9c2e7a4f1b8d3e6a',
  };
  const lines: string[] = [];
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  let server: RunningServer;
  let runtime: Runtime;

  beforeAll(async () => {
    fakes = await startFakesServer();
    server = await startServer({ port: 0, hostname: '127.0.0.1' });
    const config = loadConfig({ ...sandboxEnv(fakes.url, server.port), ...secrets, NOTION_REQUESTS_PER_SECOND: '100', STATE_DIR: '/tmp/secrets-test' });
    runtime = await createRuntime(config, {
      store: memoryStore(),
      logger: createLogger({ level: 'debug', secrets: secretsOf(config), destination: { write: (l: string) => void lines.push(l) } }),
    });
    server.setApp(runtime.app);
    await runtime.start();
    fakes.world.webhooks.target = { url: `${server.url}/webhooks/notion`, verificationToken: secrets.NOTION_WEBHOOK_VERIFICATION_TOKEN };
    await eventually(() => runtime.flows.index.complete);

    const canvas = new CanvasClient(server.url, 'cs-new-2d8e4f6a0c');
    const suggested = await canvas.submit(CONVERSATION.webhookSecret, 'find_or_create', await canvas.initialize(CONVERSATION.webhookSecret));
    fakes.world.faults.addRule({ service: 'slack', method: 'conversations.invite', fault: 'http500', times: 3 });
    await canvas.submit(CONVERSATION.webhookSecret, 'create_ticket', suggested, { ticket_title: 'Rotated secret' });
    const api = (path: string, body: unknown, token: string) =>
      fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const created = (await (await api('/create-ticket', { intercom_conversation_id: CONVERSATION.oktaLoop }, secrets.API_TOKEN)).json()) as {
      notion_ticket_id: string;
    };
    await api('/create-ticket', { intercom_conversation_id: CONVERSATION.oktaLoop }, 'api-token-wrong-0000000');
    await new CanvasClient(server.url, 'not-the-secret').post('/canvas/initialize', { conversation: { id: '1' } });
    fakes.world.setStatus(created.notion_ticket_id, 'Done');
    await eventually(() => fakes.world.ticket(created.notion_ticket_id)!.properties['Resolution Notified'], 10_000);
    await fetch(`${server.url}/activity`, { headers: { authorization: `Bearer ${secrets.API_TOKEN}` } });
  });

  afterAll(async () => {
    await Promise.all([server.close(), runtime.stop(1000)]);
    await fakes.close();
  });

  it('logged the story, one JSON object per line with a request id', () => {
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('request_id');
    expect(lines.some((l) => l.includes('"service":"slack"') && l.includes('"method":"conversations.invite"'))).toBe(true);
  });

  it('has none of the secrets in any line', () => {
    const values = [...secrets.INTERCOM_CLIENT_SECRET.split(', '), secrets.API_TOKEN, secrets.NOTION_WEBHOOK_VERIFICATION_TOKEN];
    const leaks = lines.filter((line) => values.some((v) => line.includes(v)));
    expect(leaks).toEqual([]);
  });
});

describe('scrubSecrets', () => {
  it('removes secret values wherever they appear, keys and nesting aside', () => {
    const scrubbed = scrubSecrets({ msg: 'call failed with token xoxb-123456-abc', nested: [{ deep: 'Bearer xoxb-123456-abc' }] }, ['xoxb-123456-abc']);
    expect(JSON.stringify(scrubbed)).not.toContain('xoxb-123456-abc');
  });

  it('removes secrets from messages and errors logged through the logger', () => {
    const out: string[] = [];
    const logger = createLogger({ secrets: ['ntn_supersecret_1'], destination: { write: (l: string) => void out.push(l) } });
    logger.error({ err: new Error('401 for token ntn_supersecret_1') }, 'notion said ntn_supersecret_1 is wrong');
    logger.info({ headers: { authorization: 'Bearer anything-at-all' } }, 'request');
    expect(out.join('\n')).not.toContain('ntn_supersecret_1');
    expect(out.join('\n')).not.toContain('anything-at-all');
  });
});
