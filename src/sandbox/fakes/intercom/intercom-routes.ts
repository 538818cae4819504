import { Hono } from 'hono';
import { SANDBOX } from '../../constants.js';
import { gate, pathParam, type FakeContext, type FakesEnv, type GateDeps } from '../gate.js';
import type { IntercomOperation } from '../operations.js';
import { IntercomApiError, intercomErrorResponse, renderIntercomFailure } from './intercom-errors.js';
import type { IntercomFake } from './intercom-store.js';

/** The Intercom REST API paths intercom-client v7 calls for the app. */
export function intercomRoutes(intercom: IntercomFake, deps: GateDeps): Hono<FakesEnv> {
  const app = new Hono<FakesEnv>();

  const op = (
    name: IntercomOperation,
    handler: (c: FakeContext, body: Record<string, unknown>) => Record<string, unknown>,
  ) =>
    gate(deps, 'intercom', name, renderIntercomFailure, async (c) => {
      try {
        if (c.req.header('authorization') !== `Bearer ${SANDBOX.token}`) {
          throw new IntercomApiError(401, 'unauthorized', 'Access Token Invalid');
        }
        return c.json(handler(c, await readBody(c)));
      } catch (err) {
        if (err instanceof IntercomApiError) return intercomErrorResponse(err);
        throw err;
      }
    });

  app.get(
    '/conversations/:id',
    op('GET /conversations/{id}', (c) => intercom.findConversation(pathParam(c, 'id'), c.req.query('display_as') === 'plaintext')),
  );
  app.get('/admins', op('GET /admins', () => intercom.listAdmins()));
  app.get('/admins/:id', op('GET /admins/{id}', (c) => intercom.findAdmin(pathParam(c, 'id'))));
  app.get('/me', op('GET /me', () => intercom.me()));
  app.post('/conversations/:id/reply', op('POST /conversations/{id}/reply', (c, body) => intercom.reply(pathParam(c, 'id'), body)));
  app.post('/conversations/:id/parts', op('POST /conversations/{id}/parts', (c, body) => intercom.manage(pathParam(c, 'id'), body)));

  app.all('*', () => intercomErrorResponse(new IntercomApiError(404, 'not_found', 'Resource Not Found')));
  return app;
}

async function readBody(c: FakeContext): Promise<Record<string, unknown>> {
  if (c.req.method === 'GET') return {};
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the same error as a non-object body.
  }
  throw new IntercomApiError(400, 'parameter_invalid', 'The request body must be a JSON object');
}
