import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countByService, WireRecorder } from '../lib/wire-recorder.js';

/** A loopback server standing in for the fakes: answers 200, or 429 under /limited. */
describe('WireRecorder', () => {
  let server: Server;
  let base: string;
  const originalFetch = globalThis.fetch;

  beforeEach(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url?.includes('/limited') ? 429 : 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
  });
  afterEach(async () => {
    globalThis.fetch = originalFetch;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('records each request to a fake with its service, operation, status and timing', async () => {
    const recorder = WireRecorder.forFakes(base, 'http://127.0.0.1:1/gemini').install();
    await fetch(`${base}/notion/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5`, { method: 'PATCH', body: '{}' });
    await fetch(`${base}/slack/api/chat.postMessage`, { method: 'POST', body: '{}' });
    await fetch(`${base}/intercom/conversations/215470000000001/reply`, { method: 'POST', body: '{}' });
    await fetch(`${base}/notion/v1/limited`);

    expect(recorder.requests.map((r) => [r.service, r.operation, r.status])).toEqual([
      ['notion', 'PATCH /v1/pages/:id', 200],
      ['slack', 'chat.postMessage', 200],
      ['intercom', 'POST /conversations/:id/reply', 200],
      ['notion', 'GET /v1/limited', 429],
    ]);
    for (const r of recorder.requests) expect(r.end).toBeGreaterThanOrEqual(r.start);
    expect(countByService(recorder.requests)).toEqual({ notion: 2, slack: 1, intercom: 1 });
  });

  it('ignores requests to anything else: the control API, the app under test', async () => {
    const recorder = WireRecorder.forFakes(base, 'http://127.0.0.1:1/gemini').install();
    await fetch(`${base}/api/faults`, { method: 'POST', body: '{}' });
    await fetch(`${base.replace('/sandbox', '')}/canvas/submit`, { method: 'POST', body: '{}' });
    expect(recorder.requests).toEqual([]);
  });

  it('reads what happened since a mark, for one service or all', async () => {
    const recorder = WireRecorder.forFakes(base, 'http://127.0.0.1:1/gemini').install();
    await fetch(`${base}/notion/v1/users/me`);
    const mark = recorder.mark();
    await fetch(`${base}/slack/api/auth.test`, { method: 'POST' });
    await fetch(`${base}/notion/v1/pages`, { method: 'POST', body: '{}' });
    expect(recorder.since(mark).map((r) => r.operation)).toEqual(['auth.test', 'POST /v1/pages']);
    expect(recorder.since(mark, 'notion').map((r) => r.operation)).toEqual(['POST /v1/pages']);
  });

  it('waits until nothing has been in flight for the quiet period', async () => {
    const recorder = WireRecorder.forFakes(base, 'http://127.0.0.1:1/gemini').install();
    const pending = fetch(`${base}/notion/v1/users/me`);
    const settled = recorder.settled(50).then(() => recorder.requests.every((r) => Number.isFinite(r.end)));
    await pending;
    await expect(settled).resolves.toBe(true);
  });
});
