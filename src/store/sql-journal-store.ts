import type { JournalStore } from '../delivery/journal-store.js';
import type { Round, TargetState, TargetStatus } from '../delivery/journal.js';
import type { Sql } from './sql.js';

interface TargetRow {
  round_id: string;
  page_id: string;
  started_at: Date;
  target: string | null;
  status: TargetStatus | null;
  attempts: number | null;
  intent_at: Date | null;
  fingerprint: string | null;
  last_error: string | null;
}

/** The delivery journal in SQL: one row per open round, per target of an open round, per target last told. */
export class SqlJournalStore implements JournalStore {
  constructor(private readonly sql: Sql) {}

  async installedAt(now: string): Promise<string> {
    await this.sql.query("INSERT INTO store_meta (key, value) VALUES ('journal_created_at', $1) ON CONFLICT (key) DO NOTHING", [now]);
    const [row] = await this.sql.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'journal_created_at'");
    return row!.value;
  }

  async load(): ReturnType<JournalStore['load']> {
    const rounds = await this.rounds();
    const told = await this.sql.query<{ page_id: string; target: string; at: Date }>('SELECT page_id, target, at FROM delivery_told');
    return { rounds, told: told.map((r) => ({ pageId: r.page_id, target: r.target, at: r.at.toISOString() })) };
  }

  async rounds(): Promise<Round[]> {
    return roundsOf(await this.sql.query<TargetRow>(`${ROUNDS} ORDER BY r.started_at, r.id`));
  }

  async loadTicket(pageId: string): ReturnType<JournalStore['loadTicket']> {
    const rounds = roundsOf(await this.sql.query<TargetRow>(`${ROUNDS} WHERE r.page_id = $1 ORDER BY r.started_at, r.id`, [pageId]));
    const told = await this.sql.query<{ target: string; at: Date }>('SELECT target, at FROM delivery_told WHERE page_id = $1', [pageId]);
    return { round: rounds.at(-1) ?? null, told: told.map((r) => ({ target: r.target, at: r.at.toISOString() })) };
  }

  async openRound(round: Round): Promise<void> {
    await this.sql.query('INSERT INTO delivery_rounds (id, page_id, started_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
      round.id,
      round.pageId,
      round.startedAt,
    ]);
  }

  async saveTarget(round: Round, target: string, state: TargetState, toldAt?: string): Promise<void> {
    const upsert = (sql: Sql) =>
      sql.query(
        `INSERT INTO delivery_targets (round_id, target, status, attempts, intent_at, fingerprint, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (round_id, target) DO UPDATE SET status = $3, attempts = $4, intent_at = $5, fingerprint = $6, last_error = $7`,
        [round.id, target, state.status, state.attempts, state.intentAt, state.fingerprint, state.lastError],
      );
    if (!toldAt) {
      await upsert(this.sql);
      return;
    }
    await this.sql.transaction(async (tx) => {
      await upsert(tx);
      await told(tx, round.pageId, target, toldAt);
    });
  }

  async markTold(pageId: string, target: string, at: string): Promise<void> {
    await told(this.sql, pageId, target, at);
  }

  /** A closed round is forgotten (its targets with it): what the panel needs of it is in delivery_told. */
  async closeRound(round: Round): Promise<void> {
    await this.sql.query('DELETE FROM delivery_rounds WHERE id = $1', [round.id]);
  }
}

const ROUNDS = `SELECT r.id AS round_id, r.page_id, r.started_at, t.target, t.status, t.attempts, t.intent_at, t.fingerprint, t.last_error
  FROM delivery_rounds r LEFT JOIN delivery_targets t ON t.round_id = r.id`;

function roundsOf(rows: TargetRow[]): Round[] {
  const rounds = new Map<string, Round>();
  for (const row of rows) {
    let round = rounds.get(row.round_id);
    if (!round) {
      round = { id: row.round_id, pageId: row.page_id, startedAt: row.started_at.toISOString(), targets: new Map() };
      rounds.set(row.round_id, round);
    }
    if (row.target === null) continue;
    round.targets.set(row.target, {
      status: row.status!,
      attempts: row.attempts!,
      intentAt: row.intent_at?.toISOString() ?? null,
      fingerprint: row.fingerprint,
      lastError: row.last_error,
    });
  }
  return [...rounds.values()];
}

async function told(sql: Sql, pageId: string, target: string, at: string): Promise<void> {
  await sql.query(
    `INSERT INTO delivery_told (page_id, target, at) VALUES ($1, $2, $3)
     ON CONFLICT (page_id, target) DO UPDATE SET at = GREATEST(delivery_told.at, EXCLUDED.at)`,
    [pageId, target, at],
  );
}
