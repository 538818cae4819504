import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signIntercomWebhook,
  signSlackRequest,
  slackSignatureHeaders,
  verifyIntercomWebhook,
  verifySlackRequest,
} from '../../src/http/webhook-signatures.js';

const body = JSON.stringify({ type: 'notification_event', topic: 'conversation.user.replied', id: 'notif_1' });

describe('Intercom webhook signature (X-Hub-Signature)', () => {
  it('is sha1= and the hex HMAC-SHA1 of the raw body keyed by the client secret', () => {
    const expected = createHmac('sha1', 'client-secret').update(body).digest('hex');
    expect(signIntercomWebhook(body, 'client-secret')).toBe(`sha1=${expected}`);
    expect(verifyIntercomWebhook(body, `sha1=${expected}`, ['client-secret'])).toBe(true);
  });

  it('accepts any configured secret (rotation) and upper-case hex', () => {
    expect(verifyIntercomWebhook(body, signIntercomWebhook(body, 'new'), ['old', 'new'])).toBe(true);
    expect(verifyIntercomWebhook(body, signIntercomWebhook(body, 'old').toUpperCase(), ['old', 'new'])).toBe(true);
  });

  it.each([
    ['a wrong secret', signIntercomWebhook(body, 'other'), ['client-secret']],
    ['no header', undefined, ['client-secret']],
    ['the bare hex without sha1=', signIntercomWebhook(body, 'client-secret').slice(5), ['client-secret']],
    ['a SHA-256 sized value', `sha1=${'a'.repeat(64)}`, ['client-secret']],
    ['no configured secret', signIntercomWebhook(body, 'client-secret'), []],
  ])('refuses %s', (_name, header, secrets) => {
    expect(verifyIntercomWebhook(body, header, secrets)).toBe(false);
  });

  it('refuses a body changed by one byte', () => {
    const signature = signIntercomWebhook(body, 's');
    expect(verifyIntercomWebhook(body.replace('replied', 'replieD'), signature, ['s'])).toBe(false);
  });
});

describe('Slack request signature (X-Slack-Signature v0)', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const ts = String(Math.floor(now / 1000));

  it('is v0= and the hex HMAC-SHA256 of "v0:{timestamp}:{body}"', () => {
    const expected = createHmac('sha256', 'signing').update(`v0:${ts}:${body}`).digest('hex');
    expect(signSlackRequest(body, 'signing', ts)).toBe(`v0=${expected}`);
    expect(verifySlackRequest({ body, signature: `v0=${expected}`, timestamp: ts, secrets: ['signing'], nowMs: now })).toBe('ok');
  });

  it('accepts any of several signing secrets (rotation)', () => {
    const signature = signSlackRequest(body, 'second', ts);
    expect(verifySlackRequest({ body, signature, timestamp: ts, secrets: ['first', 'second'], nowMs: now })).toBe('ok');
  });

  it('accepts a timestamp up to five minutes away and refuses one beyond, even when correctly signed', () => {
    const signature = signSlackRequest(body, 's', ts);
    const at = (offsetS: number) => verifySlackRequest({ body, signature, timestamp: ts, secrets: ['s'], nowMs: now + offsetS * 1000 });
    expect(at(300)).toBe('ok');
    expect(at(-300)).toBe('ok');
    expect(at(301)).toBe('stale');
    expect(at(-301)).toBe('stale');
  });

  it('binds the timestamp: the same signature under another timestamp is invalid', () => {
    const signature = signSlackRequest(body, 's', ts);
    const other = String(Number(ts) + 1);
    expect(verifySlackRequest({ body, signature, timestamp: other, secrets: ['s'], nowMs: now })).toBe('invalid');
  });

  it.each([
    ['no signature', { signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined }, 'missing'],
    ['a timestamp that is not a number', { timestamp: '12abc' }, 'invalid'],
    ['a wrong secret', { secrets: ['other'] }, 'invalid'],
    ['a signature without v0=', { signature: signSlackRequest(body, 's', ts).slice(3) }, 'invalid'],
  ] as const)('refuses %s', (_name, change, verdict) => {
    const request = { body, signature: signSlackRequest(body, 's', ts), timestamp: ts, secrets: ['s'], nowMs: now, ...change };
    expect(verifySlackRequest(request)).toBe(verdict);
  });

  it('builds the headers Slack would send', () => {
    const headers = slackSignatureHeaders(body, 's', now);
    expect(headers['x-slack-request-timestamp']).toBe(ts);
    expect(verifySlackRequest({ body, signature: headers['x-slack-signature'], timestamp: ts, secrets: ['s'], nowMs: now })).toBe('ok');
  });
});
