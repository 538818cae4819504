import type { DeliveryJournal, Round } from '../delivery/journal.js';
import { mayStillArrive } from '../delivery/in-flight.js';
import { isAppError } from '../errors.js';
import type { FlowDeps } from './deps.js';

export interface DeliveryTarget {
  /** Normalised text being sent, kept so an in-doubt check can recognise it. */
  fingerprint: string | null;
  send: () => Promise<unknown>;
  /** Looks at the target itself: did a message sent at or after `since` (ISO) arrive? */
  alreadyDelivered: (since: string) => Promise<boolean>;
}

/**
 * What one call did: `sent` now; `already_sent` by an earlier call (recorded, or found at the
 * target after a send in doubt); `gave_up` (refused for good, now or before); `failed` (retried later).
 */
export type DeliveryResult = 'sent' | 'already_sent' | 'gave_up' | 'failed';

/**
 * Sends one message of a round at most once. Sent or given up: nothing to do. In doubt (an
 * earlier attempt may have arrived: a crash, a timeout, a 5xx after sending): ask the target
 * before sending again. Failures are recorded, never thrown: the round decides what is next.
 */
export async function deliverOnce(deps: FlowDeps, round: Round, key: string, target: DeliveryTarget): Promise<DeliveryResult> {
  const { journal } = deps;
  const state = journal.target(round, key);
  if (state.status === 'sent') return 'already_sent';
  if (state.status === 'gave_up') return 'gave_up';
  const wasInDoubt = state.status === 'in_doubt';
  if (wasInDoubt && state.lastError === null && state.intentAt && mayStillArrive(state.intentAt, deps.now(), deps.settings.inFlightMs)) {
    // Its sender stopped mid-send (another replica, killed): its request may not have landed yet.
    return 'failed';
  }
  let sending = false;
  try {
    if (state.status === 'in_doubt' && state.intentAt && (await target.alreadyDelivered(state.intentAt))) {
      await journal.sent(round, key);
      return 'already_sent';
    }
    await journal.intent(round, key, target.fingerprint);
    sending = true;
    await target.send();
    await journal.sent(round, key);
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Refusals (a deleted conversation, an archived channel) will not get better by retrying.
    const permanent = isAppError(err) && (err.code === 'upstream_rejected' || err.code === 'conversation_not_found');
    // Still in doubt if the send may have arrived, or if we could not even check an earlier one.
    const inDoubt = (sending && isAppError(err) && err.details?.inDoubt === true) || (!sending && wasInDoubt);
    await journal.failed(round, key, message, permanent, inDoubt);
    deps.logger.warn({ target: key, round: round.id, err: message, permanent, in_doubt: inDoubt }, 'resolution message not delivered');
    return permanent ? 'gave_up' : 'failed';
  }
}

export interface DeliverySummary {
  total: number;
  sent: number;
  gaveUp: number;
  /** Not yet sent and still worth retrying (pending, failed, in doubt). */
  unsettled: number;
  failing: Array<{ target: string; error: string }>;
}

export function summarize(journal: DeliveryJournal, round: Round, keys: string[]): DeliverySummary {
  const summary: DeliverySummary = { total: keys.length, sent: 0, gaveUp: 0, unsettled: 0, failing: [] };
  for (const key of keys) {
    const s = journal.target(round, key);
    if (s.status === 'sent') summary.sent += 1;
    else if (s.status === 'gave_up') summary.gaveUp += 1;
    else summary.unsettled += 1;
    if (s.status !== 'sent' && s.lastError) summary.failing.push({ target: key, error: s.lastError });
  }
  return summary;
}
