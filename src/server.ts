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
  });
}
