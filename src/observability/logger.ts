import { pino, type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context.js';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Secret values (tokens, keys, client secrets) scrubbed from every line, wherever they appear. */
  secrets?: string[];
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';

/** Keys whose values are never logged, whatever they hold. */
const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-body-signature"]',
  '*.headers["x-notion-signature"]',
  '*.headers["x-api-token"]',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
];

/**
 * Structured JSON logs, one object per line, each tagged with the request id of the work it
 * belongs to. Secrets are removed twice: by key (REDACT_PATHS) and by value, so a token that ends
 * up inside an error message from an SDK is still scrubbed.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const scrub = (value: unknown): unknown => scrubSecrets(value, secrets);
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin: () => ({ request_id: currentContext().requestId }),
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? (scrub(a) as string) : a)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (err: unknown) => scrub(pino.stdSerializers.err(err as Error)) },
    },
    options.destination,
  );
}

export function scrubSecrets(value: unknown, secrets: string[], depth = 0): unknown {
  if (secrets.length === 0 || depth > 8) return value;
  if (typeof value === 'string') {
    let out = value;
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secrets, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubSecrets(v, secrets, depth + 1);
    return out;
  }
  return value;
}

/** A logger that drops everything, for unit tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
