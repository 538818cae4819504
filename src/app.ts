import { Hono } from 'hono';
import { AppError } from './errors.js';
import type { FlowDeps } from './flows/deps.js';
import type { Resolutions } from './flows/resolutions.js';
import type { ThreadSync } from './flows/threads/thread-sync.js';
import { BodyBudget, UNAUTHENTICATED_BODY_BUDGET_BYTES } from './http/body-budget.js';
import { errorResponse } from './http/error-response.js';
import { deadline, requestContext } from './http/request-context.js';
import type { ActivityLog } from './observability/activity.js';
import type { Logger } from './observability/logger.js';
import type { TicketSchema } from './ports.js';
import { activityRoutes } from './routes/activity.js';
import { canvasRoutes } from './routes/canvas.js';
import { healthRoutes, type Readiness } from './routes/health.js';
import { type HomeLink, homeRoutes } from './routes/home.js';
import { intercomWebhookRoutes } from './routes/intercom-webhooks.js';
import { notionWebhookRoutes } from './routes/notion-webhooks.js';
import { slackWebhookRoutes } from './routes/slack-webhooks.js';
import { ticketApiRoutes } from './routes/ticket-api.js';

/** Canvas Kit gives an app a few seconds; answer with an error canvas before it gives up. */
export const CANVAS_BUDGET_MS = 9_000;
/** The one-shot API does triage and a create in one request. */
export const API_BUDGET_MS = 25_000;

export interface AppDeps {
  flows: FlowDeps;
  resolutions: Resolutions;
  activity: ActivityLog;
  logger: Logger;
  /** The Slack thread of each linked conversation, synced both ways. */
  threads: ThreadSync;
  secrets: {
    intercomClientSecrets: readonly string[];
    apiTokens: readonly string[];
    notionWebhookVerificationToken: string | null;
    slackSigningSecrets: readonly string[];
  };
  notionSchema: () => Promise<TicketSchema>;
  /** Keeps the token of Notion's verification request for the operator; returns where. */
  keepVerificationToken: (token: string) => Promise<string>;
  /** Bytes of unverified request bodies read at once, across routes (default 16 MB). */
  unauthenticatedBodyBudgetBytes?: number;
  readiness: () => Promise<Readiness>;
  /** Extra links for GET / (the sandbox adds its own). */
  homeLinks?: HomeLink[];
  /** Extra routes mounted before the app's own (the sandbox fakes and simulator). */
  mount?: (app: Hono) => void;
}

/** The HTTP app. Everything it uses is passed in: tests build it with their own dependencies. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const bodyBudget = new BodyBudget(deps.unauthenticatedBodyBudgetBytes ?? UNAUTHENTICATED_BODY_BUDGET_BYTES);
  // Mounted first, so the sandbox's fakes are not logged as if they were requests to the app.
  deps.mount?.(app);
  app.use('*', requestContext(deps.logger));
  app.onError((err, c) => errorResponse(err, c, deps.logger));
  app.notFound((c) =>
    errorResponse(new AppError('not_found', 404, `No route for ${c.req.method} ${c.req.path}.`), c, deps.logger),
  );

  app.route('/', homeRoutes(deps.homeLinks ?? []));
  app.route('/', healthRoutes(deps.readiness));
  app.route('/', activityRoutes(deps.activity, deps.secrets.apiTokens));

  app.use('/canvas/*', deadline(CANVAS_BUDGET_MS));
  app.route(
    '/canvas',
    canvasRoutes({ flows: deps.flows, activity: deps.activity, clientSecrets: deps.secrets.intercomClientSecrets, bodyBudget }),
  );

  app.use('/create-ticket', deadline(API_BUDGET_MS));
  app.route(
    '/',
    ticketApiRoutes({ flows: deps.flows, resolutions: deps.resolutions, activity: deps.activity, apiTokens: deps.secrets.apiTokens }),
  );

  app.route(
    '/webhooks',
    notionWebhookRoutes({
      resolutions: deps.resolutions,
      schema: deps.notionSchema,
      verificationToken: deps.secrets.notionWebhookVerificationToken,
      apiTokens: deps.secrets.apiTokens,
      background: deps.flows.background,
      events: deps.flows.webhookEvents,
      logger: deps.logger,
      bodyBudget,
      keepVerificationToken: deps.keepVerificationToken,
    }),
  );
  app.route(
    '/webhooks',
    intercomWebhookRoutes({ threads: deps.threads, events: deps.flows.webhookEvents, clientSecrets: deps.secrets.intercomClientSecrets, logger: deps.logger, bodyBudget }),
  );
  app.route('/webhooks', slackWebhookRoutes({ threads: deps.threads, flows: deps.flows, signingSecrets: deps.secrets.slackSigningSecrets, bodyBudget }));
  return app;
}
