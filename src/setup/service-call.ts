import { createLogger } from '../observability/logger.js';
import { externalCall, type CallSpec, type Failure, type RetryPolicy } from '../services/http/external-call.js';

/**
 * The set-up commands call the services through the same wrapper as the app, so failures are
 * classified the same way. Their own output is the report, so the wrapper's log lines are off.
 */
export const quietLogger = createLogger({ level: 'silent' });

/** The doctor asks once: a retry would only hide a flaky service behind a slow report. */
export const ONCE: RetryPolicy = { attempts: 1, idempotent: true, baseDelayMs: 0, maxDelayMs: 0 };

export function serviceCall<T>(
  service: CallSpec['service'],
  method: string,
  policy: RetryPolicy,
  classify: (err: unknown) => Failure,
  fn: () => Promise<T>,
): Promise<T> {
  return externalCall({ service, method, policy, classify, logger: quietLogger }, fn);
}
