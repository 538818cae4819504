import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError, isAppError } from '../../errors.js';
import { errorBody } from '../../http/error-response.js';
import { type BodyVariables, jsonBody, limitBody } from '../../http/middleware.js';
import { validate } from '../../http/validate.js';
import type { FakesEnv } from './gate.js';
import type { AdminState } from './intercom/intercom-store.js';
import { IntercomApiError } from './intercom/intercom-errors.js';
import { NotionApiError } from './notion/notion-errors.js';
import { typedToHtml } from './typed-html.js';
import type { World } from './world.js';

/**
 * "Try your own": a new user's own conversation in the fake Intercom and their own tickets in the
 * fake Notion, for the simulator's `New conversation` button and for scripts. The app then reads
 * them like any others: the conversation through the Intercom API, the tickets through the
 * `page.created` webhook Notion sends for a page made by hand (and the index refresh).
 */

/** Enough for a real support thread; a pasted log beyond this says nothing more to the triage. */
export const MAX_PARTS = 20;
export const MAX_BODY_CHARS = 10_000;
export const MAX_TICKETS = 50;
export const MAX_TITLE_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 10_000;

const notBlank = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => s.trim() !== '', 'must not be empty');

const partInput = z
  .object({
    author: z.enum(['customer', 'admin']),
    admin_id: z.string().regex(/^\d+$/, 'a teammate id such as 7310001').optional(),
    body: notBlank(MAX_BODY_CHARS),
  })
  .strict();

function conversationInput(admins: AdminState[]) {
  const known = new Map(admins.map((a) => [a.id, a.name]));
  return z
    .object({
      customer: z
        .object({
          name: notBlank(100),
          email: z.email('a valid email address').max(254),
        })
        .strict(),
      parts: z
        .array(partInput)
        .min(1, "at least one message, the customer's first")
        .max(MAX_PARTS, `at most ${MAX_PARTS} messages`),
    })
    .strict()
    .superRefine((input, ctx) => {
      if (input.parts[0]?.author !== 'customer') {
        ctx.addIssue({ code: 'custom', path: ['parts', 0, 'author'], message: "the first message is the customer's" });
      }
      input.parts.forEach((part, i) => {
        if (part.admin_id === undefined) return;
        if (part.author === 'customer') {
          ctx.addIssue({ code: 'custom', path: ['parts', i, 'admin_id'], message: 'only a teammate message has an admin_id' });
        } else if (!known.has(part.admin_id)) {
          const choices = [...known].map(([id, name]) => `${id} (${name})`).join(', ');
          ctx.addIssue({ code: 'custom', path: ['parts', i, 'admin_id'], message: `no such teammate; one of ${choices}` });
        }
      });
    });
}

function ticketsInput(statuses: string[]) {
  const ticket = z
    .object({
      title: notBlank(MAX_TITLE_CHARS),
      description: z.string().max(MAX_DESCRIPTION_CHARS, `at most ${MAX_DESCRIPTION_CHARS} characters`).default(''),
      status: z
        .string()
        .refine((s) => statuses.includes(s), `one of the Status options: ${statuses.join(', ')}`)
        .optional(),
    })
    .strict();
  return z
    .object({ tickets: z.array(ticket).min(1, 'at least one ticket').max(MAX_TICKETS, `at most ${MAX_TICKETS} tickets`) })
    .strict();
}

export function tryYourOwnRoutes(world: World): Hono<FakesEnv & { Variables: BodyVariables }> {
  const app = new Hono<FakesEnv & { Variables: BodyVariables }>();

  app.onError((err, c) => {
    const known = isAppError(err)
      ? err
      : err instanceof IntercomApiError || err instanceof NotionApiError
        ? new AppError(err.status === 404 ? 'not_found' : 'invalid_request', err.status === 404 ? 404 : 400, err.message)
        : null;
    if (!known || known.status >= 500) throw err;
    return c.json(errorBody(known), known.status as ContentfulStatusCode);
  });

  app.post('/conversations', limitBody(), jsonBody(), (c) => {
    const input = validate(conversationInput(world.intercom.admins()), c.var.body);
    const conversation = world.intercom.startConversation({
      customer: { name: input.customer.name.trim(), email: input.customer.email },
      parts: input.parts.map((p) => ({
        author: p.author,
        ...(p.admin_id ? { adminId: p.admin_id } : {}),
        body: typedToHtml(p.body),
      })),
    });
    return c.json({ id: conversation.id }, 201);
  });

  app.post('/tickets', limitBody(), jsonBody(), (c) => {
    const input = validate(ticketsInput(world.statusOptions()), c.var.body);
    const created = input.tickets.map((t) => world.addTicket({ title: t.title.trim(), description: t.description.trim(), status: t.status }));
    return c.json(
      {
        tickets: created.map((t) => ({
          ticket_id: t.ticket_id,
          page_id: t.page_id,
          url: t.url,
          title: t.properties.Title,
          status: t.properties.Status,
        })),
      },
      201,
    );
  });

  return app;
}
