import { verifyWebhookSignature } from '@notionhq/client';
import { Hono } from 'hono';
import { AppError, isAppError } from '../errors.js';
import type { Resolutions } from '../flows/resolutions.js';
import { type BodyBudget, readWithinBudget } from '../http/body-budget.js';
import { bearerToken, limitBody } from '../http/middleware.js';
import { parseJson, readRawBody } from '../http/raw-body.js';
import { tokenMatches } from '../http/signatures.js';
import { validate } from '../http/validate.js';
import type { Logger } from '../observability/logger.js';
import type { TicketSchema } from '../ports.js';
import type { BackgroundTasks } from '../util/background-tasks.js';
import { atMostEvery } from '../util/at-most-every.js';
import type { WebhookEvents } from '../webhooks/webhook-events.js';
import {
  automationPageToCheck,
  automationSchema,
  integrationEventSchema,
  pageIdNamedIn,
  pageToCheck,
  verificationSchema,
} from '../webhooks/notion-payloads.js';

export interface NotionWebhookDeps {
  resolutions: Resolutions;
  schema: () => Promise<TicketSchema>;
  verificationToken: string | null;
  apiTokens: readonly string[];
  background: BackgroundTasks;
  /** Event ids already handled: Notion retries a delivery it thinks failed. */
  events: WebhookEvents;
  logger: Logger;
  /** Shared by every route that must read a body before it can verify its sender. */
  bodyBudget: BodyBudget;
  /** Keeps the token of a verification request where the operator can read it; returns where. */
  keepVerificationToken: (token: string) => Promise<string>;
}

/** The verification request is one small JSON object: anything larger is not one. */
const MAX_HANDSHAKE_BYTES = 2000;
/** Strangers (and an automation misfiring on every edit) can provoke these log lines at will: one a minute at most. */
const HANDSHAKE_LOG_INTERVAL_MS = 60_000;

const NO_CREDENTIALS = 'Send X-Notion-Signature (integration webhooks) or Authorization: Bearer <API_TOKEN> (automations).';

/**
 * POST /webhooks/notion, for three senders:
 * - integration webhooks, signed with X-Notion-Signature (verified on the raw bytes first);
 * - database automations ("Send webhook"), which cannot sign, so they send the API token;
 * - the one-time verification request of a new subscription, accepted unsigned only while
 *   NOTION_WEBHOOK_VERIFICATION_TOKEN is unset (there is nothing to verify it with yet).
 * A request with none of the headers it could be verified by is refused before its body is read.
 * The answer comes at once; the work (re-reading the page, sending messages) happens after.
 */
