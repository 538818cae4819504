import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../src/http/middleware.js';
import { anyFragment, DEEP, nastyString, OVERSIZED_JSON } from './fuzz-json.js';

/**
 * Request parts for fuzzing every route: raw bodies (bytes or text), content types, signatures,
 * credentials and query strings, with an oracle that says which refusal a body must get.
 */

/** A request body that prints as a short preview in fast-check's counterexamples (some are megabytes). */
export interface Body {
  readonly data: string | Uint8Array;
  readonly bytes: Uint8Array;
  [fc.toStringMethod](): string;
}

const encoder = new TextEncoder();

export function body(data: string | Uint8Array): Body {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return {
    data,
    bytes,
    [fc.toStringMethod]: () => {
      const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
      return `Body(${bytes.length} bytes: ${JSON.stringify(text.slice(0, 80))}${text.length > 80 ? '…' : ''})`;
    },
  };
}

/** Bytes that are not UTF-8: stray continuation bytes, overlong forms, encoded surrogates, 0xff. */
const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82]];

const withInvalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(anyFragment, fc.constantFrom(...INVALID_UTF8), fc.nat())
  .map(([text, bad, at]) => {
    const good = encoder.encode(text);
    const cut = good.length === 0 ? 0 : at % good.length;
    return Uint8Array.from([...good.subarray(0, cut), ...bad, ...good.subarray(cut)]);
  });

/** Anything a client might send as a body, from nothing to over the size limit. */
export const garbageBody: fc.Arbitrary<Body> = fc
  .oneof(
    { weight: 3, arbitrary: anyFragment },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 400 }) },
    { weight: 2, arbitrary: withInvalidUtf8 },
    { weight: 2, arbitrary: anyFragment.chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' \r\n\t ',
        '{',
        '{"a":',
        '[1,]',
        "{'single':'quotes'}",
        '{"a":1}}',
        '{"a":1} trailing',
        'NaN',
        '\ufeff',
        '{"a":1,}',
        '\u0000',
        DEEP.unclosed10k,
        DEEP.arrays100k,
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(OVERSIZED_JSON, 'x'.repeat(MAX_BODY_BYTES + 1)) },
  )
  .map(body);

/** Content types, each with whether the app must take it as JSON. */
export const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json;charset=UTF-8',
  'application/vnd.api+json',
  'application/merge-patch+json; charset=utf-8',
] as const;

export const NON_JSON_TYPES = [
  'text/plain',
  'text/json',
  'application/jsonp',
  'application/json5',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'json',
  '*/*',
  'application/octet-stream',
] as const;

/** A content type, or none (undefined). */
export const contentType: fc.Arbitrary<{ value: string | undefined; json: boolean }> = fc.oneof(
  fc.constantFrom(...JSON_TYPES).map((value) => ({ value, json: true })),
  fc.constantFrom(...NON_JSON_TYPES, undefined).map((value) => ({ value, json: false })),
);

export const jsonContentType: fc.Arbitrary<string> = fc.constantFrom(...JSON_TYPES);

/** Printable ASCII, safe in a header value. */
export const headerValue: fc.Arbitrary<string> = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 120 });

export interface Refusal {
  status: number;
  code: string;
  mention: RegExp;
}

/**
 * The refusal a body must get, in the order the middleware checks: size, content type (when the
 * route requires JSON), UTF-8, emptiness, JSON syntax; a body that parses must fail validation.
 */
export function expectedRefusal(
  sent: Body,
  options: { contentType?: { json: boolean }; invalidShape: Refusal },
): Refusal {
  if (sent.bytes.length > MAX_BODY_BYTES) return { status: 413, code: 'payload_too_large', mention: /larger than 1048576 bytes/ };
  if (options.contentType && !options.contentType.json) return { status: 415, code: 'unsupported_media_type', mention: /Content-Type must be application\/json/ };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sent.bytes);
  } catch {
    return { status: 400, code: 'invalid_request', mention: /not valid UTF-8/ };
  }
  if (text.trim() === '') return { status: 400, code: 'invalid_json', mention: /empty/ };
  try {
    JSON.parse(text);
  } catch {
    return { status: 400, code: 'invalid_json', mention: /not valid JSON/ };
  }
  return options.invalidShape;
}

export function hmacHex(data: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** `X-Body-Signature` values that must not verify for `sent` (each distinct from the right one). */
export function wrongBodySignature(sent: Body, secret: string): fc.Arbitrary<string | undefined> {
  const right = hmacHex(sent.bytes, secret);
  return fc
    .oneof(
      fc.constant(undefined),
      fc.constantFrom('', ' ', 'null', `sha256=${right}`, right.slice(0, 63), `${right}0`, right.replace(/./, (c) => (c === 'a' ? 'b' : 'a'))),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      headerValue,
      fc.constant(hmacHex(sent.bytes, `${secret}-old`)),
      fc.constant(hmacHex(`${Buffer.from(sent.bytes).toString('latin1')} `, secret)),
    )
    .filter((s) => s === undefined || s.trim().toLowerCase() !== right);
}

/**
 * Credentials that are not `token`: missing, malformed, near misses, the right token in the wrong
 * place. `basicAccepted`: the route also takes the token as a Basic-auth password.
 */
export function wrongCredentials(token: string, options: { basicAccepted: boolean }): fc.Arbitrary<Record<string, string>> {
  const nearMiss = fc
    .oneof(
      fc.constantFrom(token.slice(0, -1), `${token}x`, token.toUpperCase(), `${token}\t${token}`, token.split('').reverse().join('')),
      headerValue,
    )
    .filter((t) => t.trim() !== token && t.trim() !== '');
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return fc.oneof(
    fc.constant({}),
    nearMiss.map((t) => ({ authorization: `Bearer ${t}` })),
    nearMiss.map((t) => ({ 'x-api-token': t })),
    nearMiss.map((t) => ({ authorization: `Bearer ${t}`, 'x-api-token': token })),
    fc.constantFrom('Bearer', 'Bearer ', 'bearer', `Token ${token}`, `${token}`, `Bearer:${token}`, 'Basic', 'Basic %%%', 'Digest x').map((v) => ({ authorization: v })),
    headerValue.map((v) => ({ authorization: v })),
    nearMiss.map((t) => ({ authorization: basic('', t) })),
    options.basicAccepted ? fc.constant({ authorization: basic(token, '') }) : fc.constant({ authorization: basic('', token) }),
  );
}

/** A query string of arbitrary pairs: known and unknown keys, repeated keys, bad percent escapes. */
export const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.tuple(
        fc.oneof(fc.constantFrom('limit', 'kind', 'q', '__proto__', 'constructor', '', 'limit[]', 'q.x'), nastyString),
        fc.oneof(nastyString, fc.integer().map(String), fc.constantFrom('1e3', '0x10', ' 5 ', 'Infinity', '-0', 'done', 'sweep')),
      ).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
      fc.constantFrom('%', '%zz', 'limit=%E0%A4%A', 'q=%00', '+', '&&', '=', 'limit', 'q=%ff%fe', 'kind=%F0%9F%92%A5', '%2F..%2F'),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));

/** Like encodeURIComponent, but lone surrogates become U+FFFD instead of throwing. */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}

/** The 400 naming the field that a request with one bad field must get (413 if its noise took it over the limit). */
export function fieldRefusal(sent: Body, mention: RegExp): Refusal {
  return expectedRefusal(sent, { invalidShape: { status: 400, code: 'invalid_request', mention } });
}
