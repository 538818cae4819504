import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookPayload } from '@notionhq/client';
import { signIntercomWebhook, slackSignatureHeaders } from '../../src/http/webhook-signatures.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import type { NotionWebhookEvent } from '../../src/sandbox/fakes/notion/notion-webhooks.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { eventually } from '../support/test-sandbox.js';

/**
 * Replicas of the app (each `node --import tsx src/main.ts`) on one PostgreSQL database and one
 * set of fakes, as a deployment behind a load balancer runs them. Each test gets a schema of its
 * own on TEST_DATABASE_URL, so tests never see each other's rows.
 */

export interface Replica extends AppProcess {
  name: string;
}

/** Settings every replica shares: no timers the test did not ask for, no Done quiet period. */
const QUIET = {
  SWEEP_INTERVAL_MINUTES: '1440',
  INDEX_REFRESH_SECONDS: '3600',
  NOTION_REQUESTS_PER_SECOND: '100',
  DONE_SETTLE_SECONDS: '0',
  LOG_LEVEL: 'info',
};

/** Starts one replica against the fakes and `databaseUrl`, and waits until /readyz says ready. */
export async function startReplica(name: string, fakesUrl: string, databaseUrl: string, env: Record<string, string> = {}): Promise<Replica> {
  const stateDir = await mkdtemp(join(tmpdir(), `replica-${name}-`));
  const app = await startAppProcess(fakesUrl, { ...QUIET, DATABASE_URL: databaseUrl, STATE_DIR: stateDir, ...env });
  app.child.once('exit', () => void rm(stateDir, { recursive: true, force: true }));
  await eventually(async () => (await fetch(`${app.url}/readyz`)).status === 200, 30_000);
  return Object.assign(app, { name });
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One POST on a connection of its own (no keep-alive): a refused connection is told apart from a
 * request that reached the server and was dropped. Rejects with the socket error's code;
 * `onConnect` runs once the server has accepted the connection.
 */
export function post(url: string, body: string, headers: Record<string, string> = {}, onConnect?: () => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { text };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    if (onConnect) req.once('socket', (socket) => socket.once('connect', onConnect));
    req.end(body);
  });
}

export const apiHeaders = { authorization: `Bearer ${SANDBOX.apiToken}` };

/** POST /create-ticket, as Intercom's Custom Action or a script sends it. */
export function createTicket(replica: Replica, conversationId: string): Promise<Answer> {
  return post(`${replica.url}/create-ticket`, JSON.stringify({ intercom_conversation_id: conversationId }), apiHeaders);
}

/** Delivers Notion's event to `replica`, signed with the verification token as Notion signs it. */
export async function deliverNotionEvent(replica: Replica, event: NotionWebhookEvent): Promise<Answer> {
  const body = JSON.stringify(event);
  const signature = await signWebhookPayload({ body, verificationToken: SANDBOX.notionWebhookVerificationToken });
  return post(`${replica.url}/webhooks/notion`, body, { 'x-notion-signature': signature });
}

/** Delivers Intercom's `conversation.user.replied` notification (id `notificationId`) to `replica`, signed. */
export function deliverCustomerReplied(replica: Replica, notificationId: string, conversationId: string): Promise<Answer> {
  const body = JSON.stringify({ type: 'notification_event', id: notificationId, topic: 'conversation.user.replied', data: { item: { type: 'conversation', id: conversationId } } });
  return post(`${replica.url}/webhooks/intercom`, body, { 'x-hub-signature': signIntercomWebhook(body, SANDBOX.intercomClientSecret) });
}

/**
 * Delivers a Slack Events API callback to `replica`, signed as Slack signs it; `retryNum` > 0 adds
 * the headers Slack puts on its retries (the body, and so the event_id, stay the same).
 */
export function deliverSlackEvent(replica: Replica, body: string, retryNum = 0): Promise<Answer> {
  const retry: Record<string, string> = retryNum > 0 ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
  return post(`${replica.url}/webhooks/slack`, body, { ...slackSignatureHeaders(body, SANDBOX.slackSigningSecret), ...retry });
}

/** Delivers a Slack interaction (a form with a `payload` field) to `replica`, signed. */
export function deliverSlackInteraction(replica: Replica, payload: unknown): Promise<Answer> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(`${replica.url}/webhooks/slack/interactions`, body, {
    'content-type': 'application/x-www-form-urlencoded',
    ...slackSignatureHeaders(body, SANDBOX.slackSigningSecret),
  });
}

/** Lets a wrongly repeated send (a second replica's, a retry's) land before the test counts. */
export const quietPeriod = () => new Promise((resolve) => setTimeout(resolve, 1_500));
