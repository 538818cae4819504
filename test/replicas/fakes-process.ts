import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { FaultSettingsPatch } from '../../src/sandbox/fakes/faults.js';
import type { NotionWebhookEvent } from '../../src/sandbox/fakes/notion/notion-webhooks.js';
import type { SandboxState } from '../../src/sandbox/fakes/sandbox-state.js';

export type Ticket = SandboxState['notion']['tickets'][number];
export type Channel = SandboxState['slack']['channels'][number];
export type Conversation = SandboxState['intercom']['conversations'][number];

/**
 * The fakes process (fakes-main.ts) and the test's view of it, over HTTP only: the replicas and
 * the test see the same Notion, Slack and Intercom, and nothing is shared in memory.
 */
export interface FakesProcess {
  /** …/sandbox: what the replicas' *_BASE_URL point under. */
  url: string;
  /** Every ticket, channel and conversation as they are now. */
  state(): Promise<SandboxState>;
  /**
   * Back to the empty seed (no channels, the demo inbox, no faults) plus one old ticket made by
   * hand: an installation in use, whose replicas' index refresh has an edit time to start from.
   */
  reset(): Promise<void>;
  faults(patch: FaultSettingsPatch): Promise<void>;
  /** A new customer conversation; returns its id. */
  addConversation(text: string): Promise<string>;
  /** Someone writes in an Intercom conversation (no webhook goes out: the test delivers it). */
  write(conversationId: string, author: 'customer' | 'admin', body: string): Promise<void>;
  /** A person writes in a Slack thread (no event goes out: the test delivers it); returns the message's ts. */
  slackReply(channelId: string, threadTs: string, user: string, text: string): Promise<string>;
  /** A person sets the ticket's Status in Notion; returns the webhook event Notion would send (not delivered). */
  setStatus(pageId: string, status: string): Promise<NotionWebhookEvent>;
  close(): Promise<void>;
}

export async function startFakesProcess(): Promise<FakesProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/replicas/fakes-main.ts'], {
    env: { PATH: process.env.PATH },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const url = await readyUrl(child);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`fakes ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    url,
    state: () => call<SandboxState>('GET', '/state?tickets=all'),
    reset: async () => {
      await call('POST', '/reset', { seed: 'empty' });
      await call('POST', '/tickets', { tickets: [{ title: 'Dark mode for the dashboard', description: 'A customer asked for a dark theme.', status: 'In progress' }] });
    },
    faults: async (patch) => {
      await call('POST', '/faults', patch);
    },
    addConversation: async (text) =>
      (await call<{ id: string }>('POST', '/conversations', { customer: { name: 'A customer', email: 'customer@example.com' }, parts: [{ author: 'customer', body: text }] })).id,
    write: async (conversationId, author, body) => {
      await call('POST', `/conversations/${conversationId}/reply`, { author, body });
    },
    slackReply: async (channelId, threadTs, user, text) =>
      (await call<{ ts: string }>('POST', '/slack/messages', { channel: channelId, thread_ts: threadTs, user, text })).ts,
    setStatus: async (pageId, status) => {
      await call('POST', `/notion/pages/${pageId}/status`, { status });
      const { events } = await call<{ events: NotionWebhookEvent[] }>('GET', '/webhooks');
      const event = events.findLast((e) => e.entity.id === pageId && e.type === 'page.properties_updated');
      if (!event) throw new Error(`the fake Notion recorded no event for ${pageId}`);
      return event;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}

function readyUrl(child: ChildProcess): Promise<string> {
  const lines: string[] = [];
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the fakes did not start:\n${lines.join('\n')}`));
    }, 30_000);
    const onLine = (line: string) => {
      lines.push(line);
      if (!line.startsWith('{"url"')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fakes exited with ${code} before they were ready:\n${lines.join('\n')}`));
    });
  });
}
