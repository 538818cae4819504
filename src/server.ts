import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  /** Points the server at the app; until then it answers 503 (the sandbox needs the port first). */
  setApp(app: Hono): void;
  /** Stops accepting connections; resolves when open ones have finished. */
  close(): Promise<void>;
}

export function startServer(options: { port: number; hostname?: string }): Promise<RunningServer> {
  let app: Hono | null = null;
  return new Promise((resolve, reject) => {
    const server: ServerType = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response(JSON.stringify({ status: 'starting' }), { status: 503 }),
        port: options.port,
        hostname: options.hostname,
      },
      (info: AddressInfo) => {
        const host = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : '127.0.0.1';
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          setApp: (next) => {
            app = next;
          },
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Idle keep-alive sockets would hold close() open forever.
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once('error', reject);
    // Requests node cannot parse (bad framing, oversized heads) never reach the app: answer them
    // in the app's error shape instead of node's bare 400.
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return;
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? 431 : 400;
      const body = JSON.stringify({
        status: 'error',
        error: { code: 'invalid_request', message: tooLarge ? 'The request headers are too large.' : 'The request is not valid HTTP.' },
      });
      socket.end(
        `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  });
}
