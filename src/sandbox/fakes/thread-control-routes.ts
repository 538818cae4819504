import { Hono } from 'hono';
import { z } from 'zod';
import type { FakesEnv } from './gate.js';
import { IntercomApiError } from './intercom/intercom-errors.js';
import { SlackApiError } from './slack/slack-errors.js';
import { typedToHtml } from './typed-html.js';
import type { World } from './world.js';

/**
 * People writing, for the simulator and for scripts: a customer or a teammate in an Intercom
 * conversation, someone in a Slack channel or thread, the `Send to customer` shortcut and its
 * modal. Each goes through the fake as if typed, and the fake tells the app, signed.
 */

const slackTs = z.string().regex(/^\d+\.\d+$/, 'a Slack ts such as 1712345678.000100');
const text = z.string().min(1).max(40_000);

const intercomWrite = z
  .object({ author: z.enum(['customer', 'admin']), admin_id: z.string().regex(/^\d+$/).optional(), body: text, note: z.boolean().optional() })
  .strict();
const slackPost = z.object({ channel: z.string().min(1), thread_ts: slackTs.optional(), user: z.string().regex(/^[UW][A-Z0-9]+$/), text }).strict();
const slackEdit = z.object({ channel: z.string().min(1), ts: slackTs, text }).strict();
const slackRemove = z.object({ channel: z.string().min(1), ts: slackTs }).strict();
const shortcut = z.object({ channel: z.string().min(1), message_ts: slackTs, user: z.string().regex(/^[UW][A-Z0-9]+$/) }).strict();

export function threadControlRoutes(world: World): Hono<FakesEnv> {
  const app = new Hono<FakesEnv>();

  app.onError((err, c) => {
    if (err instanceof z.ZodError) return c.json({ error: 'invalid_request', issues: err.issues }, 400);
    if (err instanceof SyntaxError) return c.json({ error: 'invalid_json', message: err.message }, 400);
    if (err instanceof IntercomApiError) return c.json({ error: err.code, message: err.message }, err.status === 404 ? 404 : 400);
    if (err instanceof SlackApiError) return c.json({ error: err.error }, err.error.endsWith('_not_found') ? 404 : 400);
    throw err;
  });

  app.post('/conversations/:id/reply', async (c) => {
    const input = intercomWrite.parse(await c.req.json());
    const part = world.intercom.write(c.req.param('id'), {
      author: input.author,
      ...(input.admin_id ? { adminId: input.admin_id } : {}),
      body: typedToHtml(input.body),
      ...(input.note ? { note: true } : {}),
    });
    return c.json({ part: { id: part.id, part_type: part.partType, author: part.author, body: part.body, created_at: part.createdAt } });
  });

  app.post('/slack/messages', async (c) => {
    const input = slackPost.parse(await c.req.json());
    const channel = world.slack.channel(input.channel);
    if (!channel) throw new SlackApiError('channel_not_found');
    const message = world.slack.post(channel.id, { user: input.user, text: input.text, ...(input.thread_ts ? { threadTs: input.thread_ts } : {}) });
    return c.json({ channel: channel.id, ts: message.ts, thread_ts: message.threadTs ?? null });
  });

  app.post('/slack/messages/edit', async (c) => {
    const input = slackEdit.parse(await c.req.json());
    const message = world.slack.edit(channelId(world, input.channel), input.ts, input.text);
    return c.json({ ts: message.ts, text: message.text });
  });

  app.post('/slack/messages/delete', async (c) => {
    const input = slackRemove.parse(await c.req.json());
    world.slack.remove(channelId(world, input.channel), input.ts);
    return c.json({ deleted: input.ts });
  });

  app.post('/slack/shortcuts', async (c) => {
    const input = shortcut.parse(await c.req.json());
    const result = await world.deliveries.shortcut(channelId(world, input.channel), input.message_ts, input.user);
    return c.json({ app_status: result.status, view: result.view });
  });

  app.post('/slack/views/:id/submit', async (c) => {
    const result = await world.deliveries.submitView(c.req.param('id'));
    if (result.status === 404) return c.json({ error: 'view_not_found' }, 404);
    return c.json({ app_status: result.status, closed: result.closed });
  });

  app.post('/slack/views/:id/close', (c) => {
    const closed = world.slack.closeView(c.req.param('id'));
    return closed ? c.json({ closed: true }) : c.json({ error: 'view_not_found' }, 404);
  });

  return app;
}

function channelId(world: World, idOrName: string): string {
  const channel = world.slack.channel(idOrName);
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel.id;
}
