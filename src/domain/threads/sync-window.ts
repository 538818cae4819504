const DAY_MS = 24 * 3_600_000;

/**
 * How long the thread sync's ledger keeps a synced-message record, and pending work that never
 * finished. Intercom and Slack retry a webhook for hours at most, so a month is far past any retry;
 * it is not ACTIVITY_RETENTION_DAYS, which an operator may shorten to a day without thinking of
 * exactly-once.
 */
export const THREAD_LEDGER_RETENTION_MS = 30 * DAY_MS;

/**
 * How far back a pass looks for messages to sync: a day less than the ledger keeps records, so
 * every record a pass can ask for is still there (a pass that started just before the prune
 * included). Without this bound a pass over a long-lived thread would find no record for its old
 * messages once they were pruned and look for each in Slack or Intercom again, where a workspace's
 * message retention may have hidden it: a duplicate.
 */
export const SYNC_LOOKBACK_MS = THREAD_LEDGER_RETENTION_MS - DAY_MS;

/** Unix seconds: messages of a thread written before this are not synced (any more). */
export function syncedFrom(thread: { openedAt: number }, now: Date): number {
  return Math.max(thread.openedAt, Math.floor((now.getTime() - SYNC_LOOKBACK_MS) / 1000));
}
