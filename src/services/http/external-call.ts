import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../errors.js';
import { currentContext } from '../../observability/context.js';
import type { Logger } from '../../observability/logger.js';

/**
 * One logical call to an external service: retries by the service's policy, stops at the
 * caller's deadline, logs one line (service, method, status, duration, retries) and records the
 * call on the current operation. Every adapter method goes through here; the SDKs' own retries
 * are switched off so there is exactly one retry policy per call, and it is visible.
 */

export type FailureKind =
  /** 429: the request was refused before it did anything. */
  | 'rate_limited'
  /** 5xx: the service may or may not have applied the request. */
  | 'server'
  /** Our per-attempt timeout fired: the request may have been applied. */
  | 'timeout'
  /** Connection refused / DNS: the request never reached the service. */
  | 'unreachable'
  /** Reset or broken connection after sending: the request may have been applied. */
  | 'network'
  /** 404 or the service's "not found" error. */
  | 'not_found'
  /** 401/403, invalid token, missing scope: a configuration problem, retrying will not help. */
  | 'auth'
  /** Any other refusal (4xx, Slack `ok:false`): the request is wrong or not allowed. */
  | 'rejected';

export interface Failure {
  kind: FailureKind;
  /** HTTP status when there was a response. */
  status?: number;
  /** The service's error code (Notion `code`, Slack `error`, Intercom `errors[0].code`). */
  code?: string;
  /** From Retry-After (or an equivalent) when the service said when to come back. */
  retryAfterMs?: number;
  message: string;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /**
   * Whether repeating the request after an ambiguous failure (5xx, timeout, broken connection)
   * is safe: reads and writes that set a value are; creating or posting something is not.
   */
  idempotent: boolean;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const READ: RetryPolicy = { attempts: 3, idempotent: true, baseDelayMs: 250, maxDelayMs: 10_000 };
export const IDEMPOTENT_WRITE: RetryPolicy = { attempts: 3, idempotent: true, baseDelayMs: 250, maxDelayMs: 10_000 };
export const CREATE: RetryPolicy = { attempts: 3, idempotent: false, baseDelayMs: 250, maxDelayMs: 10_000 };

export interface CallSpec {
  service: 'notion' | 'slack' | 'intercom' | 'gemini';
  /** e.g. "pages.create", "conversations.invite", "GET /conversations/{id}" */
  method: string;
  policy: RetryPolicy;
  /** Turns whatever the SDK threw into a Failure. */
  classify: (err: unknown) => Failure;
  logger: Logger;
  /** Injected in tests so backoff does not slow them down. */
  sleep?: (ms: number) => Promise<void>;
}

const SERVICE_LABEL: Record<CallSpec['service'], string> = {
  notion: 'Notion',
  slack: 'Slack',
  intercom: 'Intercom',
  gemini: 'Gemini',
};

export async function externalCall<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T> {
  const wait = spec.sleep ?? ((ms: number) => sleep(ms));
  const context = currentContext();
  const started = performance.now();
  let retries = 0;

  for (;;) {
    try {
      const result = await fn();
      finish(spec, started, retries, 200);
      return result;
    } catch (err) {
      const failure = spec.classify(err);
      const delay = retryDelay(spec.policy, failure, retries + 1);
      const outOfTime = context.deadline !== null && Date.now() + delay > context.deadline;
      if (delay < 0 || outOfTime) {
        const status = failure.status ?? (failure.kind === 'timeout' ? 'timeout' : 'network');
        finish(spec, started, retries, status, failure.message);
        throw toAppError(spec, failure, err);
      }
      retries += 1;
      await wait(delay);
    }
  }
}

/** Milliseconds to wait before attempt `attempt + 1`, or -1 when the failure must not be retried. */
export function retryDelay(policy: RetryPolicy, failure: Failure, attempt: number): number {
  if (attempt >= policy.attempts) return -1;
  const safe =
    failure.kind === 'rate_limited' ||
    failure.kind === 'unreachable' ||
    (policy.idempotent && (failure.kind === 'server' || failure.kind === 'timeout' || failure.kind === 'network'));
  if (!safe) return -1;
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, policy.maxDelayMs * 6);
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  // Full jitter keeps many clients that failed together from retrying together.
  return Math.min(policy.maxDelayMs, Math.round(exp / 2 + Math.random() * (exp / 2)));
}

function toAppError(spec: CallSpec, failure: Failure, cause: unknown): AppError {
  const label = SERVICE_LABEL[spec.service];
  // A create or post that failed ambiguously may still have happened: callers reconcile.
  const inDoubt =
    !spec.policy.idempotent && (failure.kind === 'server' || failure.kind === 'timeout' || failure.kind === 'network');
  const details = {
    service: spec.service,
    method: spec.method,
    upstreamStatus: failure.status ?? null,
    upstreamCode: failure.code ?? null,
    failure: failure.kind,
    inDoubt,
    ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
  };
  const message = `${label} ${spec.method} failed: ${failure.message}`;
  switch (failure.kind) {
    case 'timeout':
      return new AppError('upstream_timeout', 504, message, { details, cause });
    case 'rate_limited':
      return new AppError('upstream_unavailable', 503, `${label} is rate limiting us (${spec.method}); try again shortly.`, {
        details,
        cause,
      });
    case 'server':
    case 'network':
    case 'unreachable':
      return new AppError('upstream_unavailable', 502, message, { details, cause });
    case 'auth':
      return new AppError('misconfigured', 502, `${message}. Check the ${label} token and its permissions (npm run doctor).`, {
        details,
        cause,
      });
    case 'not_found':
    case 'rejected':
      return new AppError('upstream_rejected', 502, message, { details, cause });
  }
}

function finish(
  spec: CallSpec,
  started: number,
  retries: number,
  status: number | 'timeout' | 'network',
  error?: string,
): void {
  const durationMs = Math.round(performance.now() - started);
  const line = { service: spec.service, method: spec.method, status, duration_ms: durationMs, retries };
  if (error === undefined) spec.logger.info(line, 'external call');
  else spec.logger.warn({ ...line, error }, 'external call failed');
  currentContext().operation?.recordCall({
    service: spec.service,
    method: spec.method,
    status,
    durationMs,
    retries,
    ...(error !== undefined ? { error } : {}),
  });
}

/** Walks an error's `cause` chain (SDKs wrap fetch errors) looking for one that matches. */
export function findCause(err: unknown, match: (e: unknown) => boolean, depth = 0): unknown {
  if (err === undefined || err === null || depth > 6) return undefined;
  if (match(err)) return err;
  return findCause((err as { cause?: unknown }).cause, match, depth + 1);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
