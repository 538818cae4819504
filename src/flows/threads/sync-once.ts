import { isAppError } from '../../errors.js';
import { mayStillArrive } from '../../delivery/in-flight.js';
import type { FlowDeps } from '../deps.js';

export interface SyncTarget {
  /** What an in-doubt check recognises the message by, when it cannot look for an id. */
  fingerprint: string | null;
  /** Sends the message; returns what it became (a Slack ts, an Intercom part id) when known. */
  send: () => Promise<string | null>;
  /** Looks at the target: did a message sent at or after `since` (ISO) arrive? Its id, or null. */
  find: (since: string) => Promise<string | null>;
  /**
   * When the source message was written (ISO). A message the ledger has no record of is looked
   * for from then on before it is sent: a ledger that was lost or started empty (a restart with
   * the in-memory store, a restored backup) must not make the sync send everything again. Null
   * when the caller has just looked itself.
   */
  sourceAt: string | null;
}

export type SyncOutcome = 'sent' | 'gave_up' | 'retry';

/** After this many attempts a message is given up (and logged), not retried for ever. */
const MAX_ATTEMPTS = 8;

/**
 * Sends one synced message at most once, as the Done journal does: the intent is recorded before
 * the send and the result after; a message whose earlier attempt may have arrived (a crash, a
 * timeout, a 5xx after sending), or that the ledger has never heard of, is looked for before it is
 * sent. Never throws: the caller decides whether 'retry' stops its pass.
 */
export async function syncOnce(deps: Pick<FlowDeps, 'threadStore' | 'settings' | 'now'>, key: string, target: SyncTarget): Promise<SyncOutcome> {
  const store = deps.threadStore;
  const record = await store.record(key);
  if (record?.status === 'sent') return 'sent';
  if (record?.status === 'gave_up') return 'gave_up';
  // An attempt whose sender stopped mid-send (another replica, killed) may not have landed yet: look later.
  if (record?.status === 'in_doubt' && record.lastError === null && record.intentAt && mayStillArrive(record.intentAt, deps.now(), deps.settings.inFlightMs)) {
    return 'retry';
  }
  let sending = false;
  try {
    const lookFrom = record === null ? target.sourceAt : record.status === 'in_doubt' ? record.intentAt : null;
    if (lookFrom) {
      const found = await target.find(lookFrom);
      if (found !== null) {
        await store.sent(key, found);
        return 'sent';
      }
    }
    if ((record?.attempts ?? 0) >= MAX_ATTEMPTS) {
      await store.failed(key, `given up after ${MAX_ATTEMPTS} attempts: ${record?.lastError ?? 'unknown error'}`, 'gave_up');
      return 'gave_up';
    }
    await store.intent(key, target.fingerprint);
    sending = true;
    const id = await target.send();
    await store.sent(key, id);
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Refusals (a deleted conversation, an archived channel) will not get better by retrying.
    const permanent = isAppError(err) && (err.code === 'upstream_rejected' || err.code === 'conversation_not_found');
    const inDoubt = (sending && isAppError(err) && err.details?.inDoubt === true) || (!sending && record?.status === 'in_doubt');
    await store.failed(key, message, permanent ? 'gave_up' : inDoubt ? 'in_doubt' : 'failed');
    return permanent ? 'gave_up' : 'retry';
  }
}

/** Text compared letters and digits only: Intercom gives HTML back reformatted. */
export function fingerprintOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A Slack ts or Unix seconds as an ISO time (a source message's time, for SyncTarget.sourceAt). */
export function isoOfSeconds(seconds: string | number): string {
  return new Date(Number(seconds) * 1000).toISOString();
}
