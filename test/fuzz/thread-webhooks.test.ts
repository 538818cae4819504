import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/middleware.js';
import { signIntercomWebhook, signSlackRequest } from '../../src/http/webhook-signatures.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { expectErrorBody, expectRefused, runs } from '../support/fuzz-expect.js';
import { type Body, contentType, expectedRefusal, garbageBody, headerValue, type Refusal } from '../support/fuzz-requests.js';
import { type FuzzAnswer, fuzzSandboxForSuite } from '../support/fuzz-sandbox.js';

/**
 * The thread sync's webhooks, fuzzed: POST /webhooks/intercom (X-Hub-Signature), /webhooks/slack and
 * /webhooks/slack/interactions (X-Slack-Signature with X-Slack-Request-Timestamp). Anything not
 * signed with the current secrets is a 401; anything signed that is not a notification, an event
 * or an interaction is a 4xx that names the problem; never a 5xx, never a call, never work queued.
 */

const TOO_LARGE: Refusal = { status: 413, code: 'payload_too_large', mention: /larger than/ };
const oversized = (sent: Body) => sent.bytes.length > MAX_BODY_BYTES;

/** `X-Hub-Signature` values that must not verify for `sent`. */
function wrongHubSignature(sent: Body): fc.Arbitrary<string | undefined> {
  const right = signIntercomWebhook(sent.bytes, SANDBOX.intercomClientSecret);
  const hex = right.slice('sha1='.length);
  return fc
    .oneof(
      fc.constant(undefined),
      fc.constantFrom('', 'sha1=', hex, `sha256=${hex}`, right.slice(0, -1), `${right}0`, `sha1=${createHmac('sha256', SANDBOX.intercomClientSecret).update(sent.bytes).digest('hex')}`),
      fc.stringMatching(/^sha1=[0-9a-f]{40}$/),
      headerValue,
      fc.constant(signIntercomWebhook(sent.bytes, `${SANDBOX.intercomClientSecret}-old`)),
    )
    .filter((s) => s === undefined || s.trim().toLowerCase() !== right);
}

/** Slack's two headers, wrong in every way that matters: missing, stale, in the future, another secret or body. */
function wrongSlackHeaders(sent: Body): fc.Arbitrary<Record<string, string | undefined>> {
  const now = Math.floor(Date.now() / 1000);
  const right = (ts: number | string, secret: string = SANDBOX.slackSigningSecret, data: Uint8Array | string = sent.bytes) => signSlackRequest(data, secret, ts);
  return fc.oneof(
    fc.constant({}),
    fc.constant({ 'x-slack-signature': right(now) }),
    fc.constant({ 'x-slack-request-timestamp': String(now) }),
    fc.constant({ 'x-slack-signature': right(now - 301), 'x-slack-request-timestamp': String(now - 301) }),
    fc.constant({ 'x-slack-signature': right(now + 301), 'x-slack-request-timestamp': String(now + 301) }),
    fc.constant({ 'x-slack-signature': right(now, 'not-the-signing-secret' as string), 'x-slack-request-timestamp': String(now) }),
    fc.constant({ 'x-slack-signature': right(now, SANDBOX.slackSigningSecret, `${Buffer.from(sent.bytes).toString('latin1')} `), 'x-slack-request-timestamp': String(now) }),
    fc.constant({ 'x-slack-signature': right(now - 1), 'x-slack-request-timestamp': String(now) }),
    fc.record({ 'x-slack-signature': headerValue, 'x-slack-request-timestamp': fc.oneof(headerValue, fc.constant(String(now))) }),
  );
}

const slackSigned = (sent: Body) => {
  const ts = Math.floor(Date.now() / 1000);
  return { 'x-slack-signature': signSlackRequest(sent.bytes, SANDBOX.slackSigningSecret, ts), 'x-slack-request-timestamp': String(ts) };
};

