import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ExternalTimeoutError } from '../../../src/services/http/service-fetch.js';
import { transportFailure } from '../../../src/services/http/transport-failure.js';

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
const sysError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

/** A loopback port that refuses connections: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('transportFailure', () => {
  it('recognises our timeout however deeply an SDK wrapped it', () => {
    const wrapped = new Error('A request error occurred', { cause: new ExternalTimeoutError('slack', 50) });
    expect(transportFailure(wrapped)).toEqual({ kind: 'timeout', message: 'slack did not answer within 50 ms' });
  });

  it('treats an abort while the body streams in as a timeout', () => {
    expect(transportFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))?.kind).toBe('timeout');
  });

  it('calls a refused connection or an unknown host unreachable (nothing was sent)', async () => {
    expect(transportFailure(fetchFailed(sysError('ENOTFOUND')))).toMatchObject({ kind: 'unreachable', code: 'ENOTFOUND' });
    const real = await fetch(`http://127.0.0.1:${await closedPort()}/`).catch((e: unknown) => e);
    expect(transportFailure(real)).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
  });

  it('calls a connection broken after sending a network failure (the request may have landed)', () => {
    expect(transportFailure(fetchFailed(sysError('ECONNRESET')))).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    expect(transportFailure(fetchFailed(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })))).toMatchObject({
      kind: 'network',
    });
    expect(transportFailure(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'network' });
  });

  it('ignores the codes SDK errors carry themselves, and anything else', () => {
    expect(transportFailure(Object.assign(new Error('platform'), { code: 'slack_webapi_platform_error' }))).toBeNull();
    expect(transportFailure(new Error('boom'))).toBeNull();
  });
});
