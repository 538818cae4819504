import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { nastyString, notAString } from '../support/fuzz-json.js';
import { toTree } from '../support/fuzz-mutations.js';
import { body } from '../support/fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox } from '../support/fuzz-sandbox.js';
import { describeTokenRouteFuzz, type TokenRoute } from '../support/fuzz-token-route.js';

/** Not a ticket id: ids are a letter, letters or digits, a dash and 1–9 digits. */
const notATicketId = fc.oneof(
  fc.constantFrom('""', '"JMP"', '"JMP-"', '"-1"', '"1-JMP"', '"JMP_1"', '"JMP-1x"', '"JMP-1234567890"', '"JMP 1"', '"ЖМП-1"', '"JMP-١"', '"JMP--1"', 'null'),
  notAString,
  nastyString.filter((s) => !/^\s*[A-Za-z][A-Za-z0-9]*-\d{1,9}\s*$/.test(s)).map((s) => JSON.stringify(s)),
);

const ROUTE: TokenRoute = {
  path: '/ticket-done',
  base: toTree({ notion_ticket_id: 'JMP-1', force: false }),
  rules: [
    { path: ['notion_ticket_id'], invalid: notATicketId, required: true },
    { path: ['force'], invalid: fc.constantFrom('"true"', '1', '0', 'null', '[]', '{}', '"yes"', '[true]') },
  ],
  harmless: toTree({ notion_ticket_id: 'JMP-99999', force: false }),
  harmlessAnswer: { status: 404, code: 'ticket_not_found' },
};

describeTokenRouteFuzz(ROUTE, '404 for a ticket that does not exist');

describe('POST /ticket-done with a foreign prefix', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    await fuzz.close();
  });

  it('answers 404 for a ticket id whose prefix is not the database’s, and announces nothing', async () => {
    // Found by this suite: Notion filters unique ids by number, so "ZZZ-7" used to close JMP-7.
    const open = fuzz.sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    const number = open.ticket_id!.split('-')[1];
    const sent = body(JSON.stringify({ notion_ticket_id: `ZZZ-${number}`, force: true }));
    const answer = await fuzz.send({ path: '/ticket-done', headers: { authorization: `Bearer ${SANDBOX.apiToken}`, 'content-type': 'application/json' }, body: sent.data });
    expect(answer.writes.join(', ')).toBe('');
    expect(answer.status, answer.text).toBe(404);
    expect(answer.json).toMatchObject({ status: 'error', error: { code: 'ticket_not_found' } });
  });
});
