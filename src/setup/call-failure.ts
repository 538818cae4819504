import { isAppError } from '../errors.js';
import type { FailureKind } from '../services/http/external-call.js';
import { fail, type CheckResult } from './checks.js';

/**
 * What went wrong with one external call, read back from the AppError externalCall threw, so a
 * check can tell "bad token" from "not found" from "cannot connect" and name the right fix.
 */
export interface CallFailure {
  kind: FailureKind | 'unknown';
  status: number | null;
  /** The service's own error code (Notion `code`, Slack `error`, Intercom `errors[0].code`). */
  code: string | null;
  message: string;
}

export function callFailure(err: unknown): CallFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (!isAppError(err) || !err.details) return { kind: 'unknown', status: null, code: null, message };
  const { failure, upstreamStatus, upstreamCode } = err.details as {
    failure?: FailureKind;
    upstreamStatus?: number | null;
    upstreamCode?: string | null;
  };
  return { kind: failure ?? 'unknown', status: upstreamStatus ?? null, code: upstreamCode ?? null, message };
}

/** The fix for failures that are about reaching a service rather than about what was asked. */
export function reachFix(failure: CallFailure, service: string, baseUrlVariable: string): string | null {
  switch (failure.kind) {
    case 'unreachable':
    case 'network':
      return `Cannot connect to ${service} (${failure.message}). Check the network or proxy, and ${baseUrlVariable} if you set it.`;
    case 'timeout':
      return `${service} did not answer in time. Check the network or proxy, and ${baseUrlVariable} if you set it.`;
    case 'server':
    case 'rate_limited':
      return `${service} is having trouble (${failure.message}); run the doctor again in a minute.`;
    default:
      return null;
  }
}

/**
 * A check's result for a call that failed in a way the check did not single out: cannot reach
 * the service, the service is struggling, or whatever the service said.
 */
export function failedCall(err: unknown, service: string, baseUrlVariable: string): CheckResult {
  const failure = callFailure(err);
  const fix = reachFix(failure, service, baseUrlVariable);
  return fix ? fail(`could not ask ${service}`, fix) : fail(failure.message);
}
