import type { Client } from '@notionhq/client';
import type { RetryPolicy } from '../services/http/external-call.js';
import { createNotionClient } from '../services/notion/notion-client.js';
import { classifyNotionError } from '../services/notion/notion-errors.js';
import { quietLogger, serviceCall } from './service-call.js';

/** The app's Notion client (same builder, same error classification), for the set-up commands. */
export interface NotionApi {
  client: Client;
  call<T>(method: string, policy: RetryPolicy, fn: () => Promise<T>): Promise<T>;
}

export function notionApi(o: { apiKey: string; baseUrl: string | null; timeoutMs: number }): NotionApi {
  const client = createNotionClient({ ...o, logger: quietLogger });
  return {
    client,
    call: (method, policy, fn) => serviceCall('notion', method, policy, classifyNotionError, fn),
  };
}
