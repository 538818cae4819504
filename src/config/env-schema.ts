import { z } from 'zod';

/**
 * Every environment variable the app reads, with its default and the hint printed when it is
 * missing or wrong. README's configuration table follows this file; keep them in step.
 */

const list = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const url = z.url({ protocol: /^https?$/ });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/**
 * The thinking levels of @google/genai's ThinkingLevel enum (its THINKING_LEVEL_UNSPECIFIED aside),
 * in the lower case Google's docs use; a test keeps the two in step.
 */
export const GEMINI_THINKING_LEVELS = ['minimal', 'low', 'medium', 'high'] as const;
export type GeminiThinkingLevel = (typeof GEMINI_THINKING_LEVELS)[number];

export const REQUIRED_CREDENTIALS = [
  'INTERCOM_API_KEY',
  'INTERCOM_APP_ID',
  'INTERCOM_ADMIN_ID',
  'INTERCOM_CLIENT_SECRET',
  'NOTION_API_KEY',
  'NOTION_DATABASE_ID',
  'SLACK_API_TOKEN',
  'API_TOKEN',
] as const;

/** Where to find each required value, shown when it is missing. */
export const HINTS: Record<string, string> = {
  INTERCOM_API_KEY: 'Intercom Developer Hub > your app > Authentication > Access token',
  INTERCOM_APP_ID: 'the workspace id in your Intercom URL: app.intercom.com/a/apps/<INTERCOM_APP_ID>/…',
  INTERCOM_ADMIN_ID: 'the teammate the app writes as; `npm run doctor` lists the admins your token can see',
  INTERCOM_CLIENT_SECRET:
    'Developer Hub > your app > Basic information > Client secret (comma-separate several while rotating)',
  NOTION_API_KEY: 'notion.so/profile/integrations > your integration > Internal Integration Secret',
  NOTION_DATABASE_ID: 'the tickets database URL or id; create one with `npm run setup -- notion --parent <page>`',
  SLACK_API_TOKEN: 'api.slack.com/apps > your app > OAuth & Permissions > Bot User OAuth Token (xoxb-…)',
  API_TOKEN: 'any long random string, e.g. `openssl rand -hex 32`; callers of /create-ticket and /ticket-done send it',
  GOOGLE_GEMINI_API_KEY: 'aistudio.google.com/apikey (optional: without it the offline triager decides)',
  NOTION_WEBHOOK_VERIFICATION_TOKEN: 'sent once by Notion to /webhooks/notion when you create the subscription',
  SLACK_SIGNING_SECRET:
    'api.slack.com/apps > your app > Basic Information > App Credentials > Signing Secret (comma-separate two while rotating)',
  DATABASE_URL: 'postgres://user:password@host:5432/dbname (optional: without it the store is PGlite in STATE_DIR)',
  PUBLIC_URL: 'the HTTPS URL Intercom, Notion and Slack reach this server at, e.g. https://tickets.example.com',
};

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(3000),
  PUBLIC_URL: optional(url),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  STATE_DIR: z.string().min(1).default('.data'),
  /** PostgreSQL for the store; without it the store is PGlite in STATE_DIR. */
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),

  INTERCOM_API_KEY: z.string().min(1),
  INTERCOM_APP_ID: z.string().regex(/^[a-z0-9]+$/i, 'letters and digits only, e.g. abc123de'),
  INTERCOM_ADMIN_ID: z.string().regex(/^\d+$/, 'a numeric admin id'),
  INTERCOM_CLIENT_SECRET: list,
  INTERCOM_API_BASE_URL: optional(url),

  NOTION_API_KEY: z.string().min(1),
  NOTION_DATABASE_ID: z.string().min(1),
  NOTION_API_BASE_URL: optional(url),
  NOTION_WEBHOOK_VERIFICATION_TOKEN: optional(z.string().min(1)),
  NOTION_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(3),
  NOTION_PROP_ID: z.string().min(1).default('ID'),
  NOTION_PROP_TITLE: z.string().min(1).default('Title'),
  NOTION_PROP_DESCRIPTION: z.string().min(1).default('Description'),
  NOTION_PROP_CONVERSATIONS: z.string().min(1).default('Intercom Conversations'),
  NOTION_PROP_SLACK_CHANNEL: z.string().min(1).default('Slack Channel'),
  NOTION_PROP_STATUS: z.string().min(1).default('Status'),
  NOTION_PROP_RESOLUTION_NOTIFIED: z.string().min(1).default('Resolution Notified'),
  NOTION_PROP_CUSTOMER_REPORTS: z.string().min(1).default('Customer Reports'),
  NOTION_STATUS_DONE: z.string().min(1).default('Done'),
  NOTION_STATUS_NEW: optional(z.string().min(1)),

  SLACK_API_TOKEN: z.string().min(1),
  SLACK_API_URL: optional(url),
  SLACK_SIGNING_SECRET: optional(list),
  INTERCOM_TO_SLACK: z.enum(['all', 'customer', 'off']).default('all'),

  GOOGLE_GEMINI_API_KEY: optional(z.string().min(1)),
  GEMINI_MODEL: z.string().min(1).default('gemini-3.5-flash'),
  GEMINI_API_BASE_URL: optional(url),
  /** Gemini 3 models only; older ones keep temperature 0 and their own thinking. */
  GEMINI_THINKING_LEVEL: z.enum(GEMINI_THINKING_LEVELS).default('low'),
  TRIAGE_TIMEOUT_MS: int(500, 30_000).default(4000),
  /** Per-attempt timeout of every Intercom, Notion and Slack call. */
  HTTP_TIMEOUT_MS: int(100, 120_000).default(10_000),
  TRIAGE_CANDIDATES: int(1, 50).default(10),
  /** The ticket database's language; only those the triage can tell a conversation's language in. */
  TICKET_LANGUAGE: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['en', 'de'], { error: 'en or de (the languages the offline triager can tell apart), e.g. TICKET_LANGUAGE=en' }).default('en'),
  ),

  API_TOKEN: list.pipe(z.array(z.string().min(16, 'at least 16 characters'))),
  TICKET_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,9}$/, 'a letter then up to 9 letters or digits, e.g. JMP')
    .default('JMP'),

  DONE_INTERCOM_MESSAGE_TYPE: z.enum(['comment', 'note']).default('comment'),
  DONE_REOPEN_CONVERSATION: bool.default(false),
  /** How long a Done must hold before anyone is told: a ticket flapping Done ⇄ In progress is announced once. */
  DONE_SETTLE_SECONDS: int(0, 3600).default(60),
  DONE_MESSAGE_TEMPLATE: z
    .string()
    .min(1)
    .default('Good news: the issue you reported ({ticket_id}: {title}) has been resolved. Thank you for your patience!'),
  SWEEP_INTERVAL_MINUTES: z.coerce.number().positive().max(1440).default(5),
  SWEEP_LOOKBACK_HOURS: z.coerce.number().positive().max(24 * 90).default(168),
  INDEX_REFRESH_SECONDS: z.coerce.number().positive().max(3600).default(60),
  INDEX_FULL_RESYNC_HOURS: z.coerce.number().positive().max(24 * 30).default(6),
  /** How long GET /activity keeps an operation (in the store). */
  ACTIVITY_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(14),
  /**
   * On SIGTERM, how long /readyz says 503 while requests are still served, before the server stops
   * accepting: a load balancer's health check takes the replica out first, so none is refused.
   */
  SHUTDOWN_DRAIN_SECONDS: int(0, 300).default(5),
  SLACK_DIRECTORY_REFRESH_MINUTES: z.coerce.number().positive().max(1440).default(30),
});

export type Env = z.infer<typeof envSchema>;