describe('the thread sync webhooks, fuzzed', () => {
  const current = fuzzSandboxForSuite();

  // In-process (app.request): the node server's own handling of bodies is fuzzed once, for /canvas/*.
  const post = (path: string, sent: Body, headers: Record<string, string | undefined>) => current().send({ path, headers, body: sent.data });

  /** Nothing was queued for the thread sync either (the fakes' writes are checked per answer). */
  async function expectNoWork(): Promise<void> {
    expect(await current().sandbox.runtime.flows.threadStore.pendingWork()).toEqual([]);
  }

  /** Oversized bodies may be refused for their size or for their signature, whichever is checked first. */
  function expectUnsigned(answer: FuzzAnswer, sent: Body, mention: RegExp): void {
    if (oversized(sent) && answer.status === 413) return expectRefused(answer, TOO_LARGE);
    expectRefused(answer, { status: 401, code: 'invalid_signature', mention });
  }

  it('refuses any body to /webhooks/intercom without a valid X-Hub-Signature with a 401', async () => {
    const cases = garbageBody.chain((sent) => fc.tuple(fc.constant(sent), wrongHubSignature(sent), contentType));
    await fc.assert(
      fc.asyncProperty(cases, async ([sent, signature, type]) => {
        const answer = await post('/webhooks/intercom', sent, { 'x-hub-signature': signature, 'content-type': type.value });
        expectUnsigned(answer, sent, /X-Hub-Signature/);
      }),
      runs(300),
    );
    await expectNoWork();
  });

  it.each(['/webhooks/slack', '/webhooks/slack/interactions'])('refuses any body to %s not signed by Slack within five minutes with a 401', async (path) => {
    const cases = garbageBody.chain((sent) => fc.tuple(fc.constant(sent), wrongSlackHeaders(sent), contentType));
    await fc.assert(
      fc.asyncProperty(cases, async ([sent, headers, type]) => {
        const answer = await post(path, sent, { ...headers, 'content-type': type.value });
        expectUnsigned(answer, sent, /X-Slack-(Signature|Request-Timestamp)/);
      }),
      runs(200),
    );
    await expectNoWork();
  });

  it('answers a signed body to /webhooks/intercom that is not a notification with the 4xx that names the problem', async () => {
    await fc.assert(
      fc.asyncProperty(garbageBody, contentType, async (sent, type) => {
        const headers = { 'x-hub-signature': signIntercomWebhook(sent.bytes, SANDBOX.intercomClientSecret), 'content-type': type.value };
        const answer = await post('/webhooks/intercom', sent, headers);
        expectRefused(answer, expectedRefusal(sent, { contentType: type, invalidShape: { status: 400, code: 'invalid_request', mention: /Invalid Intercom notification/ } }));
      }),
      runs(300),
    );
    await expectNoWork();
  });

  it('answers a signed body to /webhooks/slack that is not an event with the 4xx that names the problem', async () => {
    await fc.assert(
      fc.asyncProperty(garbageBody, contentType, async (sent, type) => {
        const answer = await post('/webhooks/slack', sent, { ...slackSigned(sent), 'content-type': type.value });
        expectRefused(answer, expectedRefusal(sent, { invalidShape: { status: 400, code: 'invalid_request', mention: /Invalid Slack event/ } }));
      }),
      runs(300),
    );
    await expectNoWork();
  });

  it('answers a signed body to /webhooks/slack/interactions that is not an interaction with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(garbageBody, async (sent) => {
        const answer = await post('/webhooks/slack/interactions', sent, { ...slackSigned(sent), 'content-type': 'application/x-www-form-urlencoded' });
        if (oversized(sent)) return expectRefused(answer, TOO_LARGE);
        expect([400, 415], answer.text.slice(0, 200)).toContain(answer.status);
        expectErrorBody(answer);
        expect(answer.externalCalls).toEqual([]);
        expect(answer.writes).toEqual([]);
      }),
      runs(300),
    );
    await expectNoWork();
  });

  it('answers a signed interaction whose payload is not an interaction the app knows with a 400 or an empty 200, doing nothing', async () => {
    const payloads = fc.oneof(
      fc.constantFrom('{}', '[]', 'null', '{"type":1}', '{"type":"block_actions"}', '{"type":"message_action"}', '{"type":"view_submission","view":{}}', '{"type":"message_action","callback_id":"send_to_customer"}'),
      fc.json(),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const text = new URLSearchParams({ payload }).toString();
        const ts = Math.floor(Date.now() / 1000);
        const answer = await current().send({
          path: '/webhooks/slack/interactions',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signSlackRequest(text, SANDBOX.slackSigningSecret, ts), 'x-slack-request-timestamp': String(ts) },
          body: text,
        });
        expect(answer.status === 400 || (answer.status === 200 && answer.text === ''), `${answer.status} ${answer.text.slice(0, 200)}`).toBe(true);
        if (answer.status === 400) expectErrorBody(answer);
        expect(answer.writes).toEqual([]);
      }),
      runs(300),
    );
    await expectNoWork();
  });

  it('never answered with a 5xx nor logged an error', () => {
    expect(current().loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(current().errorLogs).toEqual([]);
  });
});
