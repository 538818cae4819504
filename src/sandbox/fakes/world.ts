import { SANDBOX } from '../constants.js';
import { seedWorld, type SeedOption } from '../seed/seed-world.js';
import { CallCounter } from './calls.js';
import { Faults, type FaultSettingsPatch } from './faults.js';
import { AppDeliveries, type AppUrls } from './app-deliveries.js';
import { HeldResponses } from './gate.js';
import { IntercomFake } from './intercom/intercom-store.js';
import { DEFAULT_QUERY_RESULT_LIMIT } from './notion/notion-query.js';
import { NotionFake } from './notion/notion-store.js';
import { validationError } from './notion/notion-errors.js';
import { plainTextItems } from './notion/notion-values.js';
import type { TicketSnapshot } from './notion/notion-page.js';
import { NotionWebhooks, type WebhookDelivery, type WebhookTarget } from './notion/notion-webhooks.js';
import { SlackFake } from './slack/slack-store.js';
import { sandboxState, type SandboxState } from './sandbox-state.js';

/**
 * One sandbox: the Notion, Slack and Intercom fakes, their faults and request counts. The same
 * world serves the HTTP fakes (createFakesApp) and answers tests that look inside.
 */

export interface WorldOptions {
  /** Default 'demo'. */
  seed?: SeedOption;
  /** unique_id prefix of the tickets data source; default 'JMP'. */
  ticketPrefix?: string;
  /** Where status changes are delivered as signed Notion webhooks (the app's /webhooks/notion). */
  webhook?: WebhookTarget | null;
  webhookDelivery?: Partial<WebhookDelivery>;
  now?: () => Date;
  faults?: FaultSettingsPatch;
  /** Rows one Notion query returns at most before `request_status: incomplete`; default 10,000. */
  queryResultLimit?: number;
  /** Where Intercom webhooks and Slack events and interactions go (the app's origin). */
  app?: AppUrls | null;
}

export interface SandboxInfo {
  notion_database_id: string;
  notion_data_source_id: string;
  intercom_app_id: string;
  intercom_client_secret: string;
  slack_signing_secret: string;
  api_token: string;
  notion_webhook_verification_token: string;
  admin_id: string;
  conversation_ids: string[];
  token: string;
  ticket_prefix: string;
  slack_team_id: string;
  slack_team_url: string;
  slack_bot_user_id: string;
  /** Present when the fakes are served over HTTP: what to set *_BASE_URL / SLACK_API_URL to. */
  notion_base_url?: string;
  slack_api_url?: string;
  intercom_base_url?: string;
}

export class World {
  readonly notion: NotionFake;
  readonly slack: SlackFake;
  readonly intercom: IntercomFake;
  readonly webhooks: NotionWebhooks;
  readonly faults: Faults;
  readonly calls = new CallCounter();
  readonly held = new HeldResponses();
  /** Intercom webhooks, Slack events and interactions sent to the app. */
  readonly deliveries: AppDeliveries;
  readonly ticketPrefix: string;
  readonly #options: WorldOptions;
  readonly #clock: () => Date;
  #seed: SeedOption;

  constructor(options: WorldOptions = {}) {
    this.#options = options;
    this.#clock = options.now ?? (() => new Date());
    const nowMs = () => this.#clock().getTime();
    this.ticketPrefix = (options.ticketPrefix ?? 'JMP').toUpperCase();
    this.#seed = options.seed ?? 'demo';
    this.webhooks = new NotionWebhooks(options.webhook ?? null, nowMs);
    this.notion = new NotionFake(this.webhooks, nowMs);
    this.slack = new SlackFake(nowMs);
    this.intercom = new IntercomFake(nowMs);
    this.faults = new Faults(options.faults ?? {});
    this.deliveries = new AppDeliveries(options.app ?? null, { intercom: this.intercom, slack: this.slack }, nowMs);
    this.reset();
  }

  get seed(): SeedOption {
    return this.#seed;
  }

  now(): Date {
    return this.#clock();
  }

