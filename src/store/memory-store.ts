import type { JournalStore } from '../delivery/journal-store.js';
import type { Round, TargetState } from '../delivery/journal.js';
import { MemoryActivityStore } from '../observability/activity-store.js';
import { MemoryThreadStore } from '../threads/memory-thread-store.js';
import { MemoryPeopleCache } from '../people/people-cache.js';
import { THREAD_LEDGER_RETENTION_MS } from '../domain/threads/sync-window.js';
import { MemoryTicketSnapshot } from '../sync/ticket-snapshot.js';
import { WEBHOOK_EVENT_RETENTION_MS, type WebhookEvents } from '../webhooks/webhook-events.js';
import { KeyedLock } from '../util/keyed-lock.js';
import { MemoryLeases } from './leases.js';
import type { Store } from './store.js';
import { MemorySetupGaps } from './setup-gaps.js';
import { MemoryTicketCreations } from './ticket-creations.js';

/**
 * The store in memory, for tests that do not test the store: no database to start. A "restart"
 * in a test reopens the journal on the same MemoryStore and finds what was written. `now` is the
 * clock the thread ledger stamps intents and work with and leases run out by (the sandbox's, when
 * a test moves it).
 */
export function memoryStore({ activityRetentionMs = DEFAULT_ACTIVITY_RETENTION_MS, now = () => new Date() }: MemoryStoreOptions = {}): Store {
  const events = new MemoryWebhookEvents();
  const activity = new MemoryActivityStore();
  const tickets = new MemoryTicketSnapshot();
  const threads = new MemoryThreadStore(now);
  const people = new MemoryPeopleCache();
  return {
    kind: 'memory',
    journal: new MemoryJournalStore(),
    events,
    activity,
    threads,
    creations: new MemoryTicketCreations(),
    setupGaps: new MemorySetupGaps(),
    tickets,
    people,
    locks: new KeyedLock(),
    leases: new MemoryLeases(now),
    async prune(at) {
      events.prune(at);
      activity.prune(new Date(at.getTime() - activityRetentionMs));
      tickets.prune(at);
      await threads.prune(new Date(at.getTime() - THREAD_LEDGER_RETENTION_MS));
      await people.prune(at);
    },
    check: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

interface MemoryStoreOptions {
  activityRetentionMs?: number;
  now?: () => Date;
}

/** ACTIVITY_RETENTION_DAYS' default. */
const DEFAULT_ACTIVITY_RETENTION_MS = 14 * 24 * 3_600_000;

class MemoryWebhookEvents implements WebhookEvents {
  readonly #seen = new Map<string, number>();

  firstDelivery(key: string): Promise<boolean> {
    if (this.#seen.has(key)) return Promise.resolve(false);
    this.#seen.set(key, Date.now());
    return Promise.resolve(true);
  }

  seen(key: string): Promise<boolean> {
    return Promise.resolve(this.#seen.has(key));
  }

  prune(now: Date): void {
    for (const [key, at] of this.#seen) if (at < now.getTime() - WEBHOOK_EVENT_RETENTION_MS) this.#seen.delete(key);
  }
}

class MemoryJournalStore implements JournalStore {
  #installedAt: string | null = null;
  readonly #rounds = new Map<string, Round>();
  readonly #told = new Map<string, { pageId: string; target: string; at: string }>();

  installedAt(now: string): Promise<string> {
    this.#installedAt ??= now;
    return Promise.resolve(this.#installedAt);
  }

  load(): ReturnType<JournalStore['load']> {
    const rounds = [...this.#rounds.values()].map(copyRound);
    return Promise.resolve({ rounds, told: [...this.#told.values()] });
  }

  rounds(): Promise<Round[]> {
    return Promise.resolve([...this.#rounds.values()].map(copyRound));
  }

  loadTicket(pageId: string): ReturnType<JournalStore['loadTicket']> {
    const round = [...this.#rounds.values()].filter((r) => r.pageId === pageId).at(-1);
    const told = [...this.#told.values()].filter((t) => t.pageId === pageId).map(({ target, at }) => ({ target, at }));
    return Promise.resolve({ round: round ? copyRound(round) : null, told });
  }

  openRound(round: Round): Promise<void> {
    this.#rounds.set(round.id, copyRound(round));
    return Promise.resolve();
  }

  saveTarget(round: Round, target: string, state: TargetState, toldAt?: string): Promise<void> {
    this.#rounds.get(round.id)?.targets.set(target, { ...state });
    return toldAt ? this.markTold(round.pageId, target, toldAt) : Promise.resolve();
  }

  markTold(pageId: string, target: string, at: string): Promise<void> {
    this.#told.set(`${pageId} ${target}`, { pageId, target, at });
    return Promise.resolve();
  }

  closeRound(round: Round): Promise<void> {
    this.#rounds.delete(round.id);
    return Promise.resolve();
  }
}

function copyRound(round: Round): Round {
  return { ...round, targets: new Map([...round.targets].map(([k, s]) => [k, { ...s }])) };
}
