import { Hono } from 'hono';
import { SANDBOX } from '../../constants.js';
import { gate, type FakeContext, type FakesEnv, type GateDeps } from '../gate.js';
import { SLACK_OPERATIONS, type SlackOperation } from '../operations.js';
import { SlackApiError, renderSlackFailure } from './slack-errors.js';
import type { Args, SlackFake } from './slack-store.js';

/**
 * The Slack Web API: `POST /api/<method>` with a form (or JSON) body, always HTTP 200 with
 * `{ok: true, …}` or `{ok: false, error}`, except 429 when rate limited.
 */

const METHODS: Record<SlackOperation, (slack: SlackFake, args: Args) => Record<string, unknown>> = {
  'auth.test': (s) => s['auth.test'](),
  'users.list': (s, a) => s['users.list'](a),
  'users.lookupByEmail': (s, a) => s['users.lookupByEmail'](a),
  'conversations.create': (s, a) => s['conversations.create'](a),
  'conversations.list': (s, a) => s['conversations.list'](a),
  'conversations.info': (s, a) => s['conversations.info'](a),
  'conversations.join': (s, a) => s['conversations.join'](a),
  'conversations.invite': (s, a) => s['conversations.invite'](a),
  'conversations.setTopic': (s, a) => s['conversations.setTopic'](a),
  'conversations.history': (s, a) => s['conversations.history'](a),
  'conversations.replies': (s, a) => s['conversations.replies'](a),
  'users.info': (s, a) => s['users.info'](a),
  'views.open': (s, a) => s['views.open'](a),
  'conversations.members': (s, a) => s['conversations.members'](a),
  'conversations.archive': (s, a) => s['conversations.archive'](a),
  'chat.postMessage': (s, a) => s['chat.postMessage'](a),
  'bookmarks.add': (s, a) => s['bookmarks.add'](a),
  'bookmarks.list': (s, a) => s['bookmarks.list'](a),
};

export function slackRoutes(slack: SlackFake, deps: GateDeps): Hono<FakesEnv> {
  const app = new Hono<FakesEnv>();
  const handlers = new Map(
    SLACK_OPERATIONS.map((method) => [
      method,
      gate(deps, 'slack', method, renderSlackFailure, async (c) => {
        const accepted = slack.acceptedScopes(method);
        const scopes: Record<string, string> = {
          'x-oauth-scopes': slack.scopes.join(','),
          ...(accepted ? { 'x-accepted-oauth-scopes': accepted } : {}),
        };
        try {
          const args = await readArgs(c);
          authorize(c, args);
          slack.checkScopes(method);
          return c.json({ ok: true, ...METHODS[method](slack, args) }, 200, scopes);
        } catch (err) {
          if (err instanceof SlackApiError) return c.json({ ok: false, error: err.error, ...err.extra }, 200, scopes);
          throw err;
        }
      }),
    ]),
  );

  app.on(['GET', 'POST'], '/api/:method', (c) => {
    const handler = handlers.get(c.req.param('method') as SlackOperation);
    return handler ? handler(c) : c.json({ ok: false, error: 'unknown_method' });
  });
  return app;
}

function authorize(c: FakeContext, args: Args): void {
  const header = c.req.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : args.token;
  if (!token) throw new SlackApiError('not_authed');
  if (token !== SANDBOX.token) throw new SlackApiError('invalid_auth');
}

/** Query string and body merged; JSON bodies are flattened to the strings a form would carry. */
async function readArgs(c: FakeContext): Promise<Args> {
  const args: Args = { ...c.req.query() };
  if (c.req.method !== 'POST') return args;
  const text = await c.req.text();
  if (!text) return args;
  if ((c.req.header('content-type') ?? '').includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new SlackApiError('invalid_json');
    }
    for (const [key, value] of Object.entries((parsed ?? {}) as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      args[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return args;
  }
  for (const [key, value] of new URLSearchParams(text)) args[key] = value;
  return args;
}
