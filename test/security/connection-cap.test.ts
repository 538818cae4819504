import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, warnOnDroppedConnections } from '../../src/server.js';
import { eventually } from '../support/test-sandbox.js';

/** A connection that stays open until the test ends. */
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('the connection cap', () => {
  const sockets: net.Socket[] = [];
  let server: RunningServer | undefined;
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.close();
  });

  it('counts the connections Node closes unanswered at the cap, and warns once per window with how many', async () => {
    server = await startServer({ port: 0, hostname: '127.0.0.1', limits: { maxConnections: 2 } });
    const warnings: number[] = [];
    const stop = warnOnDroppedConnections(server, (dropped) => warnings.push(dropped), 50);
    try {
      for (let i = 0; i < 5; i++) sockets.push(await connect(server.port).catch(() => new net.Socket()));
      await eventually(() => server!.droppedConnections === 3);
      await eventually(() => warnings.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 150));
      // All three in one warning, and nothing more while no connection is refused.
      expect(warnings).toEqual([3]);
    } finally {
      stop();
    }
  });

  it('answers and counts nothing below the cap', async () => {
    server = await startServer({ port: 0, hostname: '127.0.0.1', limits: { maxConnections: 3 } });
    for (let i = 0; i < 2; i++) sockets.push(await connect(server.port));
    // No app is set yet, so the server answers 503 "starting": an answer, on the third connection.
    const answer = await fetch(server.url, { headers: { Connection: 'close' } });
    expect(answer.status).toBe(503);
    expect(server.droppedConnections).toBe(0);
  });

  it('closes a connection that sends nothing within the headers timeout, and leaves one that sent a request to Node', async () => {
    server = await startServer({ port: 0, hostname: '127.0.0.1', limits: { headersTimeoutMs: 200 } });
    const silent = await connect(server.port);
    const talking = await connect(server.port);
    sockets.push(silent, talking);
    const answered = new Promise<string>((resolve) => talking.once('data', (data) => resolve(data.toString('latin1'))));
    talking.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await answered).toMatch(/^HTTP\/1\.1 503/);

    await eventually(() => silent.destroyed);
    // Kept alive after its answer (Node's keep-alive timeout is 5 s), not cut at 200 ms.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(talking.destroyed).toBe(false);
  });
});
