import { describe, expect, it } from 'vitest';
import { constantTimeEqual, signBody, tokenMatches, verifyBodySignature } from '../../src/http/signatures.js';

const body = JSON.stringify({ admin: { id: '1' }, conversation: { id: '42' } });

describe('verifyBodySignature (Canvas Kit X-Body-Signature)', () => {
  it('accepts the hex HMAC-SHA256 of the exact body', () => {
    expect(verifyBodySignature(body, signBody(body, 'secret-a'), ['secret-a'])).toBe(true);
  });

  it('accepts a signature made with any of the configured secrets (rotation)', () => {
    expect(verifyBodySignature(body, signBody(body, 'new-secret'), ['old-secret', 'new-secret'])).toBe(true);
  });

  it('accepts upper-case hex', () => {
    expect(verifyBodySignature(body, signBody(body, 's').toUpperCase(), ['s'])).toBe(true);
  });

  it.each([
    ['a wrong secret', signBody(body, 'other'), ['secret-a']],
    ['no signature', undefined, ['secret-a']],
    ['an empty signature', '', ['secret-a']],
    ['a SHA-1 sized signature', 'a'.repeat(40), ['secret-a']],
    ['non-hex characters', 'z'.repeat(64), ['secret-a']],
    ['no configured secrets', signBody(body, 'secret-a'), []],
  ])('refuses %s', (_name, signature, secrets) => {
    expect(verifyBodySignature(body, signature, secrets)).toBe(false);
  });

  it('refuses a body changed by one byte', () => {
    const signature = signBody(body, 'secret-a');
    expect(verifyBodySignature(body.replace('42', '43'), signature, ['secret-a'])).toBe(false);
  });

  it('verifies bytes, not a re-serialisation: whitespace matters', () => {
    const spaced = JSON.stringify(JSON.parse(body), null, 2);
    expect(verifyBodySignature(spaced, signBody(body, 's'), ['s'])).toBe(false);
    expect(verifyBodySignature(new TextEncoder().encode(body), signBody(body, 's'), ['s'])).toBe(true);
  });
});

describe('tokenMatches (API_TOKEN)', () => {
  it('matches any accepted token and nothing else', () => {
    expect(tokenMatches('t1-0123456789abcdef', ['t0', 't1-0123456789abcdef'])).toBe(true);
    expect(tokenMatches('t1-0123456789abcdeF', ['t1-0123456789abcdef'])).toBe(false);
    expect(tokenMatches('', ['x'])).toBe(false);
    expect(tokenMatches(null, ['x'])).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of different lengths without throwing', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
  });
});
