import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { ActivityLog } from '../../src/observability/activity.js';
import { runWithContext } from '../../src/observability/context.js';
import { silentLogger } from '../../src/observability/logger.js';
import {
  CREATE,
  externalCall,
  type Failure,
  parseRetryAfter,
  READ,
  retryDelay,
} from '../../src/services/http/external-call.js';

class Fake extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

const classify = (err: unknown): Failure => (err instanceof Fake ? err.failure : { kind: 'network', message: String(err) });

function failingThen<T>(failures: Failure[], value: T) {
  let calls = 0;
  const fn = async () => {
    calls += 1;
    const failure = failures[calls - 1];
    if (failure) throw new Fake(failure);
    return value;
  };
  return { fn, calls: () => calls };
}

const spec = (policy = READ, waits: number[] = []) => ({
  service: 'notion' as const,
  method: 'pages.retrieve',
  policy,
  classify,
  logger: silentLogger,
  sleep: async (ms: number) => void waits.push(ms),
});

describe('externalCall', () => {
  it('retries a read after a 5xx and returns its result', async () => {
    const call = failingThen([{ kind: 'server', status: 502, message: 'bad gateway' }], 'page');
    await expect(externalCall(spec(), call.fn)).resolves.toBe('page');
    expect(call.calls()).toBe(2);
  });

  it('waits what Retry-After says on a 429', async () => {
    const waits: number[] = [];
    const call = failingThen([{ kind: 'rate_limited', status: 429, retryAfterMs: 2000, message: 'slow down' }], 'ok');
    await externalCall(spec(READ, waits), call.fn);
    expect(waits).toEqual([2000]);
  });

  it('retries a create on a 429 (refused, not applied)', async () => {
    const call = failingThen([{ kind: 'rate_limited', status: 429, message: 'slow down' }], 'created');
    await expect(externalCall(spec(CREATE), call.fn)).resolves.toBe('created');
  });

  it('never repeats a create after an ambiguous failure, and marks it in doubt', async () => {
    const call = failingThen([{ kind: 'timeout', message: 'no answer' }], 'created');
    const err = await externalCall(spec(CREATE), call.fn).catch((e: unknown) => e);
    expect(call.calls()).toBe(1);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'upstream_timeout', status: 504, details: { inDoubt: true, service: 'notion' } });
  });

  it('does not retry a refusal and maps auth failures to misconfigured', async () => {
    const call = failingThen([{ kind: 'auth', status: 401, message: 'unauthorized' }], 'x');
    const err = await externalCall(spec(), call.fn).catch((e: unknown) => e);
    expect(call.calls()).toBe(1);
    expect(err).toMatchObject({ code: 'misconfigured', details: { inDoubt: false } });
    expect((err as Error).message).toContain('npm run doctor');
  });

  it('gives up after the policy’s attempts', async () => {
    const server: Failure = { kind: 'server', status: 500, message: 'boom' };
    const call = failingThen([server, server, server, server], 'x');
    await expect(externalCall(spec(), call.fn)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(call.calls()).toBe(READ.attempts);
  });

  it('stops retrying when the waiting teammate’s deadline would pass', async () => {
    const call = failingThen([{ kind: 'rate_limited', status: 429, retryAfterMs: 30_000, message: 'later' }], 'x');
    const err = await runWithContext({ deadline: Date.now() + 1000 }, () => externalCall(spec(), call.fn)).catch((e: unknown) => e);
    expect(call.calls()).toBe(1);
    expect(err).toMatchObject({ code: 'upstream_unavailable', details: { retryAfterMs: 30_000 } });
  });

  it('records the call, with its retries, on the current operation', async () => {
    const activity = new ActivityLog();
    const call = failingThen([{ kind: 'server', status: 503, message: 'busy' }], 'ok');
    await activity.run('link', {}, () => externalCall(spec(), call.fn));
    expect((await activity.list())[0]!.calls).toEqual([
      expect.objectContaining({ service: 'notion', method: 'pages.retrieve', status: 200, retries: 1 }),
    ]);
  });
});

describe('retryDelay', () => {
  it('backs off exponentially with jitter, within the cap', () => {
    const d1 = retryDelay(READ, { kind: 'server', message: '' }, 1);
    const d2 = retryDelay(READ, { kind: 'server', message: '' }, 2);
    expect(d1).toBeGreaterThanOrEqual(READ.baseDelayMs / 2);
    expect(d1).toBeLessThanOrEqual(READ.baseDelayMs);
    expect(d2).toBeGreaterThanOrEqual(READ.baseDelayMs);
    expect(d2).toBeLessThanOrEqual(READ.baseDelayMs * 2);
  });

  it('retries an unreachable service even for a create (nothing was sent)', () => {
    expect(retryDelay(CREATE, { kind: 'unreachable', message: '' }, 1)).toBeGreaterThan(0);
    expect(retryDelay(CREATE, { kind: 'network', message: '' }, 1)).toBe(-1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
