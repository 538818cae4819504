import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { PanelReads } from './flows/panel-reads.js';
import { verificationTokenFile } from './setup/verification-token-file.js';
import { type Config, secretsOf } from './config/load-config.js';
import { IN_FLIGHT_MARGIN_MS } from './delivery/in-flight.js';
import { DeliveryJournal } from './delivery/journal.js';
import { importJsonlJournal } from './delivery/jsonl-import.js';
import { isAppError } from './errors.js';
import { TicketIndex } from './domain/triage/ticket-index.js';
import { ConversationWriter } from './flows/conversation-writer.js';
import { DoneSettle } from './flows/done-settle.js';
import { IntercomWorkspace } from './flows/intercom-workspace.js';
import type { FlowDeps } from './flows/deps.js';
import { Resolutions } from './flows/resolutions.js';
import { ThreadSync } from './flows/threads/thread-sync.js';
import { ActivityLog } from './observability/activity.js';
import { runInBackground } from './observability/context.js';
import { createLogger, type Logger } from './observability/logger.js';
import { EmailLookup } from './people/email-lookup.js';
import { SlackDirectory } from './people/slack-directory.js';
import { TeammateDirectory } from './people/teammate-directory.js';
import type { TicketSchema } from './ports.js';
import type { HomeLink } from './routes/home.js';
import { createGeminiTriageModel } from './services/gemini/gemini-triage-model.js';
import { RateLimiter, type RequestEvent } from './services/http/service-fetch.js';
import { createIntercomInbox } from './services/intercom/intercom-inbox.js';
import { createNotionTicketStore } from './services/notion/notion-ticket-store.js';
import { createSlackChat } from './services/slack/slack-chat.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { TicketSync } from './sync/ticket-sync.js';
import { BackgroundLeader, type LeaderOptions } from './util/background-leader.js';
import { BackgroundTasks } from './util/background-tasks.js';

export interface RuntimeOptions {
  logger?: Logger;
  /** Extra routes (the sandbox). */
  mount?: (app: Hono) => void;
  homeLinks?: HomeLink[];
  /** Sees every HTTP request the SDKs make (the benchmark counts them). */
  onRequest?: (event: RequestEvent) => void;
  /** The store to use instead of opening one from the config (tests: memoryStore()). */
  store?: Store;
  /** Replaces the Notion rate limiter (the benchmark compresses its clock). */
  notionLimiter?: RateLimiter;
  now?: () => Date;
  /** The background lease's timings and this process's holder id (tests), and how often the index reads the snapshot's changes. */
  background?: LeaderOptions & { indexFollowMs?: number; firstSweepDelayMs?: number };
}

export interface Runtime {
  app: Hono;
  config: Config;
  logger: Logger;
  flows: FlowDeps;
  resolutions: Resolutions;
  sync: TicketSync;
  activity: ActivityLog;
  store: Store;
  /** Which replica on the store does the background work (sweeps, pruning, polling Notion). */
  leader: BackgroundLeader;
  /** Checks the Notion schema, then loads the index, the Slack directory and starts the sweep. */
  start(): Promise<void>;
  /** Shutting down: /readyz fails from now on, so a load balancer stops sending requests here. */
  beginDrain(): void;
  /** Stops timers and waits (bounded) for background work. */
  stop(timeoutMs?: number): Promise<void>;
}

/** /readyz waits this long for the store to answer before calling it unavailable. */
const STORE_CHECK_TIMEOUT_MS = 2000;

/** How often the store deletes what is past its retention. */
const PRUNE_INTERVAL_MS = 3_600_000;

/** Shutdown waits this long for in-flight background work (messages being sent). */
const DRAIN_MS = 10_000;
/** The first sweep waits a little: webhooks delivered while we were down arrive first. */
const FIRST_SWEEP_DELAY_MS = 15_000;

