import { Client, LogLevel } from '@notionhq/client';
import type { Logger } from '../../observability/logger.js';
import { createServiceFetch, type RateLimiter, type RequestEvent } from '../http/service-fetch.js';

export interface NotionClientOptions {
  apiKey: string;
  baseUrl: string | null;
  timeoutMs: number;
  limiter?: RateLimiter;
  onRequest?: (e: RequestEvent) => void;
  logger: Logger;
}

/**
 * The official client with its own retries off (externalCall owns the policy) and our fetch,
 * whose timeout really aborts. The SDK's timer only races the request without aborting it, so it
 * is set above ours as a backstop.
 */
export function createNotionClient(o: NotionClientOptions): Client {
  return new Client({
    auth: o.apiKey,
    ...(o.baseUrl ? { baseUrl: o.baseUrl.replace(/\/+$/, '') } : {}),
    retry: false,
    timeoutMs: o.timeoutMs + 5_000,
    fetch: createServiceFetch({ service: 'notion', timeoutMs: o.timeoutMs, limiter: o.limiter, onRequest: o.onRequest }),
    // The SDK's own lines duplicate externalCall's; keep them for debugging only.
    logLevel: LogLevel.DEBUG,
    logger: (level, message, extraInfo) => o.logger.debug({ sdk: 'notion', sdkLevel: level, ...extraInfo }, message),
  });
}
