import { extractDatabaseId } from '@notionhq/client';
import { envSchema, HINTS, REQUIRED_CREDENTIALS, type Env, type GeminiThinkingLevel } from './env-schema.js';

export interface NotionPropertyNames {
  id: string;
  title: string;
  description: string;
  conversations: string;
  slackChannel: string;
  status: string;
  resolutionNotified: string;
  /** Optional in the data source: without it, no customer excerpts are kept (setup adds it). */
  customerReports: string;
}

/** The app's settings, read once at start-up. Nothing else reads process.env. */
export interface Config {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  publicUrl: string | null;
  logLevel: Env['LOG_LEVEL'];
  stateDir: string;
  /** PostgreSQL connection string; null: PGlite in STATE_DIR. */
  databaseUrl: string | null;
  /** How long the activity log keeps an operation. */
  activityRetentionMs: number;
  apiTokens: string[];
  ticketPrefix: string;
  intercom: {
    apiKey: string;
    appId: string;
    adminId: string;
    clientSecrets: string[];
    baseUrl: string | null;
  };
  notion: {
    apiKey: string;
    databaseId: string;
    baseUrl: string | null;
    webhookVerificationToken: string | null;
    requestsPerSecond: number;
    properties: NotionPropertyNames;
    statusDone: string;
    statusNew: string | null;
  };
  slack: { token: string; apiUrl: string | null; signingSecrets: string[] };
  /** Which Intercom messages are mirrored into the conversation's Slack thread. */
  intercomToSlack: 'all' | 'customer' | 'off';
  gemini: { apiKey: string | null; model: string; baseUrl: string | null; thinkingLevel: GeminiThinkingLevel };
  /** `ticketLanguage`: the ticket database's language (TICKET_LANGUAGE); offline drafts in another are flagged. */
  triage: { timeoutMs: number; candidates: number; ticketLanguage: 'en' | 'de' };
  /** Per-attempt timeout of Intercom, Notion and Slack calls. */
  httpTimeoutMs: number;
  done: {
    messageType: 'comment' | 'note';
    reopen: boolean;
    template: string;
    /** A Done must hold this long before it is announced (0: at once). */
    settleMs: number;
    sweepIntervalMs: number;
    sweepLookbackMs: number;
  };
  index: { refreshIntervalMs: number; fullResyncIntervalMs: number };
  slackDirectoryRefreshMs: number;
  /** SIGTERM: how long /readyz fails while requests are still served (SHUTDOWN_DRAIN_SECONDS). */
  shutdownDrainMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type EnvSource = Record<string, string | undefined>;

/** True when none of the service credentials is set: the sandbox can take over. */
export function hasNoCredentials(env: EnvSource): boolean {
  return REQUIRED_CREDENTIALS.every((name) => !env[name]?.trim());
}

/** Validates the environment; throws ConfigError naming every bad variable and how to fix it. */
export function loadConfig(env: EnvSource): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      return configProblem(name, env[name], issue.message);
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  const databaseId = extractDatabaseId(e.NOTION_DATABASE_ID);
  if (!databaseId) throw new ConfigError([configProblem('NOTION_DATABASE_ID', e.NOTION_DATABASE_ID, NOT_A_DATABASE_ID)]);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    logLevel: e.LOG_LEVEL,
    stateDir: e.STATE_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    activityRetentionMs: e.ACTIVITY_RETENTION_DAYS * 24 * 3_600_000,
    apiTokens: e.API_TOKEN,
    ticketPrefix: e.TICKET_PREFIX.toUpperCase(),
    intercom: {
      apiKey: e.INTERCOM_API_KEY,
      appId: e.INTERCOM_APP_ID,
      adminId: e.INTERCOM_ADMIN_ID,
      clientSecrets: e.INTERCOM_CLIENT_SECRET,
      baseUrl: e.INTERCOM_API_BASE_URL ?? null,
    },
    notion: {
      apiKey: e.NOTION_API_KEY,
      databaseId,
      baseUrl: e.NOTION_API_BASE_URL ?? null,
      webhookVerificationToken: e.NOTION_WEBHOOK_VERIFICATION_TOKEN ?? null,
      requestsPerSecond: e.NOTION_REQUESTS_PER_SECOND,
      properties: {
        id: e.NOTION_PROP_ID,
        title: e.NOTION_PROP_TITLE,
        description: e.NOTION_PROP_DESCRIPTION,
        conversations: e.NOTION_PROP_CONVERSATIONS,
        slackChannel: e.NOTION_PROP_SLACK_CHANNEL,
        status: e.NOTION_PROP_STATUS,
        resolutionNotified: e.NOTION_PROP_RESOLUTION_NOTIFIED,
        customerReports: e.NOTION_PROP_CUSTOMER_REPORTS,
      },
      statusDone: e.NOTION_STATUS_DONE,
      statusNew: e.NOTION_STATUS_NEW ?? null,
    },
    slack: { token: e.SLACK_API_TOKEN, apiUrl: e.SLACK_API_URL ?? null, signingSecrets: e.SLACK_SIGNING_SECRET ?? [] },
    intercomToSlack: e.INTERCOM_TO_SLACK,
    gemini: {
      apiKey: e.GOOGLE_GEMINI_API_KEY ?? null,
      model: e.GEMINI_MODEL,
      baseUrl: e.GEMINI_API_BASE_URL ?? null,
      thinkingLevel: e.GEMINI_THINKING_LEVEL,
    },
    triage: { timeoutMs: e.TRIAGE_TIMEOUT_MS, candidates: e.TRIAGE_CANDIDATES, ticketLanguage: e.TICKET_LANGUAGE },
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    done: {
      messageType: e.DONE_INTERCOM_MESSAGE_TYPE,
      reopen: e.DONE_REOPEN_CONVERSATION,
      template: e.DONE_MESSAGE_TEMPLATE,
      settleMs: e.DONE_SETTLE_SECONDS * 1000,
      sweepIntervalMs: e.SWEEP_INTERVAL_MINUTES * 60_000,
      sweepLookbackMs: e.SWEEP_LOOKBACK_HOURS * 3_600_000,
    },
    index: {
      refreshIntervalMs: e.INDEX_REFRESH_SECONDS * 1000,
      fullResyncIntervalMs: e.INDEX_FULL_RESYNC_HOURS * 3_600_000,
    },
    slackDirectoryRefreshMs: e.SLACK_DIRECTORY_REFRESH_MINUTES * 60_000,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000,
  };
}

export const NOT_A_DATABASE_ID = 'not a Notion database id or URL';

/** How a bad variable is reported, at start-up and by the doctor: what is wrong and where to look. */
export function configProblem(name: string, value: string | undefined, message: string): string {
  const missing = value === undefined || value.trim() === '';
  const hint = HINTS[name];
  return `${name} ${missing ? 'is not set' : `is invalid (${message})`}${hint ? `. Set it to ${hint}.` : '.'}`;
}

/** Every secret value in the config, for log scrubbing. */
export function secretsOf(config: Config): string[] {
  return [
    config.intercom.apiKey,
    ...config.intercom.clientSecrets,
    config.notion.apiKey,
    config.notion.webhookVerificationToken ?? '',
    config.slack.token,
    ...config.slack.signingSecrets,
    config.gemini.apiKey ?? '',
    ...config.apiTokens,
    passwordOf(config.databaseUrl),
  ].filter(Boolean);
}

function passwordOf(databaseUrl: string | null): string {
  if (!databaseUrl) return '';
  return decodeURIComponent(new URL(databaseUrl).password);
}