/** Builds the whole app from its configuration: adapters, caches, flows, routes. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const now = options.now ?? (() => new Date());
  const onRequest = options.onRequest;

  const workspace = new IntercomWorkspace(config.intercom.appId, config.intercom.baseUrl);
  const tickets = createNotionTicketStore({
    apiKey: config.notion.apiKey,
    baseUrl: config.notion.baseUrl,
    databaseId: config.notion.databaseId,
    properties: config.notion.properties,
    statusDone: config.notion.statusDone,
    statusNew: config.notion.statusNew,
    intercomAppId: config.intercom.appId,
    intercomAppOrigin: () => workspace.appOrigin(),
    limiter: options.notionLimiter ?? new RateLimiter(config.notion.requestsPerSecond),
    timeoutMs: config.httpTimeoutMs,
    onRequest,
    logger,
  });
  const chat = createSlackChat({ token: config.slack.token, apiUrl: config.slack.apiUrl, timeoutMs: config.httpTimeoutMs, onRequest, logger });
  const inbox = createIntercomInbox({
    token: config.intercom.apiKey,
    baseUrl: config.intercom.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    onRequest,
    logger,
  });
  const model = config.gemini.apiKey
    ? createGeminiTriageModel({
        apiKey: config.gemini.apiKey,
        model: config.gemini.model,
        thinkingLevel: config.gemini.thinkingLevel,
        baseUrl: config.gemini.baseUrl,
        timeoutMs: config.triage.timeoutMs,
        logger,
        onRequest,
      })
    : null;

  const index = new TicketIndex();
  const store = options.store ?? (await openStore(config, logger, now));
  const imported = store.kind === 'memory' ? null : await importJsonlJournal(join(config.stateDir, 'deliveries.jsonl'), store.journal);
  if (imported) logger.info(imported, 'imported the JSONL delivery journal into the store (renamed to deliveries.jsonl.imported)');
  const journal = await DeliveryJournal.open(store.journal, now);
  const background = new BackgroundTasks(logger);
  const slackDirectory = new SlackDirectory(chat, logger, config.slackDirectoryRefreshMs, store.people, now);
  const flows: FlowDeps = {
    settings: {
      intercom: workspace,
      adminId: config.intercom.adminId,
      triage: config.triage,
      done: config.done,
      intercomToSlack: config.intercomToSlack,
      inFlightMs: config.httpTimeoutMs + IN_FLIGHT_MARGIN_MS,
    },
    tickets,
    chat,
    inbox,
    model,
    index,
    conversations: new ConversationWriter(tickets, index, store.locks),
    panelReads: new PanelReads(tickets, index),
    teammates: new TeammateDirectory(inbox),
    slackDirectory,
    emailLookup: new EmailLookup(chat, () => now().getTime(), store.people),
    journal,
    doneSettle: new DoneSettle(config.done.settleMs, now),
    threadStore: store.threads,
    webhookEvents: store.events,
    threadEvents: null,
    locks: store.locks,
    creations: store.creations,
    setupGaps: store.setupGaps,
    background,
    logger,
    now,
  };
  const threads = new ThreadSync(flows);
  flows.threadEvents = threads;
  const activity = new ActivityLog({
    store: store.activity,
    onError: (err) => logger.warn({ err }, 'activity log: an operation could not be stored'),
  });
  const resolutions = new Resolutions(flows, activity);
  const leader = new BackgroundLeader(store.leases, logger, options.background);
  const leads = () => leader.isLeader();
  const sync = new TicketSync(tickets, index, logger, {
    ...config.index,
    snapshot: store.tickets,
    polls: leads,
    follows: store.kind !== 'pglite',
    followIntervalMs: options.background?.indexFollowMs,
  });
  const firstSweepDelayMs = options.background?.firstSweepDelayMs ?? FIRST_SWEEP_DELAY_MS;

  let schema: TicketSchema | null = null;
  let draining = false;
  const app = createApp({
    flows,
    resolutions,
    activity,
    logger,
    threads,
    secrets: {
      intercomClientSecrets: config.intercom.clientSecrets,
      apiTokens: config.apiTokens,
      notionWebhookVerificationToken: config.notion.webhookVerificationToken,
      slackSigningSecrets: config.slack.signingSecrets,
    },
    notionSchema: () => tickets.schema(),
    keepVerificationToken: verificationTokenFile(config.stateDir),
    readiness: async () => {
      const storeCheck = await checkStore(store);
      return {
        ready: !draining && schema !== null && index.complete && storeCheck === 'ok',
        checks: {
          ...(draining ? { shutdown: 'draining: this process is stopping' } : {}),
          config: 'ok',
          store: storeCheck,
          notion_schema: schema ? 'ok' : 'not checked yet',
          ticket_index: {
            complete: index.complete,
            tickets: index.size,
            from_snapshot: sync.stats.snapshotTickets !== null,
            last_error: sync.stats.lastError,
          },
          slack_directory: slackDirectory.users() ? 'loaded' : 'loading',
          background: leads() ? 'leader' : 'follower',
        },
      };
    },
    homeLinks: options.homeLinks,
    mount: options.mount,
  });

  const stoppers: Array<() => void> = [];
  return {
    app,
    config,
    logger,
    flows,
    resolutions,
    sync,
    activity,
    store,
    leader,
    async start() {
      schema = await checkSchema(() => tickets.schema(), logger);
      // Whoever leads (now, or later when the leader dies or stops) first does what a start did:
      // the sweeps of what is left over and a prune; the index catches up with Notion.
      let firstSweep: NodeJS.Timeout | undefined;
      leader.onGain(() => {
        clearTimeout(firstSweep);
        firstSweep = setTimeout(() => {
          if (leads()) background.start('sweep', () => resolutions.sweep());
        }, firstSweepDelayMs);
        firstSweep.unref();
        threads.leadershipGained();
        prune(store, now, logger);
        sync.leadershipGained();
      });
      leader.onLoss(() => clearTimeout(firstSweep));
      stoppers.push(() => clearTimeout(firstSweep));
      // Awaited: the index sync must know whether it asks Notion before it starts.
      await leader.start();
      void sync.start();
      void slackDirectory.start();
      // The first create would otherwise wait for GET /admins before it can look up emails.
      background.start('teammates', () => runInBackground('teammates', () => flows.teammates.resolve([])));
      stoppers.push(resolutions.startSweeping(config.done.sweepIntervalMs, leads));
      threads.start(leads);
      stoppers.push(() => threads.stop());
      stoppers.push(pruneEvery(store, PRUNE_INTERVAL_MS, now, logger, leads));
      if (config.slack.signingSecrets.length === 0) {
        logger.warn('SLACK_SIGNING_SECRET is not set: Slack events are refused, so replies in Slack threads do not reach Intercom');
      }
      if (!config.notion.webhookVerificationToken) {
        logger.warn('NOTION_WEBHOOK_VERIFICATION_TOKEN is not set: Notion integration webhooks are refused; the sweep still announces Done tickets');
      }
    },
    beginDrain() {
      draining = true;
    },
    async stop(timeoutMs = DRAIN_MS) {
      for (const stop of stoppers) stop();
      // Released at once, so another replica takes the background work at its next try.
      const released = leader.stop();
      const synced = sync.stop();
      slackDirectory.stop();
      resolutions.stop();
      const drained = await background.drain(timeoutMs);
      if (!drained) logger.warn({ running: background.size }, 'shutdown: background work still running, stopping anyway');
      await synced;
      await released;
      await store.close();
    },
  };
}

/** 'ok', or why the store did not answer (PostgreSQL down, the PGlite process restarting). */
async function checkStore(store: Store): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORE_CHECK_TIMEOUT_MS} ms`)), STORE_CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([store.check(), timeout]);
    return 'ok';
  } catch (err) {
    return `${store.kind}: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Prunes every `intervalMs` while `leads()` (one replica is enough); the leader also prunes when it gains the lease. */
function pruneEvery(store: Store, intervalMs: number, now: () => Date, logger: Logger, leads: () => boolean): () => void {
  const timer = setInterval(() => {
    if (leads()) prune(store, now, logger);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function prune(store: Store, now: () => Date, logger: Logger): void {
  void store.prune(now()).catch((err: unknown) => logger.warn({ err }, 'store: pruning failed; retrying in an hour'));
}

/**
 * The schema must be right before anything is written: a misconfiguration (wrong database, not
 * shared, a missing property) stops start-up with its fix; Notion being unreachable is waited out.
 */
async function checkSchema(load: () => Promise<TicketSchema>, logger: Logger): Promise<TicketSchema> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (err) {
      if (!isAppError(err) || !err.code.startsWith('upstream_') || err.details?.failure === 'rejected') throw err;
      const delay = Math.min(30_000, 1000 * 2 ** attempt);
      logger.warn({ err: err.message, retry_in_ms: delay }, 'Notion is not reachable yet; retrying');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
