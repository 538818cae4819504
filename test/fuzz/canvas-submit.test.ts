import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { CANVAS_NOISE, CANVAS_RULES, canvasBase, sign, unknownComponentId } from '../support/fuzz-canvas.js';
import { expectRefused, runs } from '../support/fuzz-expect.js';
import { anyFragment, DEEP, HUGE, longerThan, nastyString, notAnObject, notAString, objectText } from '../support/fuzz-json.js';
import { type FieldRule, invalidVariant, noisyVariant, render } from '../support/fuzz-mutations.js';
import { type Body, body, contentType, expectedRefusal, fieldRefusal, garbageBody, jsonContentType, wrongBodySignature } from '../support/fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox, type Transport } from '../support/fuzz-sandbox.js';

const BAD_SHAPE = { status: 400, code: 'invalid_request', mention: /Invalid Canvas Kit submit request/ } as const;

/** `refresh` only reads: the valid base request never writes, so every write seen is a bug. */
const REFRESH = canvasBase({ component_id: 'refresh', input_values: {}, current_canvas: { stored_data: { v: 1, canvas: 'initialize' } } });

const notAnInputValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{}', '{"a":"b"}', '[1]', '[{}]', '[null]', '[["a"]]', DEEP.arrays10k, DEEP.objects10k),
  longerThan(100_000),
  fc.constant(`[${Array.from({ length: 101 }, () => '"a"').join(',')}]`),
  longerThan(1000).map((s) => `[${s}]`),
);

const SUBMIT_RULES: FieldRule[] = [
  ...CANVAS_RULES,
  { path: ['component_id'], invalid: fc.oneof(unknownComponentId, notAString, longerThan(200), fc.constant('null')), required: true },
  {
    path: ['input_values'],
    invalid: fc.oneof(
      fc.constantFrom('"x"', '42', 'true', '[]', '["a"]', DEEP.arrays10k),
      notAnInputValue.map((v) => objectText([['ticket_title', v]])),
      longerThan(200).map((key) => `{${key}:"v"}`),
    ),
  },
  { path: ['current_canvas'], invalid: fc.constantFrom('"x"', '42', 'true', '[]', '[{}]', DEEP.arrays10k) },
];

/** A dropdown value that is not a Notion page id: the canvases only ever offer page ids. */
const notAPageId: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((s) => JSON.stringify(s)),
  fc.constantFrom('null', '42', 'true', '["4f1c2a7e-2b3d-4c5e-8f9a-0b1c2d3e4f5a"]', '"4f1c2a7e-2b3d-4c5e-8f9a-0b1c2d3e4f5"', '"../../pages"', HUGE.string100k),
  longerThan(64),
  fc.uuid().map((id) => JSON.stringify(`${id}/..`)),
);

/** Never sent as is (it would link a ticket): every variant breaks or removes selected_ticket. */
const LINK_SELECTED = canvasBase({ component_id: 'link_selected', input_values: { selected_ticket: '4f1c2a7e-2b3d-4c5e-8f9a-0b1c2d3e4f5a' } });

describe('POST /canvas/submit, fuzzed', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    fuzz.printTally();
    await fuzz.close();
  });

  const post = (sent: Body, headers: Record<string, string | undefined>, transport: Transport = 'app') =>
    fuzz.send({ path: '/canvas/submit', headers, body: sent.data }, transport);
  const signed = (sent: Body, type = 'application/json') => ({ 'x-body-signature': sign(sent.bytes), 'content-type': type });

  it('refuses any body without a valid X-Body-Signature with a 401, before reading it (413 over the size limit)', async () => {
    const createTicket = canvasBase({ component_id: 'create_ticket', input_values: { ticket_title: 'Unsigned', ticket_description: 'x' } });
    const bodies = fc.oneof(garbageBody, noisyVariant(createTicket, CANVAS_NOISE));
    const cases = bodies.chain((sent) => fc.tuple(fc.constant(sent), wrongBodySignature(sent, SANDBOX.intercomClientSecret), contentType));
    await fc.assert(
      fc.asyncProperty(cases, async ([sent, signature, type]) => {
        const answer = await post(sent, { 'x-body-signature': signature, 'content-type': type.value });
        expectRefused(
          answer,
          sent.bytes.length > 1024 * 1024
            ? { status: 413, code: 'payload_too_large', mention: /larger than/ }
            : { status: 401, code: 'invalid_signature', mention: /X-Body-Signature/ },
        );
      }),
      runs(300),
    );
  });

  it.each<[Transport, number]>([
    ['app', 250],
    ['http', 30],
  ])('answers a validly signed body that is not a request with the 4xx that names the problem (%s)', async (transport, numRuns) => {
    await fc.assert(
      fc.asyncProperty(garbageBody, contentType, async (sent, type) => {
        const answer = await post(sent, { 'x-body-signature': sign(sent.bytes), 'content-type': type.value }, transport);
        expectRefused(answer, expectedRefusal(sent, { contentType: type, invalidShape: BAD_SHAPE }));
      }),
      runs(numRuns),
    );
  });

  it.each<[Transport, number]>([
    ['app', 500],
    ['http', 30],
  ])('answers a signed click with one field wrong, missing or duplicated with a 400 naming the field (%s)', async (transport, numRuns) => {
    await fc.assert(
      fc.asyncProperty(invalidVariant(REFRESH, SUBMIT_RULES, CANVAS_NOISE), jsonContentType, async ({ body: sent, mention }, type) => {
        expectRefused(await post(sent, signed(sent, type), transport), fieldRefusal(sent, mention));
      }),
      runs(numRuns),
    );
  });

  it('refuses a "link the selected ticket" click whose selected_ticket is not a Notion page id, without calling Notion', async () => {
    const rule: FieldRule = { path: ['input_values', 'selected_ticket'], invalid: notAPageId, required: true, mention: /Choose a ticket|input_values\.selected_ticket/ };
    await fc.assert(
      fc.asyncProperty(invalidVariant(LINK_SELECTED, [rule], CANVAS_NOISE), async ({ body: sent, mention }) => {
        expectRefused(await post(sent, signed(sent)), fieldRefusal(sent, mention));
      }),
      runs(150),
    );
  });

  it('answers clicks that carry any stored_data at all with a canvas (or 400 when a suggestion is needed), never a 5xx or a write', async () => {
    const storedData = fc.oneof(
      anyFragment,
      notAnObject,
      fc.tuple(fc.constantFrom('initialize', 'suggestion', 'result', 'error', '__proto__'), anyFragment).map(([canvas, junk]) =>
        objectText([['v', '1'], ['canvas', JSON.stringify(canvas)], ['conversationId', JSON.stringify(CONVERSATION.csvExport)], ['retry', junk], ['suggestion', junk], ['linkedPageIds', junk]]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('back', 'try_again', 'link_suggested'), storedData, async (componentId, stored) => {
        const sent = body(render([...canvasBase({ component_id: componentId }), ['current_canvas', `{"stored_data":${stored}}`]]));
        const answer = await post(sent, signed(sent));
        if (componentId === 'link_suggested') {
          expectRefused(answer, { status: 400, code: 'invalid_request', mention: /no suggested ticket/ });
        } else {
          expect(answer.status, answer.text.slice(0, 300)).toBe(200);
          expect(answer.json).toMatchObject({ canvas: { content: { components: expect.any(Array) } } });
        }
        expect(answer.writes).toEqual([]);
      }),
      runs(150),
    );
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });

});
