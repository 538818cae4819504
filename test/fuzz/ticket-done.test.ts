import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { nastyString, notAString } from '../support/fuzz-json.js';
import { toTree } from '../support/fuzz-mutations.js';
import { body } from '../support/fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox } from '../support/fuzz-sandbox.js';
import { acceptsNoise, refusesGarbage, refusesOneBadField, refusesWrongCredentials, type TokenRoute } from '../support/fuzz-token-route.js';

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

describe('POST /ticket-done, fuzzed', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    fuzz.printTally();
    await fuzz.close();
  });

  it('refuses any body without the right API token with a 401, before reading it (413 over the size limit)', async () => {
    await refusesWrongCredentials(fuzz, ROUTE, 400);
  });

  it('answers a body that is not JSON, not an object or not sent as JSON with the 4xx that names the problem', async () => {
    await refusesGarbage(fuzz, ROUTE, 'app', 300);
    await refusesGarbage(fuzz, ROUTE, 'http', 30);
  });

  it('answers a request with one field wrong, missing or duplicated with a 400 naming the field', async () => {
    await refusesOneBadField(fuzz, ROUTE, 'app', 400);
    await refusesOneBadField(fuzz, ROUTE, 'http', 30);
  });

  it('answers a valid request under the same noise as usual (the control: 404 for a ticket that does not exist)', async () => {
    await acceptsNoise(fuzz, ROUTE, 50);
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });

  it('answers 404 for a ticket id whose prefix is not the database’s, and announces nothing', async () => {
    // BUG (found by this suite): the ticket is looked up by its number alone, so "ZZZ-7" finds and
    // closes JMP-7: with force, its Slack channel and every linked conversation are told it is done.
    const open = fuzz.sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    const number = open.ticket_id!.split('-')[1];
    const sent = body(JSON.stringify({ notion_ticket_id: `ZZZ-${number}`, force: true }));
    const answer = await fuzz.send({ path: '/ticket-done', headers: { authorization: `Bearer ${SANDBOX.apiToken}`, 'content-type': 'application/json' }, body: sent.data });
    expect(answer.writes.join(', ')).toBe('');
    expect(answer.status, answer.text).toBe(404);
    expect(answer.json).toMatchObject({ status: 'error', error: { code: 'ticket_not_found' } });
  });
});
