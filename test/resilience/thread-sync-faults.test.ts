import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../src/sandbox/fakes/faults.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import type { ChannelState } from '../../src/sandbox/fakes/slack/slack-store.js';
import { channelOf, partsOf, repliesUnder, rootOf, sandboxPost, settled } from '../support/threads.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Every write of the thread sync failing once, before the service applied it and after (the
 * in-doubt case): each message still arrives exactly once, in order.
 */

const A = CONVERSATION.webhookSecret;
const FAULTS: FaultKind[] = ['http500', 'http503', 'timeout', 'reset'];
const PHASES = ['before', 'after'] as const;

describe('the thread sync under failures', () => {
  let sandbox: TestSandbox;
  let channel: ChannelState;
  let rootTs: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { HTTP_TIMEOUT_MS: '800' }, world: { faults: { timeoutHoldMs: 5_000 } } });
    const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: A })).json()) as { notion_ticket_id: string };
    channel = channelOf(sandbox, created.notion_ticket_id);
    rootTs = rootOf(channel, A).ts;
    await settled(sandbox);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const mirrorsOf = (text: string) => repliesUnder(channel, rootTs).filter((m) => m.user === sandbox.world.slack.botUserId && m.text.includes(text));
  const notesOf = (text: string) => partsOf(sandbox, A, 'note').filter((p) => p.body?.includes(text));

  for (const fault of FAULTS) {
    for (const phase of PHASES) {
      it(`Intercom → Slack: chat.postMessage ${fault} ${phase} it applies → one message in the thread`, async () => {
        const text = `customer ${fault} ${phase}`;
        sandbox.world.faults.addRule({ service: 'slack', method: 'chat.postMessage', fault, phase });
        await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: text });
        await eventually(() => mirrorsOf(text).length >= 1, 20_000);
        await settled(sandbox, 20_000);
        expect(mirrorsOf(text)).toHaveLength(1);
      });

      it(`Slack → Intercom: the note's POST ${fault} ${phase} it applies → one note in the conversation`, async () => {
        const text = `engineer ${fault} ${phase}`;
        sandbox.world.faults.addRule({ service: 'intercom', method: 'POST /conversations/{id}/reply', fault, phase });
        await sandboxPost(sandbox, '/slack/messages', { channel: channel.id, thread_ts: rootTs, user: SLACK_USER.priya, text });
        await eventually(() => notesOf(text).length >= 1, 20_000);
        await settled(sandbox, 20_000);
        expect(notesOf(text)).toHaveLength(1);
      });
    }
  }

  it('keeps the order the customer wrote in, even when the webhooks come late or not at all', async () => {
    // The first two messages' webhooks are lost; the third's arrives and brings them all.
    sandbox.world.deliveries.intercom.configure({ copies: 0 });
    await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: 'order one' });
    await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: 'order two' });
    sandbox.world.deliveries.intercom.configure({ copies: 1 });
    await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: 'order three' });
    await eventually(() => mirrorsOf('order three').length === 1);
    await settled(sandbox);
    const texts = repliesUnder(channel, rootTs).map((m) => m.text).filter((t) => t.includes('order '));
    expect(texts.map((t) => t.slice(t.indexOf('order ')))).toEqual(['order one', 'order two', 'order three']);
  });
});
