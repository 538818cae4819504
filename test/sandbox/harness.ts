import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, LogLevel as NotionLogLevel } from '@notionhq/client';
import { LogLevel, WebClient } from '@slack/web-api';
import { IntercomClient } from 'intercom-client';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import type { WorldOptions } from '../../src/sandbox/fakes/world.js';

/** The fakes on a loopback port, and the three official SDK clients pointed at them. */
export async function startSandbox(options: WorldOptions = {}) {
  const fakes = await startFakesServer(options);
  const notion = new Client({ auth: SANDBOX.token, baseUrl: `${fakes.url}/notion`, retry: false, logLevel: NotionLogLevel.ERROR });
  const slack = new WebClient(SANDBOX.token, {
    slackApiUrl: `${fakes.url}/slack/api/`,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  const intercom = new IntercomClient({ token: SANDBOX.token, baseUrl: `${fakes.url}/intercom`, maxRetries: 0 });
  return { ...fakes, notion, slack, intercom };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny HTTP receiver (the app's /webhooks/notion stand-in) answering with `statuses` in turn. */
export async function startReceiver(statuses: number[] = [200]) {
  const received: ReceivedRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses[Math.min(next, statuses.length - 1)]!;
      next += 1;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/notion`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Raw JSON request, for what the SDKs would not send (missing headers, bad tokens). */
export async function rawJson(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
