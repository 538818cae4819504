import { readFileSync } from 'node:fs';
import net from 'node:net';
import { eventually } from './test-sandbox.js';

/**
 * Hostile HTTP clients over raw sockets, for the test of issue 12 and `npm run loadtest`: uploads
 * that never finish, with a bogus signature or none, many at once. Each reports what the server
 * answered (or that it answered nothing before `giveUpMs`).
 */
export interface UploadAttack {
  port: number;
  /** Round-robin over these routes, each with the headers that make it look signed (or not). */
  targets: ReadonlyArray<{ path: string; headers: Record<string, string> }>;
  connections: number;
  /** Content-Length announced. */
  declaredBytes: number;
  /** Bytes actually sent (fewer than declared: the upload stalls). */
  sentBytes: number;
  /** Stop waiting for an answer after this long. */
  giveUpMs: number;
  /** Send the body this slowly (bytes per write, ms between writes); at once when absent. */
  trickle?: { bytes: number; everyMs: number };
}

export interface AttackResult {
  /** Status code → how many requests got it; `none` for no answer before giving up or a close. */
  statuses: Record<string, number>;
  answered: number;
  unanswered: number;
  /** Slowest answer, ms after the connection opened. */
  slowestAnswerMs: number;
  /** Each connection's outcome: the status (null: none) and when it came, ms after connecting. */
  outcomes: Outcome[];
  /** Why the unanswered ones were: `timeout`, `closed`, or a socket error code, with their times. */
  unansweredReasons: Record<string, number[]>;
}

interface Outcome {
  status: number | null;
  ms: number;
  reason?: string;
}

export async function uploadAttack(attack: UploadAttack): Promise<AttackResult> {
  const payload = Buffer.alloc(attack.sentBytes, 0x7b);
  const outcomes = await Promise.all(
    Array.from({ length: attack.connections }, (_, i) => oneUpload(attack, attack.targets[i % attack.targets.length]!, payload)),
  );
  const statuses: Record<string, number> = {};
  let slowestAnswerMs = 0;
  for (const outcome of outcomes) {
    const key = outcome.status === null ? 'none' : String(outcome.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (outcome.status !== null) slowestAnswerMs = Math.max(slowestAnswerMs, outcome.ms);
  }
  const unanswered = statuses.none ?? 0;
  const unansweredReasons: Record<string, number[]> = {};
  for (const { status, reason, ms } of outcomes) if (status === null) (unansweredReasons[reason ?? 'closed'] ??= []).push(Math.round(ms));
  return { statuses, answered: attack.connections - unanswered, unanswered, slowestAnswerMs, outcomes, unansweredReasons };
}

function oneUpload(attack: UploadAttack, target: { path: string; headers: Record<string, string> }, payload: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(attack.port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (status: number | null, reason?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(trickle);
      socket.destroy();
      resolve({ status, ms: performance.now() - started, ...(reason ? { reason } : {}) });
    };
    const timer = setTimeout(() => finish(null, 'timeout'), attack.giveUpMs);
    let trickle: NodeJS.Timeout | undefined;
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      received += data.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (match) finish(Number(match[1]));
    });
    // A refusal closes the connection; any answer before that was already counted.
    socket.on('error', (err: NodeJS.ErrnoException) => finish(null, err.code ?? err.message));
    socket.on('close', () => finish(null, 'closed'));
    socket.on('connect', () => {
      const head = [
        `POST ${target.path} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Content-Length: ${attack.declaredBytes}`,
        ...Object.entries(target.headers).map(([k, v]) => `${k}: ${v}`),
      ].join('\r\n');
      socket.write(`${head}\r\n\r\n`);
      if (!attack.trickle) {
        socket.write(payload);
        return;
      }
      const { bytes, everyMs } = attack.trickle;
      let offset = 0;
      trickle = setInterval(() => {
        if (offset >= payload.length || socket.destroyed) return clearInterval(trickle);
        socket.write(payload.subarray(offset, offset + bytes));
        offset += bytes;
      }, everyMs);
    });
  });
}

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** Samples `read()` every `everyMs` until stopped; returns the highest value seen. */
export function samplePeak(read: () => number, everyMs = 50): { stop(): number } {
  let peak = read();
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read());
    } catch {
      // the process is gone; keep the peak so far
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** The signed-looking headers of each route that reads a body before it can verify it. */
export const BOGUS_SIGNATURES: ReadonlyArray<{ path: string; headers: Record<string, string> }> = [
  { path: '/canvas/initialize', headers: { 'X-Body-Signature': 'a'.repeat(64) } },
  { path: '/canvas/submit', headers: { 'X-Body-Signature': 'b'.repeat(64) } },
  { path: '/webhooks/notion', headers: { 'X-Notion-Signature': `sha256=${'c'.repeat(64)}` } },
  { path: '/webhooks/intercom', headers: { 'X-Hub-Signature': `sha1=${'d'.repeat(40)}` } },
  { path: '/webhooks/slack', headers: { 'X-Slack-Signature': `v0=${'e'.repeat(64)}`, 'X-Slack-Request-Timestamp': String(Math.floor(Date.now() / 1000)) } },
];

/** The same routes with no signature at all. */
export const UNSIGNED: ReadonlyArray<{ path: string; headers: Record<string, string> }> = BOGUS_SIGNATURES.map(({ path }) => ({ path, headers: {} }));

/**
 * TCP connections the process listening on `port` holds open, read from the kernel
 * (/proc/net/tcp, tcp6): sockets on that local port other than the listener, leaving out those
 * the process has already closed (orphans, inode 0) and TIME_WAIT. The server's connection cap
 * counts the same sockets.
 */
export function openServerConnections(port: number): number {
  const LISTEN = '0A';
  const TIME_WAIT = '06';
  let open = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 on this machine
    }
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = Number.parseInt(fields[1]!.split(':')[1]!, 16);
      const state = fields[3]!;
      const inode = fields[9]!;
      if (localPort === port && state !== LISTEN && state !== TIME_WAIT && inode !== '0') open += 1;
    }
  }
  return open;
}

/** Waits until the server on `port` holds at most `atMost` connections; throws after `timeoutMs`. */
export function untilServerConnectionsAtMost(port: number, atMost: number, timeoutMs = 30_000): Promise<unknown> {
  return untilServerConnections(port, (open) => open <= atMost, `at most ${atMost}`, timeoutMs);
}

/** Waits until the server on `port` holds at least `atLeast` connections; throws after `timeoutMs`. */
export function untilServerConnectionsAtLeast(port: number, atLeast: number, timeoutMs = 10_000): Promise<unknown> {
  return untilServerConnections(port, (open) => open >= atLeast, `at least ${atLeast}`, timeoutMs);
}

function untilServerConnections(port: number, enough: (open: number) => boolean, wanted: string, timeoutMs: number): Promise<unknown> {
  return eventually(() => {
    const open = openServerConnections(port);
    if (!enough(open)) throw new Error(`the server on port ${port} holds ${open} connections, not ${wanted}`);
    return true;
  }, timeoutMs);
}
