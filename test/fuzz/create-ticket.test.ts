import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { longerThan, nastyString, notAString } from '../support/fuzz-json.js';
import { toTree } from '../support/fuzz-mutations.js';
import { type FuzzSandbox, startFuzzSandbox } from '../support/fuzz-sandbox.js';
import { acceptsNoise, refusesGarbage, refusesOneBadField, refusesWrongCredentials, type TokenRoute } from '../support/fuzz-token-route.js';

/** Not a conversation id: ids are 1–30 digits (spaces around allowed) or a non-negative safe integer. */
const notAConversationId = fc.oneof(
  fc.constantFrom('""', '" "', '"abc"', '"12a"', '"-1"', '"1.5"', '"1e3"', '"0x1F"', `"${'1'.repeat(31)}"`, '"١٢٣"', '-1', '1.5', '1e21', '9007199254740993', '1e400', 'null'),
  notAString.filter((f) => !/^\d+$/.test(f)),
  nastyString.filter((s) => !/^\s*\d{1,30}\s*$/.test(s)).map((s) => JSON.stringify(s)),
);

const ROUTE: TokenRoute = {
  path: '/create-ticket',
  base: toTree({ intercom_conversation_id: CONVERSATION.csvExport, message: 'The CSV export is empty since Monday' }),
  rules: [
    { path: ['intercom_conversation_id'], invalid: notAConversationId, required: true },
    { path: ['message'], invalid: fc.oneof(notAString, longerThan(50_000)) },
  ],
  harmless: toTree({ intercom_conversation_id: '123', message: 'No such conversation' }),
  harmlessAnswer: { status: 404, code: 'conversation_not_found' },
};

describe('POST /create-ticket, fuzzed', () => {
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

  it('answers a valid request under the same noise as usual (the control: 404 for a conversation Intercom does not have)', async () => {
    await acceptsNoise(fuzz, ROUTE, 50);
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });
});
