import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { expectRefused, runs } from '../support/fuzz-expect.js';
import { longerThan, notAnObject, notAString } from '../support/fuzz-json.js';
import { type FieldRule, invalidVariant, noisyVariant, toTree } from '../support/fuzz-mutations.js';
import { type Body, body, contentType, expectedRefusal, fieldRefusal, garbageBody, headerValue, hmacHex, wrongCredentials } from '../support/fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox, type Transport } from '../support/fuzz-sandbox.js';

const TOO_LARGE = { status: 413, code: 'payload_too_large', mention: /larger than/ } as const;
const notionSignature = (sent: Body, token: string = SANDBOX.notionWebhookVerificationToken) => `sha256=${hmacHex(sent.bytes, token)}`;

/** The subscription handshake is the one request accepted without credentials; these suites send anything else. */
function isHandshake(sent: Body): boolean {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(sent.bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    const token = (value as Record<string, unknown>).verification_token;
    return keys.length === 1 && typeof token === 'string' && token.length > 0;
  } catch {
    return false;
  }
}

const OTHER_DATA_SOURCE = '0f0e0d0c-0b0a-4909-8807-060504030201';
const PAGE_ID = '2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819';

/** An integration event as Notion documents it; from another data source, so a valid one is ignored and starts no work. */
const EVENT = toTree({
  id: '367cba44-b6f3-4c92-81e7-6a2e9659efd4',
  timestamp: '2026-01-15T10:00:00.000Z',
  workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
  subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
  integration_id: '0ef2b7a6-1fd6-4f5b-9e0a-0c6a0a1f2b3c',
  type: 'page.properties_updated',
  authors: [{ id: 'c7c11cca-1d73-471d-9b6e-bdef51470190', type: 'person' }],
  attempt_number: 1,
  entity: { id: PAGE_ID, type: 'page' },
  data: { parent: { id: OTHER_DATA_SOURCE, type: 'data_source', data_source_id: OTHER_DATA_SOURCE }, updated_properties: ['title'] },
});

const stringField = (max: number) => fc.oneof(notAString, longerThan(max), fc.constant('null'));

const EVENT_RULES: FieldRule[] = [
  { path: ['id'], invalid: fc.oneof(stringField(200), fc.constant('""')), required: true, mention: /(?<![.\w])id: / },
  { path: ['type'], invalid: fc.oneof(stringField(100), fc.constant('""')), required: true, mention: /(?<![.\w])type: / },
  { path: ['timestamp'], invalid: stringField(100) },
  { path: ['attempt_number'], invalid: fc.constantFrom('"1"', 'true', '[]', '{}', 'null', '1e400') },
  {
    path: ['authors'],
    invalid: fc.oneof(
      fc.constantFrom('"x"', '{}', '1', 'null', '[1]', '[{}]', '[{"id":1,"type":"person"}]', `[${Array.from({ length: 101 }, () => '{"id":"a","type":"person"}').join(',')}]`),
    ),
  },
  { path: ['entity'], invalid: notAnObject, required: true },
  { path: ['entity', 'id'], invalid: fc.oneof(stringField(100), fc.constant('""')), required: true },
  { path: ['entity', 'type'], invalid: stringField(50), required: true },
  { path: ['data'], invalid: notAnObject },
  { path: ['data', 'parent'], invalid: notAnObject },
  { path: ['data', 'parent', 'id'], invalid: stringField(100), required: true },
  { path: ['data', 'parent', 'data_source_id'], invalid: stringField(100) },
  {
    path: ['data', 'updated_properties'],
    invalid: fc.oneof(fc.constantFrom('"title"', '{}', '[1]', '[null]', `[${Array.from({ length: 1001 }, () => '"a"').join(',')}]`), longerThan(200).map((s) => `[${s}]`)),
  },
];
const EVENT_NOISE = [[], ['entity'], ['data'], ['data', 'parent']] as const;

