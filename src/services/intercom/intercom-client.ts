import { AsyncLocalStorage } from 'node:async_hooks';
import { IntercomClient, IntercomError } from 'intercom-client';
import { createServiceFetch, type RequestEvent } from '../http/service-fetch.js';

export interface IntercomClientOptions {
  token: string;
  baseUrl: string | null;
  timeoutMs: number;
  onRequest?: (e: RequestEvent) => void;
}

/**
 * The SDK turns a failed fetch into an IntercomError that keeps only the message, so a refused
 * connection, a reset and our timeout would look alike. The fetch we give it notes what it threw
 * in the store of the call in progress, and withTransportCause puts it back as the error's cause.
 */
const transportErrors = new AsyncLocalStorage<{ error?: unknown }>();

/** The official client with its retries off (externalCall owns the policy) and our fetch. */
export function createIntercomClient(o: IntercomClientOptions): IntercomClient {
  const send = createServiceFetch({ service: 'intercom', timeoutMs: o.timeoutMs, onRequest: o.onRequest });
  const noting: typeof fetch = async (input, init) => {
    try {
      return await send(input, init);
    } catch (err) {
      const slot = transportErrors.getStore();
      if (slot) slot.error = err;
      throw err;
    }
  };
  return new IntercomClient({
    token: o.token,
    ...(o.baseUrl ? { baseUrl: o.baseUrl.replace(/\/+$/, '') } : {}),
    maxRetries: 0,
    // Above ours: our timeout aborts first and says which service it was.
    timeoutInSeconds: Math.ceil(o.timeoutMs / 1000) + 5,
    fetch: noting,
  });
}

export async function withTransportCause<T>(fn: () => Promise<T>): Promise<T> {
  const slot: { error?: unknown } = {};
  try {
    return await transportErrors.run(slot, fn);
  } catch (err) {
    if (err instanceof IntercomError && err.statusCode === undefined && slot.error !== undefined && err.cause === undefined) {
      Object.defineProperty(err, 'cause', { value: slot.error, configurable: true, writable: true });
    }
    throw err;
  }
}
