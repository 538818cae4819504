import type { ActivityQuery, ActivityStore } from '../observability/activity-store.js';
import type { OperationRecord } from '../observability/activity.js';
import type { Sql } from './sql.js';

/**
 * The activity log in SQL: the record as JSON, with its kind, start and a lower-cased copy of its
 * subject's values (what `?q=` searches) beside it.
 */
export class SqlActivityStore implements ActivityStore {
  constructor(private readonly sql: Sql) {}

  async append(record: OperationRecord): Promise<void> {
    await this.sql.query(
      `INSERT INTO activity (id, kind, started_at, subject_text, record) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record`,
      [record.id, record.kind, record.startedAt, subjectText(record), JSON.stringify(record)],
    );
  }

  async recent(query: ActivityQuery): Promise<OperationRecord[]> {
    const like = query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.sql.query<{ record: OperationRecord }>(
      `SELECT record FROM activity
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR subject_text LIKE $2 ESCAPE '\\')
        ORDER BY started_at DESC, id LIMIT $3`,
      [query.kind ?? null, like, query.limit],
    );
    return rows.map((r) => r.record);
  }

  async prune(before: Date): Promise<void> {
    await this.sql.query('DELETE FROM activity WHERE started_at < $1', [before.toISOString()]);
  }
}

function subjectText(record: OperationRecord): string {
  return Object.values(record.subject)
    .map((v) => v.toLowerCase())
    .join('\n');
}
