import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { createOrLink } from '../flows/create-or-link.js';
import type { FlowDeps } from '../flows/deps.js';
import type { AnnounceReport } from '../flows/announce-resolution.js';
import type { Resolutions } from '../flows/resolutions.js';
import { type BodyVariables, jsonBody, limitBody, requireApiToken } from '../http/middleware.js';
import { validate } from '../http/validate.js';
import type { ActivityLog } from '../observability/activity.js';

const createTicketBody = z.object({
  intercom_conversation_id: z
    .union([z.string().trim().regex(/^\d{1,30}$/, 'a numeric Intercom conversation id'), z.number().int().nonnegative()])
    .transform(String),
  message: z.string().max(50_000).nullish(),
  /** When the triage is unsure: create a new ticket (the default) or link the closest one. */
  on_uncertain: z.enum(['new', 'link']).optional(),
});

const ticketDoneBody = z.object({
  notion_ticket_id: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9]*-\d{1,9}$/, 'a ticket id like JMP-123'),
  force: z.boolean().optional(),
});

/**
 * The seed's plain HTTP API, kept as it was: POST /create-ticket (Intercom Custom Actions and
 * scripts) and POST /ticket-done (Notion automations, scripts). Both need the API token.
 */
export function ticketApiRoutes(deps: {
  flows: FlowDeps;
  resolutions: Resolutions;
  activity: ActivityLog;
  apiTokens: readonly string[];
}): Hono<{ Variables: BodyVariables }> {
  const app = new Hono<{ Variables: BodyVariables }>();
  // Token first, then the body: an unauthenticated caller learns nothing about the input rules.
  const guards = [limitBody(), requireApiToken(deps.apiTokens), jsonBody()] as const;

  app.post('/create-ticket', ...guards, async (c) => {
    const body = validate(createTicketBody, c.var.body);
    const { decision, outcome, uncertain } = await deps.activity.run(
      'create',
      { conversation_id: body.intercom_conversation_id, trigger: 'api' },
      () =>
        createOrLink(deps.flows, {
          conversationId: body.intercom_conversation_id,
          message: body.message ?? null,
          onUncertain: body.on_uncertain ?? 'new',
        }),
    );
    return c.json({
      status: 'success',
      notion_ticket_id: outcome.ticket.ticketId,
      slack_channel: `#${outcome.channel.name}`,
      decision,
      notion_url: outcome.ticket.url,
      ...(uncertain ? { uncertain: true, candidates: uncertain.candidates } : {}),
    });
  });

  app.post('/ticket-done', ...guards, async (c) => {
    const body = validate(ticketDoneBody, c.var.body);
    const outcome = await deps.resolutions.closeByApi(body.notion_ticket_id.toUpperCase(), body.force ?? false);
    if (outcome.status === 'interrupted') {
      throw new AppError('ticket_not_done', 409, `${body.notion_ticket_id} left Done in Notion while it was being announced; the rest was not sent.`);
    }
    if (outcome.status === 'pending') {
      const { unsettled = 0, failing = [] } = outcome.delivery ?? {};
      throw new AppError('upstream_unavailable', 502, `${unsettled} message(s) could not be delivered yet; they are retried automatically.`, {
        details: { failing },
      });
    }
    const ticketId = outcome.ticket.ticketId ?? body.notion_ticket_id.toUpperCase();
    const report = outcome.report ?? { slack: 'no_channel', conversations: { told: 0, alreadyTold: 0, failed: 0 } };
    return c.json({
      status: 'success',
      message: doneSummary(ticketId, outcome.status === 'already_announced', report),
      notion_ticket_id: ticketId,
      already_announced: outcome.status === 'already_announced',
      slack_message: report.slack,
      conversations: {
        total: outcome.ticket.conversationIds.length,
        told: report.conversations.told,
        already_told: report.conversations.alreadyTold,
        failed: report.conversations.failed,
      },
    });
  });

  return app;
}

const SLACK_SAYS: Record<AnnounceReport['slack'], string> = {
  posted: 'posted the Done message in its Slack channel',
  already_posted: 'its Slack channel had the Done message already',
  failed: 'could not post in its Slack channel',
  not_posted: 'did not post in its Slack channel yet',
  no_channel: 'it has no Slack channel',
};

/** What /ticket-done did, in a sentence: what was sent now, what had been sent before, what failed. */
function doneSummary(ticketId: string, alreadyAnnounced: boolean, report: AnnounceReport): string {
  const { told, alreadyTold, failed } = report.conversations;
  if (alreadyAnnounced) {
    return `${ticketId} was announced already; nothing was sent (${plural(alreadyTold, 'conversation')} linked; send "force": true to announce it again).`;
  }
  const parts = [`told ${plural(told, 'conversation')}`];
  if (alreadyTold > 0) parts.push(`${alreadyTold} told before`);
  if (failed > 0) parts.push(`${failed} could not be told`);
  return `${ticketId}: ${SLACK_SAYS[report.slack]}; ${parts.join(', ')}.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
