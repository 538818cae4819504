import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/middleware.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { canvasBase, sign } from '../support/fuzz-canvas.js';
import { runs } from '../support/fuzz-expect.js';
import { render } from '../support/fuzz-mutations.js';
import { type FuzzSandbox, startFuzzSandbox } from '../support/fuzz-sandbox.js';
import { chunk, head, type RawAnswer, rawExchange } from '../support/fuzz-socket.js';
import { eventually } from '../support/test-sandbox.js';

const INITIALIZE = render(canvasBase());
const TOKEN = `Bearer ${SANDBOX.apiToken}`;

function expectJsonError(answer: RawAnswer, status: number): void {
  expect(answer.status, answer.raw.slice(0, 300)).toBe(status);
  expect(answer.headers['content-type'] ?? '(no content type)', answer.raw.slice(0, 300)).toMatch(/^application\/json/);
  expect(JSON.parse(answer.body)).toMatchObject({ status: 'error', error: { code: expect.any(String), message: expect.any(String) } });
}

describe('the node server under broken HTTP', () => {
  let fuzz: FuzzSandbox;
  let port: number;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
    port = fuzz.sandbox.server.port;
  });
  afterAll(async () => {
    await fuzz.close();
  });

  /** The server still answers, and nothing was written anywhere. */
  async function expectHealthy(writesBefore: number): Promise<void> {
    const res = await fetch(`${fuzz.sandbox.url}/healthz`);
    expect(res.status).toBe(200);
    expect(writeCount()).toBe(writesBefore);
  }
  const writeCount = () => {
    const calls = fuzz.sandbox.world.calls.snapshot();
    return calls.slack.total + calls.intercom.total + calls.notion.total;
  };

  it('reads a signed body sent in chunks of any size like any other', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 12 }), async (sizes) => {
        const pieces: string[] = [];
        let rest = INITIALIZE;
        for (const size of sizes) {
          if (!rest) break;
          pieces.push(chunk(rest.slice(0, size)));
          rest = rest.slice(size);
        }
        if (rest) pieces.push(chunk(rest));
        const answer = await rawExchange(port, [
          head('POST /canvas/initialize HTTP/1.1', { 'Content-Type': 'application/json', 'X-Body-Signature': sign(INITIALIZE), 'Transfer-Encoding': 'chunked', Connection: 'close' }),
          ...pieces,
          '0\r\n\r\n',
        ]);
        expect(answer.status, answer.raw.slice(0, 300)).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ canvas: expect.any(Object) });
      }),
      runs(25),
    );
  });

  it('refuses a chunked body that grows past the limit with a JSON 413, and says it closes the connection', async () => {
    const piece = chunk('x'.repeat(32 * 1024));
    const answer = await rawExchange(port, [
      head('POST /canvas/submit HTTP/1.1', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }),
      ...Array.from({ length: 40 }, () => piece),
      '0\r\n\r\n',
    ]);
    expectJsonError(answer, 413);
    expect(answer.headers.connection).toBe('close');
  });

  it('refuses a Content-Length over the limit with a JSON 413 without waiting for the body', async () => {
    for (const path of ['/canvas/initialize', '/webhooks/notion', '/create-ticket', '/ticket-done']) {
      const answer = await rawExchange(port, [head(`POST ${path} HTTP/1.1`, { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1), Authorization: TOKEN })]);
      expectJsonError(answer, 413);
      expect(answer.headers.connection).toBe('close');
    }
  });

  it('refuses an upload it will not read (unsigned, or over the unverified-body budget) and closes the connection instead of draining the rest', async () => {
    const unsigned = await rawExchange(port, [head('POST /canvas/initialize HTTP/1.1', { 'Content-Type': 'application/json', 'Content-Length': '1000000' }), '{"padding":"'], {
      timeoutMs: 5_000,
    });
    expectJsonError(unsigned, 401);
    expect(unsigned.headers.connection).toBe('close');
    expect(unsigned.closedByServer).toBe(true);

    // A body read to the end and then refused (its signature is wrong) leaves the connection open.
    const bogus = { 'Content-Type': 'application/json', 'Content-Length': '2', 'X-Body-Signature': 'a'.repeat(64) };
    const complete = await rawExchange(port, [head('POST /canvas/initialize HTTP/1.1', bogus) + '{}'], { timeoutMs: 1_000 });
    expectJsonError(complete, 401);
    expect(complete.headers.connection).not.toBe('close');
  });

  it('answers a keep-alive client’s next request after refusing an oversized body', async () => {
    for (let i = 0; i < 5; i++) {
      const big = await fetch(`${fuzz.sandbox.url}/create-ticket`, {
        method: 'POST',
        headers: { authorization: TOKEN, 'content-type': 'application/json' },
        body: `{"padding":"${'x'.repeat(MAX_BODY_BYTES)}"}`,
      });
      expect(big.status).toBe(413);
      await big.text();
      const next = await fetch(`${fuzz.sandbox.url}/ticket-done`, { method: 'POST', headers: { authorization: TOKEN, 'content-type': 'application/json' }, body: '{}' });
      expect(next.status).toBe(400);
    }
  });

  it('shrugs off uploads abandoned halfway: no 5xx logged, no error, still serving', async () => {
    const writesBefore = writeCount();
    const loggedBefore = fuzz.loggedStatuses.length;
    const abandoned = [
      // Content-Length promises more than is sent, then the client resets.
      [head('POST /canvas/initialize HTTP/1.1', { 'Content-Type': 'application/json', 'X-Body-Signature': sign(INITIALIZE), 'Content-Length': String(INITIALIZE.length) }), INITIALIZE.slice(0, 40)],
      [head('POST /create-ticket HTTP/1.1', { 'Content-Type': 'application/json', Authorization: TOKEN, 'Content-Length': '5000' }), '{"intercom_conversation_id":'],
      [head('POST /webhooks/notion HTTP/1.1', { 'Content-Type': 'application/json', Authorization: TOKEN, 'Content-Length': '100' })],
      // A chunked upload cut off mid-chunk.
      [head('POST /canvas/submit HTTP/1.1', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), '40\r\n{"admin":'],
      [head('POST /ticket-done HTTP/1.1', { 'Content-Type': 'application/json', Authorization: TOKEN, 'Transfer-Encoding': 'chunked' }), chunk('{"notion_ticket_id":')],
    ];
    for (const parts of abandoned) await rawExchange(port, parts, { resetAfterMs: 20 });
    await eventually(() => fuzz.loggedStatuses.length >= loggedBefore + abandoned.length);
    expect(fuzz.loggedStatuses.slice(loggedBefore).filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
    await expectHealthy(writesBefore);
  });

  it('stays up through random bytes sent as a request, answering with a 4xx or closing', async () => {
    const writesBefore = writeCount();
    const requestLine = fc.oneof(
      fc.constantFrom('POST /canvas/initialize HTTP/1.1', 'POST /webhooks/notion HTTP/1.1', 'GET /activity HTTP/1.1', 'POST /create-ticket HTTP/1.0', 'BREW /coffee HTCPCP/1.0', 'GET /../../etc/passwd HTTP/1.1', ''),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }),
    );
    const garbage = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)));
    await fc.assert(
      fc.asyncProperty(requestLine, garbage, fc.boolean(), async (line, bytes, end) => {
        const answer = await rawExchange(port, [Buffer.concat([Buffer.from(`${line}\r\n`, 'latin1'), bytes])], { end, timeoutMs: 300 });
        if (answer.status !== null) expect(answer.status, answer.raw.slice(0, 200)).toBeLessThan(500);
      }),
      runs(60),
    );
    await expectHealthy(writesBefore);
  });

  it('answers malformed HTTP framing with a JSON 4xx like every other refusal', async () => {
    // FOUND BY THIS SUITE: requests node's HTTP parser rejects never reach the app; node answers a
    // bare "400 Bad Request" (or 431) with no body (src/server.ts has no clientError handler).
    const malformed: Array<[string, number]> = [
      [head('POST /ticket-done HTTP/1.1', { 'Content-Length': 'abc' }), 400],
      [head('POST /ticket-done HTTP/1.1', { 'Content-Length': '1', 'content-length': '2' }) + 'ab', 400],
      [head('POST /ticket-done HTTP/1.1', { 'Content-Length': '3', 'Transfer-Encoding': 'chunked' }) + '0\r\n\r\n', 400],
      [head('POST /webhooks/notion HTTP/1.1', { 'Transfer-Encoding': 'chunked' }) + 'zz\r\nabc\r\n0\r\n\r\n', 400],
      ['POST /canvas/initialize HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\n\r\n', 400],
      // Content-Length lies: fewer bytes declared than sent (the rest is parsed as a broken second
      // request), and more declared than sent before the client ends its side.
      [head('POST /create-ticket HTTP/1.1', { 'Content-Type': 'application/json', Authorization: TOKEN, 'Content-Length': '5' }) + '{"intercom_conversation_id":"abc"}', 400],
      [head('POST /create-ticket HTTP/1.1', { 'Content-Type': 'application/json', Authorization: TOKEN, 'Content-Length': '500' }) + '{"intercom_conversation_id":"abc"}', 400],
      // A request head over node's 16 KB limit.
      [head(`GET /activity?q=${'x'.repeat(20_000)} HTTP/1.1`, { Authorization: TOKEN }), 431],
    ];
    for (const [request, status] of malformed) expectJsonError(await rawExchange(port, [request], { end: true }), status);
  });
});
