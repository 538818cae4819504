import net from 'node:net';

/**
 * Raw HTTP/1.1 over a socket, for what fetch will not send: chunked bodies cut anywhere, a
 * Content-Length that lies, uploads abandoned halfway, malformed framing.
 */
export interface RawAnswer {
  /** Everything the server sent, as latin1. */
  raw: string;
  /** Status of the first response; null when the server sent nothing. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection (rather than the timeout or our reset ending it). */
  closedByServer: boolean;
}

export interface RawOptions {
  /** Half-close our side after writing (the server sees the end of the stream). */
  end?: boolean;
  /** Reset the connection this long after writing, as a client that gives up. */
  resetAfterMs?: number;
  /** Stop waiting after this long; default 2 s. */
  timeoutMs?: number;
}

export function rawExchange(port: number, parts: ReadonlyArray<string | Uint8Array>, options: RawOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closedByServer = false;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks).toString('latin1'), closedByServer));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 2000);
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => {
      void (async () => {
        for (const part of parts) {
          // A server that has answered may close at any moment: stop sending, or our next write
          // provokes a reset that can discard its answer before we read it.
          if (chunks.length > 0 || settled) break;
          // Separate writes so the server really receives the request in pieces.
          await new Promise<void>((done) => socket.write(part, () => done()));
          await new Promise((r) => setTimeout(r, 2));
        }
        if (options.end) socket.end();
        if (options.resetAfterMs !== undefined) setTimeout(() => socket.resetAndDestroy(), options.resetAfterMs);
      })();
    });
  });
}

function parseResponse(raw: string, closedByServer: boolean): RawAnswer {
  const match = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(raw);
  if (!match) return { raw, status: null, headers: {}, body: '', closedByServer };
  const headers: Record<string, string> = {};
  for (const line of match[2]!.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? NaN);
  const body = Number.isFinite(length) ? match[3]!.slice(0, length) : match[3]!;
  return { raw, status: Number(match[1]), headers, body, closedByServer };
}

/** A request head with CRLFs. */
export function head(requestLine: string, headers: Record<string, string>): string {
  return `${requestLine}\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

export function chunk(data: string): string {
  return `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
}
