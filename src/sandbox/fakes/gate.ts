import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'hono';
import type { CallCounter } from './calls.js';
import type { FaultKind, Faults } from './faults.js';
import type { FakeService } from './operations.js';

/**
 * The front door of every fake endpoint: counts the request, adds latency, and applies the
 * configured faults before (or, for `phase: 'after'`, after) the real handler runs.
 */

/** Hono env of the fakes: @hono/node-server passes the raw request, which `reset` needs. */
export interface FakesEnv {
  Bindings: { incoming?: IncomingMessage };
}

export type FakeContext = Context<FakesEnv>;

/** A path parameter of a route whose handler is built outside `app.get(path, …)` (so untyped). */
export function pathParam(c: FakeContext, name: string): string {
  return c.req.param(name) ?? '';
}

/** How a service words a failure it did not choose: each renders its own error body. */
export type InjectedFailure = 'server_error' | 'unavailable' | 'rate_limited' | 'timeout';
export type FailureRenderer = (c: FakeContext, failure: InjectedFailure, retryAfterSeconds: number) => Response;

/** Responses held open by `timeout` faults, released when the world is disposed. */
export class HeldResponses {
  #releases = new Set<() => void>();

  add(release: () => void): () => void {
    this.#releases.add(release);
    return () => {
      this.#releases.delete(release);
    };
  }

  releaseAll(): void {
    for (const release of [...this.#releases]) release();
  }
}

export interface GateDeps {
  calls: CallCounter;
  faults: Faults;
  held: HeldResponses;
}

export function gate(
  deps: GateDeps,
  service: FakeService,
  operation: string,
  renderFailure: FailureRenderer,
  handler: (c: FakeContext) => Promise<Response>,
): (c: FakeContext) => Promise<Response> {
  return async (c) => {
    deps.calls.record(service, operation);
    const plan = deps.faults.plan(service, operation);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.before) return inject(c, deps, plan.before.fault, renderFailure);
    if (plan.retryAfterSeconds !== null) return renderFailure(c, 'rate_limited', plan.retryAfterSeconds);
    if (plan.randomError) return renderFailure(c, 'server_error', 0);
    const response = await handler(c);
    if (plan.after) return inject(c, deps, plan.after.fault, renderFailure);
    return response;
  };
}

async function inject(
  c: FakeContext,
  deps: GateDeps,
  fault: FaultKind,
  renderFailure: FailureRenderer,
): Promise<Response> {
  switch (fault) {
    case 'http500':
      return renderFailure(c, 'server_error', 0);
    case 'http503':
      return renderFailure(c, 'unavailable', 0);
    case 'http429':
      return renderFailure(c, 'rate_limited', 1);
    case 'timeout': {
      const outcome = await holdOpen(c, deps);
      if (outcome === 'cap') return renderFailure(c, 'timeout', 0);
      return resetConnection(c);
    }
    case 'reset':
      return resetConnection(c);
  }
}

/** Waits until the client gives up, the hold cap passes, or the world is disposed. */
function holdOpen(c: FakeContext, deps: GateDeps): Promise<'aborted' | 'cap' | 'released'> {
  const signal = c.req.raw.signal;
  return new Promise((resolve) => {
    let forget: () => void = () => undefined;
    const finish = (outcome: 'aborted' | 'cap' | 'released') => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      forget();
      resolve(outcome);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('cap'), deps.faults.get().timeoutHoldMs);
    if (signal.aborted) return finish('aborted');
    signal.addEventListener('abort', onAbort);
    forget = deps.held.add(() => finish('released'));
  });
}

/**
 * Destroys the TCP connection, so the client sees a reset after sending its request. Without a
 * real socket (Hono's `app.request` in a unit test) there is nothing to reset: answer 502.
 */
async function resetConnection(c: FakeContext): Promise<Response> {
  const socket = c.env?.incoming?.socket;
  if (!socket) return new Response('simulated connection reset needs a real socket', { status: 502 });
  if (!socket.destroyed) {
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.destroy();
    await closed;
  }
  return new Response(null, { status: 500 });
}
