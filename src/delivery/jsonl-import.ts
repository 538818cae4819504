import { readFile, rename } from 'node:fs/promises';
import type { JournalStore } from './journal-store.js';
import type { Round, TargetState } from './journal.js';

/**
 * Before the store, the journal was JSON Lines in STATE_DIR (deliveries.jsonl). On the first start
 * with the store, what it held (the open rounds, when each target was told, the installation's
 * start) is copied into the store once, and the file is renamed so it is never read again.
 */
type JournalRecord =
  | { t: 'header'; created_at: string }
  | { t: 'round'; round: string; page: string; at: string }
  | { t: 'intent'; round: string; target: string; at: string; fingerprint: string | null }
  | { t: 'sent'; round: string; target: string; at: string }
  | { t: 'failed'; round: string; target: string; at: string; error: string; permanent: boolean; in_doubt: boolean }
  | { t: 'closed'; round: string; at: string; outcome: 'announced' | 'abandoned' }
  | { t: 'told'; page: string; target: string; at: string };

export interface ImportResult {
  rounds: number;
  told: number;
}

/** Imports `path` into `store` and renames it to `<path>.imported`; null when there is no file. */
export async function importJsonlJournal(path: string, store: JournalStore): Promise<ImportResult | null> {
  const records = await readRecords(path);
  if (records === null) return null;
  const header = records.find((r) => r.t === 'header');
  if (header?.t === 'header') await store.installedAt(header.created_at);
  const rounds = replay(records);
  const told = lastSentOf(records);
  for (const round of rounds) {
    await store.openRound(round);
    for (const [target, state] of round.targets) await store.saveTarget(round, target, state);
  }
  for (const t of told) await store.markTold(t.pageId, t.target, t.at);
  await rename(path, `${path}.imported`);
  return { rounds: rounds.length, told: told.length };
}

async function readRecords(path: string): Promise<JournalRecord[] | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // A torn last line from a crash mid-write: the record it held was never acknowledged.
    }
  }
  return records;
}

/** When each target of each ticket was last sent its message, from every round, closed or not. */
function lastSentOf(records: JournalRecord[]): Array<{ pageId: string; target: string; at: string }> {
  const pages = new Map<string, string>();
  const told = new Map<string, { pageId: string; target: string; at: string }>();
  const tell = (pageId: string, target: string, at: string) => told.set(`${pageId} ${target}`, { pageId, target, at });
  for (const r of records) {
    if (r.t === 'round') pages.set(r.round, r.page);
    if (r.t === 'told') tell(r.page, r.target, r.at);
    const page = r.t === 'sent' ? pages.get(r.round) : undefined;
    if (r.t === 'sent' && page) tell(page, r.target, r.at);
  }
  return [...told.values()];
}

/** Rebuilds the open rounds from the log; closed rounds are dropped. */
function replay(records: JournalRecord[]): Round[] {
  const rounds = new Map<string, Round>();
  const state = (round: Round, key: string): TargetState => {
    let s = round.targets.get(key);
    if (!s) {
      s = { status: 'pending', attempts: 0, intentAt: null, fingerprint: null, lastError: null };
      round.targets.set(key, s);
    }
    return s;
  };
  for (const r of records) {
    if (r.t === 'round') rounds.set(r.round, { id: r.round, pageId: r.page, startedAt: r.at, targets: new Map() });
    if (r.t === 'closed') rounds.delete(r.round);
    if (r.t !== 'intent' && r.t !== 'sent' && r.t !== 'failed') continue;
    const round = rounds.get(r.round);
    if (!round) continue;
    const s = state(round, r.target);
    if (r.t === 'intent') Object.assign(s, { status: 'in_doubt', intentAt: r.at, fingerprint: r.fingerprint, attempts: s.attempts + 1 });
    if (r.t === 'sent') Object.assign(s, { status: 'sent', lastError: null });
    if (r.t === 'failed') Object.assign(s, { status: r.permanent ? 'gave_up' : r.in_doubt ? 'in_doubt' : 'failed', lastError: r.error });
  }
  return [...rounds.values()];
}
