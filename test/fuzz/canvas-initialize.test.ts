import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANVAS_NOISE, CANVAS_RULES, canvasBase, sign } from '../support/fuzz-canvas.js';
import { expectRefused, runs } from '../support/fuzz-expect.js';
import { invalidVariant, noisyVariant, render } from '../support/fuzz-mutations.js';
import { type Body, body, contentType, expectedRefusal, fieldRefusal, garbageBody, jsonContentType, wrongBodySignature } from '../support/fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox, type Transport } from '../support/fuzz-sandbox.js';
import { SANDBOX } from '../../src/sandbox/constants.js';

const TOO_LARGE = { status: 413, code: 'payload_too_large', mention: /larger than/ } as const;
const BAD_SHAPE = { status: 400, code: 'invalid_request', mention: /Invalid Canvas Kit initialize request/ } as const;

describe('POST /canvas/initialize, fuzzed', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    fuzz.printTally();
    await fuzz.close();
  });

  const post = (sent: Body, headers: Record<string, string | undefined>, transport: Transport = 'app') =>
    fuzz.send({ path: '/canvas/initialize', headers, body: sent.data }, transport);

  it('refuses any body without a valid X-Body-Signature with a 401, before reading it (413 over the size limit)', async () => {
    const bodies = fc.oneof(garbageBody, noisyVariant(canvasBase(), CANVAS_NOISE));
    const cases = bodies.chain((sent) => fc.tuple(fc.constant(sent), wrongBodySignature(sent, SANDBOX.intercomClientSecret), contentType));
    await fc.assert(
      fc.asyncProperty(cases, async ([sent, signature, type]) => {
        const answer = await post(sent, { 'x-body-signature': signature, 'content-type': type.value });
        expectRefused(answer, sent.bytes.length > 1024 * 1024 ? TOO_LARGE : { status: 401, code: 'invalid_signature', mention: /X-Body-Signature/ });
      }),
      runs(400),
    );
  });

  it.each<[Transport, number]>([
    ['app', 300],
    ['http', 40],
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
    ['http', 40],
  ])('answers a signed request with one field wrong, missing or duplicated with a 400 naming the field (%s)', async (transport, numRuns) => {
    await fc.assert(
      fc.asyncProperty(invalidVariant(canvasBase(), CANVAS_RULES, CANVAS_NOISE), jsonContentType, async ({ body: sent, mention }, type) => {
        const answer = await post(sent, { 'x-body-signature': sign(sent.bytes), 'content-type': type }, transport);
        expectRefused(answer, fieldRefusal(sent, mention));
      }),
      runs(numRuns),
    );
  });

  it('answers the same request with unknown members, __proto__ keys and overridden duplicates with a canvas (the control)', async () => {
    await fc.assert(
      fc.asyncProperty(noisyVariant(canvasBase(), CANVAS_NOISE), jsonContentType, async (sent, type) => {
        const answer = await post(sent, { 'x-body-signature': sign(sent.bytes), 'content-type': type });
        expect(answer.status, answer.text.slice(0, 300)).toBe(200);
        expect(answer.json).toMatchObject({ canvas: { content: { components: expect.any(Array) } } });
        expect(answer.writes).toEqual([]);
      }),
      runs(60),
    );
  });

  it('accepts the signature in any letter case but refuses a body changed after signing', async () => {
    const valid = body(render(canvasBase()));
    const ok = await post(valid, { 'x-body-signature': sign(valid.bytes).toUpperCase(), 'content-type': 'application/json' });
    expect(ok.status).toBe(200);
    const tampered = body(render(canvasBase()).replace('"open"', '"closed"'));
    expectRefused(await post(tampered, { 'x-body-signature': sign(valid.bytes), 'content-type': 'application/json' }), {
      status: 401,
      code: 'invalid_signature',
      mention: /X-Body-Signature/,
    });
  });

  it('leaves Object.prototype untouched after every __proto__ and constructor body', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => k.includes('polluted'))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });
});