export function notionWebhookRoutes(deps: NotionWebhookDeps): Hono {
  const app = new Hono();
  const mayLogHandshake = atMostEvery(HANDSHAKE_LOG_INTERVAL_MS);
  const mayLogOddAutomation = atMostEvery(HANDSHAKE_LOG_INTERVAL_MS);

  app.post('/notion', limitBody(), async (c) => {
    const signature = c.req.header('x-notion-signature');
    const token = bearerToken(c.req.header('authorization'), c.req.header('x-api-token'));

    if (signature && deps.verificationToken) {
      await readWithinBudget(c, deps.bodyBudget);
      const raw = await readRawBody(c);
      if (!(await verifyWebhookSignature({ body: raw.bytes, signature, verificationToken: deps.verificationToken }))) {
        throw new AppError('invalid_signature', 401, 'Invalid X-Notion-Signature.');
      }
      const body = parseJson(raw.text());
      if (verificationSchema.safeParse(body).success) {
        if (mayLogHandshake()) deps.logger.info('Notion re-sent its webhook verification token, signed with the one configured: nothing to do');
        return c.json({ status: 'ok' });
      }
      const event = validate(integrationEventSchema, body, 'Notion event');
      if (!(await deps.events.firstDelivery(`notion:${event.id}`))) return c.json({ status: 'duplicate' });
      const target = pageToCheck(event, await deps.schema());
      if ('ignore' in target) return c.json({ status: 'ignored', reason: target.ignore });
      deps.logger.info({ event_id: event.id, type: event.type, attempt: event.attempt_number, page_id: target.pageId }, 'notion event');
      schedule(deps, target.pageId, 'notion-webhook');
      return c.json({ status: 'accepted' });
    }

    if (token) {
      // The token is checked before the body is read, as on the other token routes.
      if (!tokenMatches(token, deps.apiTokens)) throw new AppError('unauthorized', 401, 'The API token is not valid.');
      const raw = await readRawBody(c);
      const body = safeParse(raw.text);
      const parsed = automationSchema.safeParse(body);
      if (!parsed.success) {
        // Notion pauses an automation whose webhook keeps failing: an odd body is answered 200, and
        // the page it names, if any, re-read, so whatever Notion says the Status is still counts.
        const pageId = pageIdNamedIn(body);
        if (mayLogOddAutomation()) {
          deps.logger.warn(
            { page_id: pageId, problems: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(body)') },
            pageId
              ? 'A Notion automation sent a body of an unexpected shape; answered 200 (Notion pauses an automation that keeps failing) and re-reading the page it names'
              : 'A Notion automation sent a body of an unexpected shape that names no page; answered 200 (Notion pauses an automation that keeps failing). Check its Send webhook action',
          );
        }
        if (!pageId) return c.json({ status: 'ignored', reason: 'unexpected payload shape; no page id in it' });
        schedule(deps, pageId, 'notion-automation');
        return c.json({ status: 'accepted', warning: 'unexpected payload shape; the page it names is re-read' });
      }
      const payload = parsed.data;
      const eventId = payload.source?.event_id;
      if (eventId && !(await deps.events.firstDelivery(`notion-automation:${eventId}`))) return c.json({ status: 'duplicate' });
      const target = automationPageToCheck(payload, await deps.schema());
      if ('ignore' in target) return c.json({ status: 'ignored', reason: target.ignore });
      schedule(deps, target.pageId, 'notion-automation');
      return c.json({ status: 'accepted' });
    }

    if (signature) refuse('NOTION_WEBHOOK_VERIFICATION_TOKEN is not set, so Notion events cannot be verified.');
    // Once a verification token is configured, the subscription is verified: nothing unsigned is accepted.
    if (deps.verificationToken || !(Number(c.req.header('content-length')) <= MAX_HANDSHAKE_BYTES)) refuse(NO_CREDENTIALS);
    await readWithinBudget(c, deps.bodyBudget);
    const raw = await readRawBody(c);
    const body = safeParse(raw.text);
    if (!verificationSchema.safeParse(body).success) refuse(NO_CREDENTIALS);
    const where = await deps.keepVerificationToken((body as { verification_token: string }).verification_token);
    // Never the value itself: the request is unauthenticated, and its values do not belong in the log.
    if (mayLogHandshake()) {
      deps.logger.warn(
        { kept_in: where },
        'Notion sent a webhook verification token (kept in the file named here; the latest one received wins): paste it into Notion (Verify subscription), set NOTION_WEBHOOK_VERIFICATION_TOKEN to it and restart',
      );
    }
    return c.json({ status: 'ok' });
  });

  return app;
}

function refuse(message: string): never {
  throw new AppError('unauthorized', 401, message);
}

/** A page that is not a ticket of ours (another database, deleted) is nothing to do, not an error. */
function schedule(deps: NotionWebhookDeps, pageId: string, trigger: string): void {
  deps.background.start(`done:${pageId}`, async () => {
    try {
      await deps.resolutions.statusChanged(pageId, trigger);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'ticket_not_found') throw err;
      deps.logger.info({ page_id: pageId, trigger }, 'Notion named a page that is not a ticket in the database: nothing to do');
    }
  });
}

function safeParse(text: () => string): unknown {
  try {
    return parseJson(text());
  } catch {
    return null;
  }
}
