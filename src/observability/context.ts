import { AsyncLocalStorage } from 'node:async_hooks';
import type { Operation } from './activity.js';

/**
 * Per-request (or per-background-job) context, carried implicitly through awaits so that
 * adapters can tag log lines, record calls on the current operation and pick a queue priority
 * without every function passing it along.
 */
export type Priority = 'interactive' | 'panel' | 'background';

export interface RunContext {
  requestId: string;
  /**
   * Rate-limited queues serve interactive work (a teammate is waiting on a write or a suggestion)
   * first, then panel re-reads (Refresh), then background sync.
   */
  priority: Priority;
  /** Epoch ms after which retries stop: a waiting teammate is better served by an error than a hang. */
  deadline: number | null;
  operation: Operation | null;
}

const storage = new AsyncLocalStorage<RunContext>();

const BACKGROUND: RunContext = { requestId: 'background', priority: 'background', deadline: null, operation: null };

export function currentContext(): RunContext {
  return storage.getStore() ?? BACKGROUND;
}

export function runWithContext<T>(context: Partial<RunContext>, fn: () => T): T {
  return storage.run({ ...currentContext(), ...context }, fn);
}

/** Runs `fn` as background work: lowest queue priority, no deadline. */
export function runInBackground<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, priority: 'background', deadline: null, operation: null }, fn);
}
