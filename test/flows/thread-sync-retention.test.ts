import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import type { ThreadSync } from '../../src/flows/threads/thread-sync.js';
import { channelOf, partsOf, repliesUnder, rootOf, sandboxPost, settled } from '../support/threads.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * The thread ledger forgets a message's record after a month (issue 14). A pass must then not ask
 * for it: it looks back only as far as the records go, so a thread that wakes up after months
 * never sends its old messages again, even where Slack no longer shows them.
 */

const A = CONVERSATION.webhookSecret;
const DAY_MS = 24 * 3_600_000;

describe('a thread that wakes up after its records were pruned', () => {
  let sandbox: TestSandbox;
  let clockMs = Date.now();

  beforeEach(async () => {
    clockMs = Date.now();
    sandbox = await startTestSandbox({ now: () => new Date(clockMs) });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('syncs only what is new, both ways, once', async () => {
    const created = await sandbox.api('/create-ticket', { intercom_conversation_id: A });
    const ticketId = ((await created.json()) as { notion_ticket_id: string }).notion_ticket_id;
    await settled(sandbox);
    const channel = channelOf(sandbox, ticketId);
    const root = rootOf(channel, A);
    const mirrored = (text: string) => repliesUnder(channel, root.ts).filter((m) => m.text.includes(text));
    const notes = (text: string) => partsOf(sandbox, A, 'note').filter((p) => p.body?.includes(text));
    const customerWrites = (body: string) => sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body });
    const replyInThread = (text: string) => sandboxPost(sandbox, '/slack/messages', { channel: channel.id, thread_ts: root.ts, user: SLACK_USER.priya, text });

    await customerWrites('Old question');
    await replyInThread('Old answer');
    await eventually(() => mirrored('Old question').length === 1 && notes('Old answer').length === 1);
    await settled(sandbox);

    clockMs += 40 * DAY_MS;
    await sandbox.runtime.store.prune(new Date(clockMs));
    expect(await sandbox.runtime.flows.threadStore.isTarget(notes('Old answer')[0]!.id)).toBe(false);
    // The workspace's message retention hid the old post, and the old note was edited: a pass
    // that looked for either, with no record left, would find nothing and send it again.
    channel.messages.splice(channel.messages.indexOf(mirrored('Old question')[0]!), 1);
    notes('Old answer')[0]!.body = '<p>Edited by a teammate</p>';

    await customerWrites('New question');
    await replyInThread('New answer');
    // The fake Slack signs its event with the moved clock and the app's replay check reads the real
    // one, so the event is refused: the thread is handed to the sync as the event would have been.
    await (sandbox.runtime.flows.threadEvents as ThreadSync).threadChanged(channel.id, root.ts);
    await eventually(() => mirrored('New question').length === 1 && notes('New answer').length === 1);
    await settled(sandbox);

    expect(mirrored('Old question')).toEqual([]);
    expect(notes('Old answer')).toEqual([]);
    expect(mirrored('New question')).toHaveLength(1);
    expect(notes('New answer')).toHaveLength(1);
  });
});
