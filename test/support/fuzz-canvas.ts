import fc from 'fast-check';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { DANA } from './canvas-client.js';
import { DEEP, HUGE, longerThan, nastyString, notAnObject, notAString } from './fuzz-json.js';
import { type FieldRule, toTree, type Tree } from './fuzz-mutations.js';
import { hmacHex } from './fuzz-requests.js';

/** Shared by the two Canvas Kit route suites: the documented request shape and what breaks it. */

export const sign = (data: string | Uint8Array) => hmacHex(data, SANDBOX.intercomClientSecret);

export function canvasBase(extra: Record<string, unknown> = {}): Tree {
  return toTree({
    workspace_id: SANDBOX.intercomAppId,
    workspace_region: 'us',
    admin: { type: 'admin', ...DANA, away_mode_enabled: false, has_inbox_seat: true },
    conversation: { type: 'conversation', id: CONVERSATION.csvExport, state: 'open' },
    contact: { type: 'user', id: '66a1f0c2e4b0a1000000001', role: 'user' },
    context: { location: 'conversation', locale: 'en' },
    ...extra,
  });
}

/** Not an id: ids are 1–64 character strings or non-negative safe integers. */
export const notAnId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('""', '-1', '1.5', '1e400', '9007199254740993', '1e21', 'true', 'false', 'null', '[]', '["1"]', '{}', '{"id":"1"}', DEEP.arrays10k, HUGE.string100k, HUGE.string900k),
  longerThan(64),
  fc.integer({ max: -1 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)).map(String),
);

/** Fields both Canvas Kit requests read, with values they must refuse. */
export const CANVAS_RULES: FieldRule[] = [
  { path: ['admin'], invalid: notAnObject, required: true },
  { path: ['admin', 'id'], invalid: notAnId, required: true },
  { path: ['admin', 'name'], invalid: fc.oneof(notAString, longerThan(500)) },
  { path: ['admin', 'email'], invalid: fc.oneof(notAString, longerThan(500)) },
  { path: ['conversation'], invalid: notAnObject, required: true },
  { path: ['conversation', 'id'], invalid: notAnId, required: true },
];

export const CANVAS_NOISE: ReadonlyArray<readonly string[]> = [[], ['admin'], ['conversation'], ['context']];

/** Component ids no canvas renders: unknown names, near misses, prototype names, malformed link targets. */
export const unknownComponentId: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('', ' refresh', 'REFRESH', 'refresh ', 'link:', 'unlink:', 'link:not-a-page', 'unlink:../../x', 'link:00000000-0000-0000-0000-00000000000g', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'drop_tables'),
    nastyString,
    fc.uuid().map((id) => `link:${id}x`),
  )
  .filter((s) => !RENDERED_IDS.has(s) && !/^(un)?link:[0-9a-f-]{32,36}$/i.test(s))
  .map((s) => JSON.stringify(s));

const RENDERED_IDS = new Set(['find_or_create', 'link_suggested', 'link_selected', 'create_instead', 'create_ticket', 'refresh', 'link_another', 'try_again', 'back']);
