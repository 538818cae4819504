import { type ConversationThread, NOTICE_PREFIX, type PendingWork, type RecordStatus, type SyncRecord, type ThreadStore } from '../threads/thread-store.js';
import type { Sql } from './sql.js';

interface ThreadRow {
  conversation_id: string;
  page_id: string;
  channel_id: string;
  root_ts: string;
  opened_at: number;
  status: ConversationThread['status'];
  edits_seen: boolean;
}

interface RecordRow {
  key: string;
  status: RecordStatus;
  attempts: number;
  intent_at: Date | null;
  fingerprint: string | null;
  target_id: string | null;
  last_error: string | null;
}

interface WorkRow {
  key: string;
  version: number;
  data: Record<string, string>;
  since: Date;
}

const THREAD_COLUMNS = 'conversation_id, page_id, channel_id, root_ts, opened_at, status, edits_seen';

/**
 * The thread sync's ledger in SQL. Every change is one statement that reads and writes the row
 * (upserts, a version compared in the DELETE), so two replicas sharing the store never overwrite
 * each other's attempts, versions or merged work data.
 */
export class SqlThreadStore implements ThreadStore {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async saveThread(thread: ConversationThread): Promise<void> {
    await this.sql.query(
      `INSERT INTO thread_threads (${THREAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (conversation_id, page_id) DO UPDATE
         SET channel_id = $3, root_ts = $4, opened_at = $5, status = $6, edits_seen = $7`,
      [thread.conversationId, thread.pageId, thread.channelId, thread.rootTs, thread.openedAt, thread.status, thread.editsSeen],
    );
  }

  async threadsOfConversation(conversationId: string): Promise<ConversationThread[]> {
    const rows = await this.sql.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM thread_threads WHERE conversation_id = $1 ORDER BY opened_at, page_id`,
      [conversationId],
    );
    return rows.map(toThread);
  }

  async threadByRoot(channelId: string, rootTs: string): Promise<ConversationThread | null> {
    const [row] = await this.sql.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM thread_threads WHERE channel_id = $1 AND root_ts = $2 ORDER BY opened_at, page_id LIMIT 1`,
      [channelId, rootTs],
    );
    return row ? toThread(row) : null;
  }

  async noteEdits(channelId: string, rootTs: string): Promise<boolean> {
    const rows = await this.sql.query('UPDATE thread_threads SET edits_seen = true WHERE channel_id = $1 AND root_ts = $2 RETURNING page_id', [
      channelId,
      rootTs,
    ]);
    return rows.length > 0;
  }

  async record(key: string): Promise<SyncRecord | null> {
    const [row] = await this.sql.query<RecordRow>(
      'SELECT key, status, attempts, intent_at, fingerprint, target_id, last_error FROM thread_records WHERE key = $1',
      [key],
    );
    return row ? toRecord(row) : null;
  }

  async intent(key: string, fingerprint: string | null): Promise<void> {
    await this.sql.query(
      `INSERT INTO thread_records (key, status, attempts, intent_at, fingerprint, written_at) VALUES ($1, 'in_doubt', 1, $2, $3, $2)
       ON CONFLICT (key) DO UPDATE SET status = 'in_doubt', attempts = thread_records.attempts + 1, intent_at = $2, fingerprint = $3,
         last_error = NULL, written_at = $2`,
      [key, this.now().toISOString(), fingerprint],
    );
  }

  async sent(key: string, targetId: string | null): Promise<void> {
    await this.sql.query(
      `INSERT INTO thread_records (key, status, attempts, target_id, written_at) VALUES ($1, 'sent', 0, $2, $3)
       ON CONFLICT (key) DO UPDATE SET status = 'sent', target_id = $2, last_error = NULL, written_at = $3`,
      [key, targetId, this.now().toISOString()],
    );
  }

  async failed(key: string, error: string, outcome: 'failed' | 'in_doubt' | 'gave_up'): Promise<void> {
    await this.sql.query(
      `INSERT INTO thread_records (key, status, attempts, last_error, written_at) VALUES ($1, $2, 0, $3, $4)
       ON CONFLICT (key) DO UPDATE SET status = $2, last_error = $3, written_at = $4`,
      [key, outcome, error, this.now().toISOString()],
    );
  }

  async isTarget(targetId: string): Promise<boolean> {
    const rows = await this.sql.query('SELECT 1 AS found FROM thread_records WHERE target_id = $1 LIMIT 1', [targetId]);
    return rows.length > 0;
  }

  async addWork(key: string, data: Record<string, string> = {}): Promise<number> {
    const [row] = await this.sql.query<{ version: number }>(
      `INSERT INTO thread_work (key, version, data, since) VALUES ($1, 1, $2::jsonb, $3)
       ON CONFLICT (key) DO UPDATE SET version = thread_work.version + 1, data = thread_work.data || EXCLUDED.data
       RETURNING version`,
      [key, JSON.stringify(data), this.now().toISOString()],
    );
    return row!.version;
  }

  async work(key: string): Promise<PendingWork | null> {
    const [row] = await this.sql.query<WorkRow>('SELECT key, version, data, since FROM thread_work WHERE key = $1', [key]);
    return row ? toWork(row) : null;
  }

  async finishWork(key: string, version: number): Promise<boolean> {
    const rows = await this.sql.query('DELETE FROM thread_work WHERE key = $1 AND version = $2 RETURNING key', [key, version]);
    return rows.length > 0;
  }

  async pendingWork(): Promise<PendingWork[]> {
    const rows = await this.sql.query<WorkRow>('SELECT key, version, data, since FROM thread_work ORDER BY since, key');
    return rows.map(toWork);
  }

  async prune(before: Date): Promise<{ records: number; droppedWork: string[] }> {
    const at = before.toISOString();
    // A notice's key ends with its thread's channel and root: kept while that thread is linked.
    const records = await this.sql.query(
      `DELETE FROM thread_records r WHERE r.written_at < $1
         AND NOT (starts_with(r.key, $2) AND EXISTS (
           SELECT 1 FROM thread_threads t
           WHERE t.status = 'linked' AND right(r.key, length(t.channel_id) + length(t.root_ts) + 2) = ':' || t.channel_id || ':' || t.root_ts))
       RETURNING r.key`,
      [at, NOTICE_PREFIX],
    );
    const work = await this.sql.query<{ key: string }>('DELETE FROM thread_work WHERE since < $1 RETURNING key', [at]);
    return { records: records.length, droppedWork: work.map((w) => w.key) };
  }
}

function toThread(row: ThreadRow): ConversationThread {
  return {
    conversationId: row.conversation_id,
    pageId: row.page_id,
    channelId: row.channel_id,
    rootTs: row.root_ts,
    openedAt: Number(row.opened_at),
    status: row.status,
    editsSeen: row.edits_seen,
  };
}

function toRecord(row: RecordRow): SyncRecord {
  return {
    key: row.key,
    status: row.status,
    attempts: row.attempts,
    intentAt: row.intent_at?.toISOString() ?? null,
    fingerprint: row.fingerprint,
    targetId: row.target_id,
    lastError: row.last_error,
  };
}

function toWork(row: WorkRow): PendingWork {
  return { key: row.key, version: row.version, data: row.data, since: row.since.toISOString() };
}
