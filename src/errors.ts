/**
 * Every error the app raises on purpose carries a stable code and the HTTP status it maps to.
 * One place (src/http/error-response.ts) turns them into responses; flows and adapters only throw.
 */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'invalid_signature'
  | 'unauthorized'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'ticket_not_found'
  | 'conversation_not_found'
  | 'ticket_not_done'
  | 'not_ready'
  | 'server_busy'
  | 'upstream_unavailable'
  | 'upstream_rejected'
  | 'upstream_timeout'
  | 'misconfigured'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Which step of a flow failed, so the panel and API can name it ("Creating the Slack channel"). */
  readonly step: string | undefined;
  /** Extra machine-readable detail (validation issues, the upstream service). Never secrets. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    options: { step?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.step = options.step;
    this.details = options.details;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/** Re-throws `err` with the flow step attached, keeping its code and status. */
export function atStep(step: string, err: unknown): AppError {
  if (isAppError(err)) {
    if (err.step) return err;
    return new AppError(err.code, err.status, err.message, { step, details: err.details, cause: err.cause ?? err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('internal', 500, message, { step, cause: err });
}

/**
 * The same failure, saying which parts of the work exist already ("JMP-46 was created in Notion;
 * the Slack channel could not be made."), so the teammate knows Try again finishes, not repeats.
 */
export function partlyMade(err: unknown, made: string): AppError {
  const e = isAppError(err) ? err : new AppError('internal', 500, err instanceof Error ? err.message : String(err), { cause: err });
  return new AppError(e.code, e.status, e.message, { step: e.step, details: { ...e.details, made }, cause: e.cause ?? err });
}

/** What to tell a teammate about a failure: the message of our own errors, nothing internal. */
export function toUserMessage(err: unknown): { message: string; step: string | null; made: string | null } {
  const made = isAppError(err) && typeof err.details?.made === 'string' ? err.details.made : null;
  if (isAppError(err) && err.code !== 'internal') return { message: err.message, step: err.step ?? null, made };
  const step = isAppError(err) ? (err.step ?? null) : null;
  return { message: 'Something went wrong on our side; it has been logged.', step, made };
}
