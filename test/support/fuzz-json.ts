import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../src/http/middleware.js';

/**
 * JSON as raw text, so bodies can hold what JSON.stringify never writes: duplicate keys, own
 * `__proto__` keys, 10,000 levels of nesting, numbers that overflow, escaped lone surrogates.
 */

/** One hostile value for a field, as JSON text. */
export type Fragment = string;

/** A JSON object built member by member; keys may repeat and the last one wins, as in JSON.parse. */
export function objectText(members: ReadonlyArray<readonly [string, Fragment]>): string {
  return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const nested = (depth: number, open: string, inner: string, close: string) => open.repeat(depth) + inner + close.repeat(depth);

/** Built once: regenerating megabyte strings on every run would dominate the suite's time. */
export const DEEP = {
  arrays10k: nested(10_000, '[', '', ']'),
  arrays100k: nested(100_000, '[', '', ']'),
  objects10k: nested(10_000, '{"a":', '0', '}'),
  unclosed10k: '['.repeat(10_000),
} as const;

export const HUGE = {
  string100k: JSON.stringify('x'.repeat(100_001)),
  string900k: JSON.stringify('é'.repeat(450_000)),
} as const;

/** A body just over the limit, as valid JSON: the size alone must be what is refused. */
export const OVERSIZED_JSON = `{"padding":${JSON.stringify('x'.repeat(MAX_BODY_BYTES))}}`;

/** Strings that break naive code: control and bidi characters, BOMs, lone surrogates, prototype names. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u0041',
    '\ufeff',
    '\ud800',
    '\udfff\ud800',
    '💥'.repeat(40),
    'e\u0301\u0301\u0301',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'null',
    'NaN',
    '-0',
    '<script>alert(1)</script>',
    "'; DROP TABLE tickets; --",
    '../../../etc/passwd',
    '%00%ff',
    '\r\nX-Injected: 1',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Any JSON value at all, as text, including the hostile shapes above. */
export const anyFragment: fc.Arbitrary<Fragment> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 2, arbitrary: nastyString.map((s) => JSON.stringify(s)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1e400',
      '-1e400',
      '1e-400',
      '-0',
      '123456789012345678901234567890',
      '9007199254740993',
      '0.1',
      '"\\ud800"',
      '"\\u0000"',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"a":1,"a":2}',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(DEEP.arrays10k, DEEP.objects10k, HUGE.string100k) },
);

/** Extra members a client might add: unknown keys, prototype keys, hostile values. */
export const extraMember: fc.Arbitrary<readonly [string, Fragment]> = fc.tuple(
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'x'.repeat(300)), nastyString.map((s) => `x_${s}`)),
  anyFragment,
);

/** Values that are not strings (nor null): for fields that take a string. */
export const notAString: fc.Arbitrary<Fragment> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom('1e400', 'true', 'false', '[]', '{}', '["a"]', '{"__proto__":{}}', DEEP.arrays10k, DEEP.objects10k),
);

/** Values that are not JSON objects: for fields that take an object. */
export const notAnObject: fc.Arbitrary<Fragment> = fc.oneof(
  nastyString.map((s) => JSON.stringify(s)),
  fc.integer().map(String),
  fc.constantFrom('null', 'true', '[]', '[{}]', '1e400', DEEP.arrays10k),
);

/** A string longer than `max` characters, as JSON text. */
export const longerThan = (max: number): fc.Arbitrary<Fragment> =>
  fc.integer({ min: max + 1, max: max + 50 }).chain((n) => fc.constantFrom('x', 'é', '💥').map((c) => JSON.stringify(c.repeat(n))));
