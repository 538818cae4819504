import { verifyWebhookSignature } from '@notionhq/client';
import { Hono } from 'hono';
import { AppError } from '../errors.js';
import type { Resolutions } from '../flows/resolutions.js';
import { bearerToken, limitBody } from '../http/middleware.js';
import { parseJson, readRawBody } from '../http/raw-body.js';
import { tokenMatches } from '../http/signatures.js';
import { validate } from '../http/validate.js';
import type { Logger } from '../observability/logger.js';
import type { TicketSchema } from '../ports.js';
import type { BackgroundTasks } from '../util/background-tasks.js';
import { RecentIds } from '../util/recent-ids.js';
import {
  automationPageToCheck,
  automationSchema,
  integrationEventSchema,
  pageToCheck,
  verificationSchema,
} from '../webhooks/notion-payloads.js';

export interface NotionWebhookDeps {
  resolutions: Resolutions;
  schema: () => Promise<TicketSchema>;
  verificationToken: string | null;
  apiTokens: readonly string[];
  background: BackgroundTasks;
  logger: Logger;
}

/**
 * POST /webhooks/notion, for three senders:
 * - integration webhooks, signed with X-Notion-Signature (verified on the raw bytes first);
 * - database automations ("Send webhook"), which cannot sign, so they send the API token;
 * - the one-time verification request of a new subscription, which has no token to check yet.
 * The answer comes at once; the work (re-reading the page, sending messages) happens after.
 */
export function notionWebhookRoutes(deps: NotionWebhookDeps): Hono {
  const app = new Hono();
  const seen = new RecentIds();

  app.post('/notion', limitBody(), async (c) => {
    const raw = await readRawBody(c);
    const signature = c.req.header('x-notion-signature');
    const token = bearerToken(c.req.header('authorization'), c.req.header('x-api-token'));

    if (signature && deps.verificationToken) {
      if (!(await verifyWebhookSignature({ body: raw.bytes, signature, verificationToken: deps.verificationToken }))) {
        throw new AppError('invalid_signature', 401, 'Invalid X-Notion-Signature.');
      }
      const body = parseJson(raw.text());
      if (verificationSchema.safeParse(body).success) return handshake(c, deps, body);
      const event = validate(integrationEventSchema, body, 'Notion event');
      if (!seen.add(event.id)) return c.json({ status: 'duplicate' });
      const target = pageToCheck(event, await deps.schema());
      if ('ignore' in target) return c.json({ status: 'ignored', reason: target.ignore });
      deps.logger.info({ event_id: event.id, type: event.type, attempt: event.attempt_number, page_id: target.pageId }, 'notion event');
      schedule(deps, target.pageId, 'notion-webhook');
      return c.json({ status: 'accepted' });
    }

    if (token) {
      if (!tokenMatches(token, deps.apiTokens)) throw new AppError('unauthorized', 401, 'The API token is not valid.');
      const payload = validate(automationSchema, parseJson(raw.text()), 'Notion automation payload');
      const eventId = payload.source?.event_id;
      if (eventId && !seen.add(`automation:${eventId}`)) return c.json({ status: 'duplicate' });
      const target = automationPageToCheck(payload, await deps.schema());
      if ('ignore' in target) return c.json({ status: 'ignored', reason: target.ignore });
      schedule(deps, target.pageId, 'notion-automation');
      return c.json({ status: 'accepted' });
    }

    // Nothing to verify against yet: only the subscription's verification request is accepted.
    const body = raw.bytes.length <= 2000 ? safeParse(raw.text) : null;
    if (verificationSchema.safeParse(body).success) return handshake(c, deps, body as { verification_token: string });
    throw new AppError(
      'unauthorized',
      401,
      signature
        ? 'NOTION_WEBHOOK_VERIFICATION_TOKEN is not set, so Notion events cannot be verified.'
        : 'Send X-Notion-Signature (integration webhooks) or Authorization: Bearer <API_TOKEN> (automations).',
    );
  });

  return app;
}

function handshake(c: { json: (body: unknown) => Response }, deps: NotionWebhookDeps, body: unknown): Response {
  const { verification_token } = body as { verification_token: string };
  deps.logger.warn(
    { verification_token },
    'Notion sent a webhook verification token: paste it into Notion (Verify subscription) and set NOTION_WEBHOOK_VERIFICATION_TOKEN to it, then restart',
  );
  return c.json({ status: 'ok' });
}

function schedule(deps: NotionWebhookDeps, pageId: string, trigger: string): void {
  deps.background.start(`done:${pageId}`, () => deps.resolutions.statusChanged(pageId, trigger));
}

function safeParse(text: () => string): unknown {
  try {
    return parseJson(text());
  } catch {
    return null;
  }
}
