import fc from 'fast-check';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { longerThan, nastyString, notAString } from '../support/fuzz-json.js';
import { toTree } from '../support/fuzz-mutations.js';
import { describeTokenRouteFuzz, type TokenRoute } from '../support/fuzz-token-route.js';

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

describeTokenRouteFuzz(ROUTE, '404 for a conversation Intercom does not have');