/** A database automation's "Send webhook" payload, for a page of another data source (ignored when valid). */
const AUTOMATION = toTree({
  source: { type: 'automation', automation_id: 'a1b2', action_id: 'c3d4', event_id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d', attempt: 1 },
  data: { object: 'page', id: PAGE_ID, parent: { type: 'data_source_id', data_source_id: OTHER_DATA_SOURCE }, properties: {} },
});

const AUTOMATION_RULES: FieldRule[] = [
  { path: ['source'], invalid: notAnObject },
  { path: ['source', 'type'], invalid: fc.oneof(fc.constantFrom('"Automation"', '""', '"webhook"', 'null'), notAString) },
  { path: ['source', 'event_id'], invalid: stringField(200) },
  { path: ['data'], invalid: notAnObject, required: true },
  { path: ['data', 'object'], invalid: fc.oneof(fc.constantFrom('"database"', '"Page"', '""', 'null'), notAString), required: true },
  { path: ['data', 'id'], invalid: fc.oneof(stringField(100), fc.constant('""')), required: true },
  { path: ['data', 'parent'], invalid: notAnObject },
  { path: ['data', 'parent', 'data_source_id'], invalid: stringField(100) },
  { path: ['data', 'parent', 'database_id'], invalid: stringField(100) },
];
const AUTOMATION_NOISE = [[], ['source'], ['data'], ['data', 'parent']] as const;

const TOKEN = { authorization: `Bearer ${SANDBOX.apiToken}` };

describe('POST /webhooks/notion, fuzzed', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    fuzz.printTally();
    await fuzz.close();
  });

  const post = (sent: Body, headers: Record<string, string | undefined>, transport: Transport = 'app') =>
    fuzz.send({ path: '/webhooks/notion', headers, body: sent.data }, transport);

  it('refuses any body without a signature or a valid API token with a 401 (413 over the size limit)', async () => {
    const bodies = fc.oneof(garbageBody, noisyVariant(EVENT, EVENT_NOISE), noisyVariant(AUTOMATION, AUTOMATION_NOISE)).filter((b) => !isHandshake(b));
    await fc.assert(
      fc.asyncProperty(bodies, wrongCredentials(SANDBOX.apiToken, { basicAccepted: false }), contentType, async (sent, credentials, type) => {
        const answer = await post(sent, { ...credentials, 'content-type': type.value });
        expectRefused(answer, sent.bytes.length > 1024 * 1024 ? TOO_LARGE : { status: 401, code: 'unauthorized', mention: /API token|X-Notion-Signature/ });
      }),
      runs(300),
    );
  });

  it('refuses any body whose X-Notion-Signature does not verify with a 401, even alongside the right API token', async () => {
    const cases = fc.oneof(garbageBody, noisyVariant(EVENT, EVENT_NOISE)).chain((sent) => {
      const right = notionSignature(sent);
      const wrong = fc
        .oneof(
          fc.constantFrom(right.slice(7), right.toUpperCase().replace('SHA256=', 'sha1='), `${right}0`, right.slice(0, -1), 'sha256=', 'null'),
          fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256=${hex}`),
          fc.constant(notionSignature(sent, 'secret_another_subscription')),
          headerValue,
        )
        .filter((s) => s.trim() !== '' && s.trim().toLowerCase() !== right);
      return fc.tuple(fc.constant(sent), wrong, fc.constantFrom({}, TOKEN));
    });
    await fc.assert(
      fc.asyncProperty(cases, async ([sent, signature, token]) => {
        const answer = await post(sent, { ...token, 'x-notion-signature': signature, 'content-type': 'application/json' });
        expectRefused(answer, sent.bytes.length > 1024 * 1024 ? TOO_LARGE : { status: 401, code: 'invalid_signature', mention: /X-Notion-Signature/ });
      }),
      runs(250),
    );
  });

  it.each<[Transport, number]>([
    ['app', 200],
    ['http', 30],
  ])('answers a validly signed body that is not an event with the 4xx that names the problem (%s)', async (transport, numRuns) => {
    await fc.assert(
      fc.asyncProperty(
        garbageBody.filter((b) => !isHandshake(b)),
        contentType,
        async (sent, type) => {
          const answer = await post(sent, { 'x-notion-signature': notionSignature(sent), 'content-type': type.value }, transport);
          expectRefused(answer, expectedRefusal(sent, { invalidShape: { status: 400, code: 'invalid_request', mention: /Invalid Notion event/ } }));
        },
      ),
      runs(numRuns),
    );
  });

  it('answers a signed event with one field wrong, missing or duplicated with a 400 naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(invalidVariant(EVENT, EVENT_RULES, EVENT_NOISE), async ({ body: sent, mention }) => {
        const answer = await post(sent, { 'x-notion-signature': notionSignature(sent), 'content-type': 'application/json' });
        expectRefused(answer, fieldRefusal(sent, mention));
      }),
      runs(300),
    );
  });

  // Notion pauses an automation whose webhook keeps failing: with the right token, never a 400.
  it('answers an automation payload with the right token that is garbage or has one field wrong with 200 (413 over the size limit), writing nothing', async () => {
    const cases = fc.oneof(garbageBody, invalidVariant(AUTOMATION, AUTOMATION_RULES, AUTOMATION_NOISE).map(({ body: sent }) => sent));
    await fc.assert(
      fc.asyncProperty(cases, fc.constantFrom(TOKEN, { 'x-api-token': SANDBOX.apiToken }), async (sent, token) => {
        const answer = await post(sent, { ...token, 'content-type': 'application/json' });
        if (sent.bytes.length > 1024 * 1024) return expectRefused(answer, TOO_LARGE);
        expect(answer.status, answer.text.slice(0, 300)).toBe(200);
        expect(answer.json).toMatchObject({ status: expect.stringMatching(/^(ignored|accepted|duplicate)$/) });
        expect(answer.writes).toEqual([]);
      }),
      runs(300),
    );
  });

  it('answers the valid event and automation under the same noise with 200 "ignored" (the control: another data source)', async () => {
    const cases = fc.oneof(
      noisyVariant(EVENT, EVENT_NOISE).map((sent) => ({ sent, headers: { 'x-notion-signature': notionSignature(sent) } })),
      noisyVariant(AUTOMATION, AUTOMATION_NOISE).map((sent) => ({ sent, headers: TOKEN })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ sent, headers }) => {
        const answer = await post(sent, { ...headers, 'content-type': 'application/json' });
        expect(answer.status, answer.text.slice(0, 300)).toBe(200);
        expect(answer.json).toMatchObject({ status: expect.stringMatching(/^(ignored|duplicate)$/) });
        expect(answer.writes).toEqual([]);
      }),
      runs(60),
    );
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });

  it('ignores (200) an automation payload whose page id is not a Notion id, without calling Notion', async () => {
    for (const id of ['x', '../../users/me', 'not a page id at all']) {
      const answer = await post(body(JSON.stringify({ data: { object: 'page', id } })), { ...TOKEN, 'content-type': 'application/json' });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ status: 'ignored' });
      expect(answer.externalCalls).toEqual([]);
    }
  });

  // Found by this suite: a page id was only checked to be a string of 1–100 characters, so an event
  // naming a page that cannot exist was accepted and failed later, after a Notion call.
  it.each([
    [
      'a signed page event',
      (id: string) => {
        const sent = body(
          JSON.stringify({
            id: `evt-${id.length}`,
            type: 'page.created',
            entity: { id, type: 'page' },
            data: { parent: { id: SANDBOX.notionDataSourceId, type: 'data_source' } },
          }),
        );
        return { body: sent, headers: { 'x-notion-signature': notionSignature(sent) } };
      },
    ],
  ])('refuses %s whose page id is not a Notion id, before calling Notion', async (_name, make) => {
    for (const id of ['x', '../../users/me', 'not a page id at all']) {
      const { body: sent, headers } = make(id);
      expectRefused(await post(sent, { ...headers, 'content-type': 'application/json' }), { status: 400, code: 'invalid_request', mention: /id/ });
    }
  });
});
