import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { expectRefused, runs } from './fuzz-expect.js';
import { type FieldRule, invalidVariant, noisyVariant, type Tree } from './fuzz-mutations.js';
import { contentType, expectedRefusal, fieldRefusal, garbageBody, jsonContentType, wrongCredentials } from './fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox, type Transport } from './fuzz-sandbox.js';

/**
 * The properties both token routes (POST /create-ticket, POST /ticket-done) must have. Each suite
 * names its tests; these are the bodies. `base` is a valid request the suites never send as is:
 * with the right token it would write.
 */
export interface TokenRoute {
  path: string;
  base: Tree;
  rules: FieldRule[];
  /** A valid request that is answered without writing (a 404 for something that does not exist). */
  harmless: Tree;
  harmlessAnswer: { status: number; code: string };
}

const TOKEN = { authorization: `Bearer ${SANDBOX.apiToken}` };
const NOISE = [[]] as const;

export function refusesWrongCredentials(fuzz: FuzzSandbox, route: TokenRoute, numRuns: number): Promise<void> {
  const bodies = fc.oneof(garbageBody, noisyVariant(route.base, NOISE));
  return fc.assert(
    fc.asyncProperty(bodies, wrongCredentials(SANDBOX.apiToken, { basicAccepted: false }), contentType, async (sent, credentials, type) => {
      const answer = await fuzz.send({ path: route.path, headers: { ...credentials, 'content-type': type.value }, body: sent.data });
      expectRefused(
        answer,
        sent.bytes.length > 1024 * 1024
          ? { status: 413, code: 'payload_too_large', mention: /larger than/ }
          : { status: 401, code: 'unauthorized', mention: /API token|API_TOKEN/ },
      );
      if (answer.status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }),
    runs(numRuns),
  );
}

export function refusesGarbage(fuzz: FuzzSandbox, route: TokenRoute, transport: Transport, numRuns: number): Promise<void> {
  return fc.assert(
    fc.asyncProperty(garbageBody, contentType, async (sent, type) => {
      const answer = await fuzz.send({ path: route.path, headers: { ...TOKEN, 'content-type': type.value }, body: sent.data }, transport);
      expectRefused(answer, expectedRefusal(sent, { contentType: type, invalidShape: { status: 400, code: 'invalid_request', mention: /Invalid request body/ } }));
    }),
    runs(numRuns),
  );
}

export function refusesOneBadField(fuzz: FuzzSandbox, route: TokenRoute, transport: Transport, numRuns: number): Promise<void> {
  const tokens = fc.constantFrom(TOKEN, { 'x-api-token': SANDBOX.apiToken }, { authorization: `bearer   ${SANDBOX.apiToken}  ` });
  return fc.assert(
    fc.asyncProperty(invalidVariant(route.base, route.rules, NOISE), tokens, jsonContentType, async ({ body: sent, mention }, token, type) => {
      const answer = await fuzz.send({ path: route.path, headers: { ...token, 'content-type': type }, body: sent.data }, transport);
      expectRefused(answer, fieldRefusal(sent, mention));
    }),
    runs(numRuns),
  );
}

export function acceptsNoise(fuzz: FuzzSandbox, route: TokenRoute, numRuns: number): Promise<void> {
  return fc.assert(
    fc.asyncProperty(noisyVariant(route.harmless, NOISE), async (sent) => {
      const answer = await fuzz.send({ path: route.path, headers: { ...TOKEN, 'content-type': 'application/json' }, body: sent.data });
      expect(answer.status, answer.text.slice(0, 300)).toBe(route.harmlessAnswer.status);
      expect(answer.json).toMatchObject({ status: 'error', error: { code: route.harmlessAnswer.code } });
      expect(answer.writes).toEqual([]);
    }),
    runs(numRuns),
  );
}

/**
 * The whole fuzz suite of a token route: the two routes differ only in their fields and in the
 * harmless request that serves as the control.
 */
export function describeTokenRouteFuzz(route: TokenRoute, controlWording: string): void {
  describe(`POST ${route.path}, fuzzed`, () => {
    let fuzz: FuzzSandbox;

    beforeAll(async () => {
      fuzz = await startFuzzSandbox();
    });
    afterAll(async () => {
      fuzz.printTally();
      await fuzz.close();
    });

    it('refuses any body without the right API token with a 401, before reading it (413 over the size limit)', async () => {
      await refusesWrongCredentials(fuzz, route, 400);
    });

    it('answers a body that is not JSON, not an object or not sent as JSON with the 4xx that names the problem', async () => {
      await refusesGarbage(fuzz, route, 'app', 300);
      await refusesGarbage(fuzz, route, 'http', 30);
    });

    it('answers a request with one field wrong, missing or duplicated with a 400 naming the field', async () => {
      await refusesOneBadField(fuzz, route, 'app', 400);
      await refusesOneBadField(fuzz, route, 'http', 30);
    });

    it(`answers a valid request under the same noise as usual (the control: ${controlWording})`, async () => {
      await acceptsNoise(fuzz, route, 50);
    });

    it('logged no 5xx and no error for any of it', () => {
      expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
      expect(fuzz.errorLogs).toEqual([]);
    });
  });
}
