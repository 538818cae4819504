import { request as httpRequest } from 'node:http';
import { memoryStore } from '../../src/store/memory-store.js';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { currentContext } from '../../src/observability/context.js';
import type { CallSnapshot } from '../../src/sandbox/fakes/calls.js';
import type { FakeService } from '../../src/sandbox/fakes/operations.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { eventually } from './test-sandbox.js';

/** How a fuzz request reaches the app: Hono's `app.request` in-process, or real HTTP to the node server. */
export type Transport = 'app' | 'http';

export interface FuzzRequest {
  /** POST by default. */
  method?: string;
  /** Path with its query string. */
  path: string;
  /** Undefined values are left out: generators use them for "header missing". */
  headers?: Record<string, string | undefined>;
  body?: string | Uint8Array;
  /** Sent as X-Request-Id instead of a fresh sane one (external calls are then attributed only if the app keeps it). */
  requestId?: string;
}

export interface FuzzAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** External calls the app made while handling this request (service, method, url), attributed by request id. */
  externalCalls: string[];
  /** Write operations any fake received while the request was handled, e.g. `slack chat.postMessage`. */
  writes: string[];
}

/**
 * A sandbox for fuzzing: the real app against the fakes, with every external call attributed to
 * the request that caused it (each fuzz request carries its own X-Request-Id), every write any
 * fake received counted around each request, and error logs kept so a 5xx logged on an aborted
 * connection (where no one sees the status) is still caught.
 */
export interface FuzzSandbox {
  sandbox: Sandbox;
  send(request: FuzzRequest, transport?: Transport): Promise<FuzzAnswer>;
  /** Log lines at level error or above. */
  errorLogs: string[];
  /** Statuses of every request the app logged (also those whose client had gone). */
  loggedStatuses: number[];
  /** Requests sent, by route and transport, for the summary line. */
  tally: Map<string, Record<Transport, number>>;
  printTally(): void;
  close(): Promise<void>;
}

const READ_OPERATIONS: Record<FakeService, RegExp> = {
  notion: /\.(retrieve|query)$|^users\.me$/,
  slack: /^(auth\.test|users\.|conversations\.(list|info|history|members)$)/,
  intercom: /^GET /,
};

/** Anything not known to be a read counts as a write: a new fake operation is suspect until classified. */
export function isWrite(service: FakeService, operation: string): boolean {
  return !READ_OPERATIONS[service].test(operation);
}

export function writesBetween(before: CallSnapshot, after: CallSnapshot): string[] {
  const writes: string[] = [];
  for (const service of Object.keys(after) as FakeService[]) {
    for (const [operation, count] of Object.entries(after[service].methods)) {
      const added = count - (before[service].methods[operation] ?? 0);
      if (added > 0 && isWrite(service, operation)) writes.push(`${service} ${operation}`);
    }
  }
  return writes;
}

let sequence = 0;

export async function startFuzzSandbox(): Promise<FuzzSandbox> {
  const errorLogs: string[] = [];
  const loggedStatuses: number[] = [];
  const callsByRequest = new Map<string, string[]>();
  const logger = createLogger({
    level: 'info',
    destination: {
      write(line: string) {
        const entry = JSON.parse(line) as { level: string; msg: string; status?: unknown };
        if (entry.level === 'error' || entry.level === 'fatal') errorLogs.push(line);
        if (entry.msg === 'request' && typeof entry.status === 'number') loggedStatuses.push(entry.status);
      },
    },
  });
  const sandbox = await startSandbox(
    { SWEEP_INTERVAL_MINUTES: '1440', INDEX_REFRESH_SECONDS: '3600', NOTION_REQUESTS_PER_SECOND: '100' },
    'forced',
    {
      port: 0,
      quiet: true,
      runtime: {
        logger,
        store: memoryStore(),
        onRequest: (event) => callsByRequest.get(currentContext().requestId)?.push(`${event.service} ${event.method} ${event.url}`),
      },
    },
  );
  await eventually(() => sandbox.runtime.flows.index.complete);
  const tally = new Map<string, Record<Transport, number>>();

  return {
    sandbox,
    errorLogs,
    loggedStatuses,
    tally,
    async send(request, transport = 'app') {
      const requestId = request.requestId ?? `fuzz-${++sequence}`;
      const calls: string[] = [];
      callsByRequest.set(requestId, calls);
      const method = request.method ?? 'POST';
      const route = `${method} ${request.path.split('?')[0]}`;
      const counts = tally.get(route) ?? { app: 0, http: 0 };
      counts[transport] += 1;
      tally.set(route, counts);

      const before = sandbox.world.calls.snapshot();
      const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
      // A copy typed as the fetch body types want (an ArrayBuffer, never a shared one).
      const sentBody = typeof request.body === 'string' || request.body === undefined ? request.body : new Uint8Array(request.body);
      const init: RequestInit = { method, headers: { ...headers, 'x-request-id': requestId }, body: sentBody };
      const res = transport === 'app' ? await sandbox.runtime.app.request(request.path, init) : await overFreshConnection(sandbox.url + request.path, init);
      const text = await res.text();
      callsByRequest.delete(requestId);
      return {
        status: res.status,
        headers: res.headers,
        text,
        json: parseOrUndefined(text),
        externalCalls: calls,
        writes: writesBetween(before, sandbox.world.calls.snapshot()),
      };
    },
    printTally() {
      const lines = [...tally].map(([route, n]) => `  ${route}: ${n.app + n.http} requests (${n.app} in-process, ${n.http} over HTTP)`);
      process.stdout.write(`[fuzz]\n${lines.join('\n')}\n`);
    },
    close: () => sandbox.close(),
  };
}

/**
 * One request on its own connection. fetch would reuse a keep-alive socket, and with client and
 * server on one stalled event loop the server's keep-alive timer can close that socket as the next
 * request goes out: an ECONNRESET that says nothing about the route under test.
 */
function overFreshConnection(url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method, headers: init.headers as Record<string, string>, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body as string | Uint8Array | undefined);
  });
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fuzz sandbox for the enclosing describe: started before its tests, closed (tally printed) after. */
export function fuzzSandboxForSuite(): () => FuzzSandbox {
  let fuzz: FuzzSandbox | undefined;
  beforeAll(async () => {
    fuzz = await startFuzzSandbox();
  });
  afterAll(async () => {
    fuzz?.printTally();
    await fuzz?.close();
  });
  return () => fuzz!;
}
