import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, runs } from '../support/fuzz-expect.js';
import { nastyString } from '../support/fuzz-json.js';
import { garbageBody, percentEncode } from '../support/fuzz-requests.js';
import { type FuzzSandbox, startFuzzSandbox } from '../support/fuzz-sandbox.js';

const ROUTES = ['/canvas/initialize', '/canvas/submit', '/webhooks/notion', '/create-ticket', '/ticket-done', '/activity'];

/** Pages anyone may GET, and the sandbox's own routes: not the app's API, so not fuzzed here. */
const OPEN_PAGE = /^\/(healthz|readyz|docs)?$|^\/sandbox(\/|$)/;

const path = fc.oneof(
  fc.tuple(
    fc.constantFrom(...ROUTES),
    fc.constantFrom(
      (p: string) => p.toUpperCase(),
      (p: string) => `${p}/`,
      (p: string) => `/${p}`,
      (p: string) => p.replace('/', '/%2F'),
      (p: string) => `${p};x=1`,
      (p: string) => `${p}%00`,
      (p: string) => `/x/..${p}`,
      (p: string) => `${p}/../../etc/passwd`,
      (p: string) => `${p}.json`,
      (p: string) => p.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
    ),
  ).map(([route, change]) => change(route)),
  fc.array(nastyString.map(percentEncode), { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
);

const method = fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'POST');

describe('every other method and path, fuzzed', () => {
  let fuzz: FuzzSandbox;

  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    await fuzz.close();
  });

  it('answers a method a route does not take, or a path that is no route, with a JSON 4xx and nothing done', async () => {
    const pathname = (p: string) => new URL(`http://localhost${p}`).pathname;
    const cases = fc.tuple(method, path, garbageBody).filter(([m, p]) => {
      const routed = `${m === 'HEAD' ? 'GET' : m} ${pathname(p)}`;
      return !OPEN_PAGE.test(pathname(p)) && !ROUTES.some((r) => routed === `POST ${r}` || routed === 'GET /activity');
    });
    await fc.assert(
      fc.asyncProperty(cases, async ([m, p, sent]) => {
        const withBody = m !== 'GET' && m !== 'HEAD';
        const answer = await fuzz.send({ method: m, path: p, body: withBody ? sent.data.slice(0, 2000) : undefined });
        expect(answer.status, `${m} ${p}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${m} ${p}`).toBeLessThan(500);
        if (m !== 'HEAD') expectErrorBody(answer);
        expect(answer.externalCalls).toEqual([]);
        expect(answer.writes).toEqual([]);
      }),
      runs(400),
    );
  });

  it('logged no 5xx and no error for any of it', () => {
    expect(fuzz.loggedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(fuzz.errorLogs).toEqual([]);
  });
});
