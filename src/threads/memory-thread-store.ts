import { type ConversationThread, NOTICE_PREFIX, type PendingWork, type SyncRecord, type ThreadStore } from './thread-store.js';

/** The thread store in memory: the memory store's, for tests that do not restart (src/store/sql-thread-store.ts is the app's). */
export class MemoryThreadStore implements ThreadStore {
  readonly #threads = new Map<string, ConversationThread>();
  readonly #records = new Map<string, SyncRecord>();
  /** When each record was last written (ms), for the prune. */
  readonly #writtenAt = new Map<string, number>();
  readonly #targets = new Set<string>();
  readonly #work = new Map<string, PendingWork>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async saveThread(thread: ConversationThread): Promise<void> {
    this.#threads.set(threadKey(thread.conversationId, thread.pageId), { ...thread });
  }

  async threadsOfConversation(conversationId: string): Promise<ConversationThread[]> {
    return [...this.#threads.values()].filter((t) => t.conversationId === conversationId).map((t) => ({ ...t }));
  }

  async threadByRoot(channelId: string, rootTs: string): Promise<ConversationThread | null> {
    const thread = [...this.#threads.values()].find((t) => t.channelId === channelId && t.rootTs === rootTs);
    return thread ? { ...thread } : null;
  }

  async noteEdits(channelId: string, rootTs: string): Promise<boolean> {
    const thread = [...this.#threads.values()].find((t) => t.channelId === channelId && t.rootTs === rootTs);
    if (thread) thread.editsSeen = true;
    return thread !== undefined;
  }

  async record(key: string): Promise<SyncRecord | null> {
    const record = this.#records.get(key);
    return record ? { ...record } : null;
  }

  async intent(key: string, fingerprint: string | null): Promise<void> {
    const record = this.#records.get(key) ?? blank(key);
    this.#records.set(key, { ...record, status: 'in_doubt', attempts: record.attempts + 1, intentAt: this.now().toISOString(), fingerprint, lastError: null });
    this.#writtenAt.set(key, this.now().getTime());
  }

  async sent(key: string, targetId: string | null): Promise<void> {
    const record = this.#records.get(key) ?? blank(key);
    this.#records.set(key, { ...record, status: 'sent', targetId, lastError: null });
    this.#writtenAt.set(key, this.now().getTime());
    if (targetId) this.#targets.add(targetId);
  }

  async failed(key: string, error: string, outcome: 'failed' | 'in_doubt' | 'gave_up'): Promise<void> {
    const record = this.#records.get(key) ?? blank(key);
    this.#records.set(key, { ...record, status: outcome, lastError: error });
    this.#writtenAt.set(key, this.now().getTime());
  }

  async isTarget(targetId: string): Promise<boolean> {
    return this.#targets.has(targetId);
  }

  async addWork(key: string, data: Record<string, string> = {}): Promise<number> {
    const existing = this.#work.get(key);
    const work: PendingWork = existing
      ? { ...existing, version: existing.version + 1, data: { ...existing.data, ...data } }
      : { key, version: 1, data: { ...data }, since: this.now().toISOString() };
    this.#work.set(key, work);
    return work.version;
  }

  async work(key: string): Promise<PendingWork | null> {
    const work = this.#work.get(key);
    return work ? { ...work, data: { ...work.data } } : null;
  }

  async finishWork(key: string, version: number): Promise<boolean> {
    if (this.#work.get(key)?.version !== version) return false;
    this.#work.delete(key);
    return true;
  }

  async pendingWork(): Promise<PendingWork[]> {
    return [...this.#work.values()].map((w) => ({ ...w, data: { ...w.data } }));
  }

  async prune(before: Date): Promise<{ records: number; droppedWork: string[] }> {
    const linked = [...this.#threads.values()].filter((t) => t.status === 'linked');
    const keep = (key: string) => key.startsWith(NOTICE_PREFIX) && linked.some((t) => key.endsWith(`:${t.channelId}:${t.rootTs}`));
    let records = 0;
    for (const [key, at] of this.#writtenAt) {
      if (at >= before.getTime() || keep(key)) continue;
      const targetId = this.#records.get(key)?.targetId;
      if (targetId) this.#targets.delete(targetId);
      this.#records.delete(key);
      this.#writtenAt.delete(key);
      records += 1;
    }
    const droppedWork = [...this.#work.values()].filter((w) => Date.parse(w.since) < before.getTime()).map((w) => w.key);
    for (const key of droppedWork) this.#work.delete(key);
    return { records, droppedWork };
  }
}

function threadKey(conversationId: string, pageId: string): string {
  return `${conversationId}|${pageId}`;
}

function blank(key: string): SyncRecord {
  return { key, status: 'failed', attempts: 0, intentAt: null, fingerprint: null, targetId: null, lastError: null };
}
