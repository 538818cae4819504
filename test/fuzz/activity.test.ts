import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { expectErrorBody, expectRefused, runs } from '../support/fuzz-expect.js';
import { nastyString } from '../support/fuzz-json.js';
import { headerValue, percentEncode, queryString, wrongCredentials } from '../support/fuzz-requests.js';
import { type FuzzAnswer, type FuzzSandbox, startFuzzSandbox, type Transport } from '../support/fuzz-sandbox.js';

const HOSTILE = '<script>alert(1)</script>';

const rightCredentials = fc.oneof(
  fc.constant({ authorization: `Bearer ${SANDBOX.apiToken}` }),
  fc.constant({ 'x-api-token': SANDBOX.apiToken }),
  fc.constantFrom('', 'admin', 'Ünïcode', HOSTILE).map((user) => ({ authorization: `Basic ${Buffer.from(`${user}:${SANDBOX.apiToken}`).toString('base64')}` })),
);

const accept = fc.option(fc.oneof(fc.constantFrom('application/json', 'text/html', 'application/json, text/html;q=0.9', '*/*', 'text/html, application/json'), headerValue), { nil: undefined });

/** One parameter the query string must refuse, with the name the message must give. */
const badParameter = fc.oneof(
  fc.constantFrom('0', '-1', '1001', '1.5', 'abc', '', ' ', 'Infinity', '1e9', 'NaN', '1,5', '%').map((v) => ({ pair: `limit=${percentEncode(v)}`, name: 'limit' })),
  fc.oneof(fc.constantFrom('', 'Done', 'SUGGEST', 'suggest ', '__proto__', 'constructor'), nastyString)
    .filter((v) => !['suggest', 'create', 'link', 'unlink', 'done', 'sweep'].includes(v))
    .map((v) => ({ pair: `kind=${percentEncode(v)}`, name: 'kind' })),
  fc.integer({ min: 201, max: 2000 }).map((n) => ({ pair: `q=${'x'.repeat(n)}`, name: 'q' })),
);

/** Parameters that are valid or ignored, to surround the bad one with. */
const harmlessPair = fc.oneof(
  fc.tuple(fc.constantFrom('x', 'limit[]', '__proto__', 'constructor', ''), nastyString).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
  fc.constantFrom('', '&'),
);

describe('GET /activity, fuzzed', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
    // Something to list, with a subject that must come out escaped.
    await fuzz.sandbox.runtime.activity.run('suggest', { conversation_id: HOSTILE }, async () => null);
    await fuzz.sandbox.runtime.activity.run('done', { ticket_id: 'JMP-1' }, async () => null);
  });
  afterAll(async () => {
    fuzz.printTally();
    await fuzz.close();
  });

  const get = (query: string, headers: Record<string, string | undefined>, transport: Transport = 'app', requestId?: string) =>
    fuzz.send({ method: 'GET', path: `/activity${query}`, headers, requestId }, transport);

  it('refuses every request without the API token with a 401 that asks for it, whatever the query', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, wrongCredentials(SANDBOX.apiToken, { basicAccepted: true }), accept, async (query, credentials, type) => {
        const answer = await get(query, { ...credentials, accept: type });
        expectRefused(answer, { status: 401, code: 'unauthorized', mention: /API token/ });
        expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      }),
      runs(400),
    );
  });

  it.each<[Transport, number]>([
    ['app', 400],
    ['http', 30],
  ])('answers any query string with the log or a 400 that names the parameter, never echoing markup (%s)', async (transport, numRuns) => {
    await fc.assert(
      fc.asyncProperty(queryString, rightCredentials, accept, async (query, credentials, type) => {
        const answer = await get(query, { ...credentials, accept: type }, transport);
        expect([200, 400], answer.text.slice(0, 300)).toContain(answer.status);
        if (answer.status === 400) expect(expectErrorBody(answer).message).toMatch(/Invalid query string: (limit|kind|q):/);
        else expectLog(answer, type);
        expect(answer.externalCalls).toEqual([]);
      }),
      runs(numRuns),
    );
  });

  it('answers a query with one bad parameter among harmless ones with a 400 naming it', async () => {
    await fc.assert(
      fc.asyncProperty(badParameter, fc.array(harmlessPair, { maxLength: 3 }), rightCredentials, async (bad, others, credentials) => {
        const answer = await get(`?${[...others, bad.pair].join('&')}`, credentials);
        expectRefused(answer, { status: 400, code: 'invalid_request', mention: new RegExp(`Invalid query string: ${bad.name}:`) });
      }),
      runs(300),
    );
  });

  it('keeps a sane X-Request-Id and replaces any other, whatever the other headers say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(headerValue, fc.stringMatching(/^[\w.:-]{1,100}$/)), rightCredentials, accept, async (requestId, credentials, type) => {
        const answer = await get('', { ...credentials, accept: type }, 'app', requestId);
        expect(answer.status).toBe(200);
        const echoed = answer.headers.get('x-request-id');
        if (/^[\w.:-]{1,100}$/.test(requestId.trim())) expect(echoed).toBe(requestId.trim());
        else expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      }),
      runs(150),
    );
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });
});

function expectLog(answer: FuzzAnswer, accept: string | undefined): void {
  if ((accept ?? '').includes('application/json')) {
    expect(answer.json).toMatchObject({ operations: expect.any(Array) });
    return;
  }
  expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
  expect(answer.text).not.toContain(HOSTILE);
}
