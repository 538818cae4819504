import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../../observability/logger.js';
import { createServiceFetch, type RequestEvent } from '../http/service-fetch.js';

export interface SlackClientOptions {
  token: string;
  apiUrl: string | null;
  timeoutMs: number;
  onRequest?: (e: RequestEvent) => void;
  logger: Logger;
}

/**
 * The official WebClient with its retries off: by default it retries ten times over half an hour
 * and, on a 429, pauses every queued call. Here a 429 is thrown (rejectRateLimitedCalls) and
 * externalCall decides. Its own timeout sits above ours, which aborts first.
 */
export function createSlackClient(o: SlackClientOptions): WebClient {
  return new WebClient(o.token, {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs + 5_000,
    fetch: createServiceFetch({ service: 'slack', timeoutMs: o.timeoutMs, onRequest: o.onRequest }),
    logger: sdkLogger(o.logger),
  });
}

/** The SDK's chatter goes to our logger at debug level: externalCall already logs every call. */
function sdkLogger(logger: Logger): SlackLogger {
  let level = LogLevel.DEBUG;
  const log = (...msg: unknown[]) => logger.debug({ sdk: 'slack' }, msg.map(String).join(' '));
  return {
    debug: log,
    info: log,
    warn: log,
    error: log,
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