  /** Reseeds every service and restores the faults, delivery settings and counters it started with. */
  reset(seed: SeedOption = this.#seed): void {
    this.#seed = seed;
    this.held.releaseAll();
    this.notion.reset();
    this.slack.reset();
    this.intercom.reset();
    this.webhooks.reset();
    this.webhooks.configure(this.#options.webhookDelivery ?? {});
    this.deliveries.reset();
    this.notion.queryResultLimit = this.#options.queryResultLimit ?? DEFAULT_QUERY_RESULT_LIMIT;
    this.faults.reset();
    this.calls.reset();
    seedWorld(this, seed, { ticketPrefix: this.ticketPrefix, nowMs: this.#clock().getTime() });
  }

  /** Stops webhook deliveries and releases responses held by `timeout` faults. */
  dispose(): void {
    this.webhooks.dispose();
    this.deliveries.dispose();
    this.held.releaseAll();
  }

  /** Every ticket of the seeded data source, oldest first. */
  tickets(): TicketSnapshot[] {
    return this.notion.rows(SANDBOX.notionDataSourceId).map((p) => this.notion.snapshot(p));
  }

  /** By page id or ticket id ("JMP-12"). */
  ticket(key: string): TicketSnapshot | undefined {
    const page = this.notion.findPage(key, SANDBOX.notionDataSourceId);
    return page ? this.notion.snapshot(page) : undefined;
  }

  /** A person sets the ticket's Status in Notion; the webhook goes out as Notion would send it. */
  setStatus(key: string, status: string): TicketSnapshot {
    return this.notion.snapshot(this.notion.setStatus(key, status, SANDBOX.notionDataSourceId));
  }

  /** The tickets' Status options, in Notion's order. */
  statusOptions(): string[] {
    return this.#statusProperty()?.options.map((o) => o.name) ?? [];
  }

  /**
   * A person adds a ticket in Notion (the default Status unless one is given); Notion sends the
   * app `page.created`, as for any page made by hand.
   */
  addTicket(input: { title: string; description: string; status?: string }): TicketSnapshot {
    const status = this.#statusProperty();
    const option = input.status === undefined ? undefined : status?.options.find((o) => o.name === input.status);
    if (input.status !== undefined && !option) {
      throw validationError(`Status option "${input.status}" does not exist. Options: ${this.statusOptions().join(', ')}.`);
    }
    const page = this.notion.createRowAsPerson(SANDBOX.notionDataSourceId, {
      Title: plainTextItems(input.title),
      Description: plainTextItems(input.description),
      ...(status && option ? { [status.name]: option.id } : {}),
    });
    return this.notion.snapshot(page);
  }

  #statusProperty() {
    return this.notion.dataSource(SANDBOX.notionDataSourceId)?.properties.find((p) => p.type === 'status');
  }

  info(baseUrl?: string): SandboxInfo {
    const base = baseUrl?.replace(/\/+$/, '');
    return {
      notion_database_id: SANDBOX.notionDatabaseId,
      notion_data_source_id: SANDBOX.notionDataSourceId,
      intercom_app_id: SANDBOX.intercomAppId,
      intercom_client_secret: SANDBOX.intercomClientSecret,
      slack_signing_secret: SANDBOX.slackSigningSecret,
      api_token: SANDBOX.apiToken,
      notion_webhook_verification_token: SANDBOX.notionWebhookVerificationToken,
      admin_id: SANDBOX.adminId,
      conversation_ids: this.intercom.conversations().map((c) => c.id),
      token: SANDBOX.token,
      ticket_prefix: this.ticketPrefix,
      slack_team_id: SANDBOX.slackTeamId,
      slack_team_url: SANDBOX.slackTeamUrl,
      slack_bot_user_id: SANDBOX.slackBotUserId,
      ...(base
        ? { notion_base_url: `${base}/notion`, slack_api_url: `${base}/slack/api/`, intercom_base_url: `${base}/intercom` }
        : {}),
    };
  }

  /** What the inbox simulator draws: tickets (the most recently edited first), channels, conversations. */
  state(options: { tickets?: number } = {}): SandboxState {
    return sandboxState(this, options.tickets ?? 200);
  }
}

export function createWorld(options: WorldOptions = {}): World {
  return new World(options);
}
