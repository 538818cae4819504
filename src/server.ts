import type { AddressInfo, Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  /** Points the server at the app; until then it answers 503 (the sandbox needs the port first). */
  setApp(app: Hono): void;
  /** Stops accepting connections; resolves when open ones have finished. */
  close(): Promise<void>;
  /** Connections Node closed unanswered since start, because `maxConnections` were already open. */
  readonly droppedConnections: number;
}

/**
 * What one client may hold. A webhook or Canvas Kit request arrives in well under a second, and
 * Intercom and Slack give up on an answer after 3–10 s: a request whose headers take more than
 * 10 s, or whose whole request takes more than 15 s to arrive, is a stalled or hostile client
 * (Node's defaults are 60 s and 300 s, checked every 30 s). Beyond `maxConnections`, Node refuses
 * new sockets. Only the time to receive a request counts, not the time to answer it.
 */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
}

export const SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, maxConnections: 1_024 };

/**
 * The sandbox serves its fakes from the same process and port as the app, so the app's calls to
 * Notion, Slack and Intercom are clients of this server that share its event loop: under a heavy
 * load (the 1,000-conversation test) that loop can lag long enough for a timeout meant for remote
 * strangers to cut the app's own calls. It keeps Node's defaults; production never runs it.
 */
export const SANDBOX_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 60_000, requestTimeoutMs: 300_000, maxConnections: 1_024 };

export function startServer(options: { port: number; hostname?: string; limits?: Partial<ServerLimits> }): Promise<RunningServer> {
  let app: Hono | null = null;
  let dropped = 0;
  const limits = { ...SERVER_LIMITS, ...options.limits };
  return new Promise((resolve, reject) => {
    const server: ServerType = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response(JSON.stringify({ status: 'starting' }), { status: 503 }),
        port: options.port,
        hostname: options.hostname,
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          // How often those two are checked (Node's default, 30 s, would let a stalled client stay 30 s longer).
          connectionsCheckingInterval: 1_000,
        },
      },
      (info: AddressInfo) => {
        const host = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : '127.0.0.1';
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          setApp: (next) => {
            app = next;
          },
          get droppedConnections() {
            return dropped;
          },
          close: () =>
            new Promise<void>((done) => {
              // Requests in flight are answered; a connection still open after the longest a
              // request may take (a stalled client) is cut rather than holding the exit.
              const cut = setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), limits.requestTimeoutMs + 1_000);
              cut.unref();
              server.close(() => {
                clearTimeout(cut);
                done();
              });
              // Idle keep-alive sockets would hold close() open until their timeout.
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.maxConnections = limits.maxConnections;
    server.on('drop', () => {
      dropped += 1;
    });
    // Node's headers timeout starts at a request's first byte: a connection that never sends one
    // would hold a place under `maxConnections` for as long as its client likes, and 1,024 of them
    // would shut everyone else out. Such a connection is closed after the same timeout.
    server.on('connection', (socket: Socket) => {
      const silent = setTimeout(() => socket.bytesRead === 0 && socket.destroy(), limits.headersTimeoutMs);
      silent.unref();
      socket.once('close', () => clearTimeout(silent));
    });
    server.once('error', reject);
    // Requests node cannot parse (bad framing, oversized heads) never reach the app: answer them
    // in the app's error shape instead of node's bare 400.
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return;
      const [status, reason, message] = clientErrorAnswer(err.code);
      const body = JSON.stringify({ status: 'error', error: { code: status === 408 ? 'request_timeout' : 'invalid_request', message } });
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  });
}

function clientErrorAnswer(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large', 'The request headers are too large.'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout', 'The request did not arrive in time; it was dropped.'];
  return [400, 'Bad Request', 'The request is not valid HTTP.'];
}

/**
 * Warns, at most once per `everyMs`, how many connections the server closed unanswered at its
 * connection cap since the last warning: the client sees only a reset, so without this a full
 * server looks from inside like a quiet one. Returns a function that stops watching.
 */
export function warnOnDroppedConnections(server: Pick<RunningServer, 'droppedConnections'>, warn: (dropped: number) => void, everyMs = 10_000): () => void {
  let reported = server.droppedConnections;
  const timer = setInterval(() => {
    const now = server.droppedConnections;
    if (now > reported) warn(now - reported);
    reported = now;
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
