import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { BOT, channelOf, customerRepliedNotification, partsOf, repliesUnder, rootOf, sandboxPost, settled, threadReplyEvent, webhook } from '../support/threads.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';
import { signIntercomWebhook, slackSignatureHeaders } from '../../src/http/webhook-signatures.js';
import { SANDBOX } from '../../src/sandbox/constants.js';

/**
 * Each linked conversation has a thread in its ticket's Slack channel, synced both ways, through
 * the real routes: the fake Intercom sends signed webhooks when someone writes in a conversation,
 * the fake Slack sends signed events when someone replies in a thread.
 */

const A = CONVERSATION.webhookSecret;
const B = CONVERSATION.smsBrazil;
const OTHER = CONVERSATION.oktaLoop;

describe('the thread of a conversation, synced both ways', () => {
  let sandbox: TestSandbox;
  let ticketId: string;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
    const created = await sandbox.api('/create-ticket', { intercom_conversation_id: A });
    expect(created.status).toBe(200);
    ticketId = ((await created.json()) as { notion_ticket_id: string }).notion_ticket_id;
    // B joins the same ticket, OTHER another one: three threads in two channels.
    await sandbox.canvas.submit(B, `link:${sandbox.world.ticket(ticketId)!.page_id}`, null);
    await sandbox.canvas.submit(OTHER, `link:${sandbox.world.ticket('JMP-23')!.page_id}`, null);
    await settled(sandbox);
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const customerWrites = (conversationId: string, body: string) => sandboxPost(sandbox, `/conversations/${conversationId}/reply`, { author: 'customer', body });
  const replyInThread = (channelId: string, threadTs: string, text: string, user: string = SLACK_USER.priya) =>
    sandboxPost(sandbox, '/slack/messages', { channel: channelId, thread_ts: threadTs, user, text });
  const slackNotes = (conversationId: string) => partsOf(sandbox, conversationId, 'note').filter((p) => p.body?.includes('in Slack:'));

  it('posts a customer reply once, in the thread of its conversation and nowhere else', async () => {
    const channel = channelOf(sandbox, ticketId);
    const other = channelOf(sandbox, 'JMP-23');
    const otherBefore = other.messages.length;
    const rootA = rootOf(channel, A);
    const rootB = rootOf(channel, B);
    expect(rootA.metadata?.event_type).toBe('ticket_channel_opened');
    expect(rootB.metadata?.event_type).toBe('conversation_linked');

    await customerWrites(A, 'Still failing after we rotated the secret again. <!channel>');
    await eventually(() => repliesUnder(channel, rootA.ts).length === 1);
    await settled(sandbox);

    const [mirrored] = repliesUnder(channel, rootA.ts);
    expect(mirrored!.user).toBe(BOT);
    expect(mirrored!.text).toContain('(customer) wrote:');
    expect(mirrored!.text).toContain('Still failing after we rotated the secret again. &lt;!channel&gt;');
    expect(repliesUnder(channel, rootB.ts)).toEqual([]);
    expect(other.messages).toHaveLength(otherBefore);
    // Not in the channel itself either: only in the thread.
    expect(channel.messages.filter((m) => !m.threadTs && m.text.includes('Still failing'))).toEqual([]);
  });

  it('writes a Slack thread reply once as a note in its conversation, mentions named, and only there', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);
    const notesElsewhere = [B, OTHER].map((id) => partsOf(sandbox, id, 'note').length);
    const commentsBefore = partsOf(sandbox, A, 'comment').length;

    await replyInThread(channel.id, rootA.ts, `Found it: the old secret is cached for 10 min. cc <@${SLACK_USER.sam}> *fix in 2.3*`);
    await eventually(() => slackNotes(A).length === 1);
    await settled(sandbox);

    const [note] = slackNotes(A);
    expect(note!.body).toBe('<p><b>Priya Raman</b> in Slack: Found it: the old secret is cached for 10 min. cc @Sam Oduya <b>fix in 2.3</b></p>');
    expect(note!.author.id).toBe(sandbox.runtime.config.intercom.adminId);
    expect([B, OTHER].map((id) => partsOf(sandbox, id, 'note').length)).toEqual(notesElsewhere);
    // Never a reply the customer sees.
    expect(partsOf(sandbox, A, 'comment')).toHaveLength(commentsBefore);
  });

  it('changes nothing when every webhook and event arrives ten times, replays and retries', async () => {
    sandbox.world.deliveries.intercom.configure({ copies: 10 });
    sandbox.world.deliveries.slackEvents.configure({ copies: 10 });
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);

    await customerWrites(A, 'Any news?');
    await eventually(() => repliesUnder(channel, rootA.ts).length === 1);
    await replyInThread(channel.id, rootA.ts, 'Deploying the fix now');
    await eventually(() => slackNotes(A).length === 1 && repliesUnder(channel, rootA.ts).length === 2);
    await settled(sandbox);

    const attempts = [...sandbox.world.deliveries.intercom.attempts, ...sandbox.world.deliveries.slackEvents.attempts];
    expect(attempts.filter((a) => a.copy === 10).length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.status === 200)).toBe(true);
    expect(repliesUnder(channel, rootA.ts).map((m) => m.user)).toEqual([BOT, SLACK_USER.priya]);
    expect(slackNotes(A)).toHaveLength(1);
  });

  it('drops the same notification and the same event delivered again and again, Slack retries numbered', async () => {
    // The fakes stay quiet: the deliveries below are made by hand, byte for byte the same each time.
    sandbox.world.deliveries.intercom.configure({ copies: 0 });
    sandbox.world.deliveries.slackEvents.configure({ copies: 0 });
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);
    await customerWrites(A, 'Replayed question');
    const { ts } = (await replyInThread(channel.id, rootA.ts, 'Replayed answer')) as { ts: string };
    const notification = customerRepliedNotification('notif_replayed', A);
    const event = threadReplyEvent('Ev0REPLAYED1', { channel: channel.id, user: SLACK_USER.priya, text: 'Replayed answer', ts, thread_ts: rootA.ts });
    const deliver = (retry: number) =>
      Promise.all([
        webhook(sandbox, '/webhooks/intercom', notification, { 'x-hub-signature': signIntercomWebhook(notification, SANDBOX.intercomClientSecret) }),
        webhook(sandbox, '/webhooks/slack', event, {
          ...slackSignatureHeaders(event, SANDBOX.slackSigningSecret),
          ...(retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
        }),
      ]);

    const first = await deliver(0);
    expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    // Five more while the first is being worked on, four after it is done.
    const during = await Promise.all([1, 2, 3, 4, 5].map(deliver));
    const mirrored = () => repliesUnder(channel, rootA.ts).filter((m) => m.user === BOT);
    await eventually(() => mirrored().length === 1 && slackNotes(A).length === 1);
    await settled(sandbox);
    const after = [];
    for (const retry of [6, 7, 8, 9]) after.push(await deliver(retry));
    await settled(sandbox);

    expect([...during, ...after].flat().map((r) => r.status)).toEqual(Array(18).fill('duplicate'));
    expect([...during, ...after].map(([, slack]) => slack!.retry)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(mirrored().map((m) => m.text)).toEqual([expect.stringContaining('Replayed question')]);
    expect(slackNotes(A).map((p) => p.body)).toEqual(['<p><b>Priya Raman</b> in Slack: Replayed answer</p>']);
  });

  it('keeps the order of the Slack thread in the conversation, even when events come late or not at all', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);
    // The first two events are lost; the third arrives and brings them all, oldest first.
    sandbox.world.deliveries.slackEvents.configure({ copies: 0 });
    await replyInThread(channel.id, rootA.ts, 'step one');
    await replyInThread(channel.id, rootA.ts, 'step two', SLACK_USER.sam);
    sandbox.world.deliveries.slackEvents.configure({ copies: 1 });
    await replyInThread(channel.id, rootA.ts, 'step three');
    await eventually(() => slackNotes(A).length === 3);
    await settled(sandbox);
    expect(slackNotes(A).map((p) => p.body)).toEqual([
      '<p><b>Priya Raman</b> in Slack: step one</p>',
      '<p><b>Sam Oduya</b> in Slack: step two</p>',
      '<p><b>Priya Raman</b> in Slack: step three</p>',
    ]);
  });

  it('handles the retry of a delivery whose work could not be recorded, rather than dropping it as a duplicate', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);
    sandbox.world.deliveries.slackEvents.configure({ copies: 0 });
    sandbox.world.deliveries.intercom.configure({ copies: 0 });
    const { ts } = (await replyInThread(channel.id, rootA.ts, 'Kept despite the store')) as { ts: string };
    await customerWrites(A, 'Also kept despite the store');
    const event = threadReplyEvent('Ev0STOREDOWN', { channel: channel.id, user: SLACK_USER.priya, text: 'Kept despite the store', ts, thread_ts: rootA.ts });
    const notification = customerRepliedNotification('notif_storedown', A);
    const sendSlack = (retry: number) =>
      fetch(`${sandbox.url}/webhooks/slack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...slackSignatureHeaders(event, SANDBOX.slackSigningSecret), ...(retry ? { 'x-slack-retry-num': String(retry) } : {}) },
        body: event,
      });
    const sendIntercom = () =>
      fetch(`${sandbox.url}/webhooks/intercom`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature': signIntercomWebhook(notification, SANDBOX.intercomClientSecret) },
        body: notification,
      });
    // The store refuses to record the work of the first deliveries.
    const store = sandbox.runtime.flows.threadStore;
    const addWork = store.addWork.bind(store);
    store.addWork = () => Promise.reject(new Error('the store is down'));
    expect((await sendSlack(0)).status).toBeGreaterThanOrEqual(500);
    expect((await sendIntercom()).status).toBeGreaterThanOrEqual(500);
    store.addWork = addWork;

    expect(await (await sendSlack(1)).json()).toMatchObject({ status: 'accepted' });
    expect(await (await sendIntercom()).json()).toMatchObject({ status: 'accepted' });
    expect(await (await sendSlack(2)).json()).toMatchObject({ status: 'duplicate' });

    await eventually(() => slackNotes(A).length === 1 && repliesUnder(channel, rootA.ts).some((m) => m.text.includes('Also kept despite the store')), 15_000);
    await settled(sandbox);
    expect(slackNotes(A)).toHaveLength(1);
    expect(repliesUnder(channel, rootA.ts).filter((m) => m.text.includes('Also kept despite the store'))).toHaveLength(1);
  });

  it('answers a webhook at once and does the work after: Slack and Intercom are not kept waiting', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);
    // Every call to Intercom and Slack now takes a second and a half.
    sandbox.world.faults.set({ intercom: { latencyMs: 1_500 }, slack: { latencyMs: 1_500 } });
    sandbox.world.deliveries.slackEvents.configure({ copies: 0 });
    sandbox.world.deliveries.intercom.configure({ copies: 0 });
    const { ts } = (await replyInThread(channel.id, rootA.ts, 'Answered later')) as { ts: string };
    await customerWrites(A, 'Mirrored later');

    const event = threadReplyEvent('Ev0ANSWERED1', { channel: channel.id, user: SLACK_USER.priya, text: 'Answered later', ts, thread_ts: rootA.ts });
    const notification = customerRepliedNotification('notif_answered', A);
    const [slack, intercom] = await Promise.all([
      webhook(sandbox, '/webhooks/slack', event, slackSignatureHeaders(event, SANDBOX.slackSigningSecret)),
      webhook(sandbox, '/webhooks/intercom', notification, { 'x-hub-signature': signIntercomWebhook(notification, SANDBOX.intercomClientSecret) }),
    ]);
    // Answered before the work reached either service.
    expect([slack.status, intercom.status]).toEqual(['accepted', 'accepted']);
    expect(slackNotes(A)).toEqual([]);
    expect(repliesUnder(channel, rootA.ts).filter((m) => m.user === BOT)).toEqual([]);

    await eventually(() => slackNotes(A).length === 1 && repliesUnder(channel, rootA.ts).some((m) => m.text.includes('Mirrored later')), 15_000);
    sandbox.world.faults.clear();
    await settled(sandbox);
    expect(slackNotes(A)).toHaveLength(1);
  });

  it("never loops the app's own messages back, while a person using the app's teammate is synced", async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);

    await replyInThread(channel.id, rootA.ts, 'On it');
    await eventually(() => slackNotes(A).length === 1);
    await settled(sandbox);
    // Intercom told the app about its own note, and Slack about its own messages: both ignored.
    expect(sandbox.world.deliveries.intercom.attempts.some((a) => a.kind === 'conversation.admin.noted' && a.status === 200)).toBe(true);
    expect(repliesUnder(channel, rootA.ts).map((m) => m.user)).toEqual([SLACK_USER.priya]);

    // Dana is INTERCOM_ADMIN_ID, but typed this in the inbox herself: it is hers, not the app's.
    await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'admin', admin_id: sandbox.runtime.config.intercom.adminId, body: 'Thanks, telling the customer.', note: true });
    await eventually(() => repliesUnder(channel, rootA.ts).length === 2);
    await settled(sandbox);
    const mirrored = repliesUnder(channel, rootA.ts)[1]!;
    expect(mirrored.user).toBe(BOT);
    expect(mirrored.text).toContain('*Dana Whitfield* added an internal note');
    expect(sandbox.world.deliveries.slackEvents.attempts.some((a) => a.kind === 'message' && a.status === 200)).toBe(true);
    expect(slackNotes(A)).toHaveLength(1);
    expect(repliesUnder(channel, rootA.ts)).toHaveLength(2);
  });

  it('stops the thread when the conversation is unlinked, and says so once', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootB = rootOf(channel, B);
    await customerWrites(B, 'Hello?');
    await eventually(() => repliesUnder(channel, rootB.ts).length === 1);

    const pageId = sandbox.world.ticket(ticketId)!.page_id;
    await sandbox.canvas.submit(B, `confirm_unlink:${pageId}`, null);
    await eventually(() => repliesUnder(channel, rootB.ts).some((m) => m.text.startsWith(':scissors: Unlinked from')));
    await customerWrites(B, 'Anyone there?');
    await replyInThread(channel.id, rootB.ts, 'this should stay in Slack');
    await settled(sandbox);

    const texts = repliesUnder(channel, rootB.ts).map((m) => m.text);
    expect(texts.filter((t) => t.includes(`Unlinked from ${ticketId}`))).toHaveLength(1);
    expect(texts.some((t) => t.includes('Anyone there?'))).toBe(false);
    expect(slackNotes(B)).toEqual([]);
  });

  it('says a thread is over even when Slack refused the notice the first time', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootB = rootOf(channel, B);
    const posts = () => sandbox.world.calls.count('slack', 'chat.postMessage');
    sandbox.world.faults.addRule({ service: 'slack', method: 'chat.postMessage', fault: 'http500', times: 1_000_000 });
    const before = posts();

    const pageId = sandbox.world.ticket(ticketId)!.page_id;
    await sandbox.canvas.submit(B, `confirm_unlink:${pageId}`, null);
    await eventually(() => posts() > before);
    sandbox.world.faults.clear();

    await eventually(() => repliesUnder(channel, rootB.ts).some((m) => m.text.includes(`Unlinked from ${ticketId}`)), 20_000);
    await settled(sandbox, 20_000);
    expect(repliesUnder(channel, rootB.ts).filter((m) => m.text.includes(`Unlinked from ${ticketId}`))).toHaveLength(1);
  }, 60_000);

  it('does not sync edits or deletions, and says so in the thread once', async () => {
    const channel = channelOf(sandbox, ticketId);
    const rootA = rootOf(channel, A);
    const { ts } = (await replyInThread(channel.id, rootA.ts, 'first version')) as { ts: string };
    await eventually(() => slackNotes(A).length === 1);

    await sandboxPost(sandbox, '/slack/messages/edit', { channel: channel.id, ts, text: 'second version' });
    await sandboxPost(sandbox, '/slack/messages/edit', { channel: channel.id, ts, text: 'third version' });
    await sandboxPost(sandbox, '/slack/messages/delete', { channel: channel.id, ts });
    await eventually(() => repliesUnder(channel, rootA.ts).some((m) => m.text.includes('Edits and deletions in Slack are not synced')));
    await settled(sandbox);

    expect(repliesUnder(channel, rootA.ts).filter((m) => m.text.includes('not synced'))).toHaveLength(1);
    expect(slackNotes(A).map((p) => p.body)).toEqual(['<p><b>Priya Raman</b> in Slack: first version</p>']);
  });
});

describe('INTERCOM_TO_SLACK', () => {
  /** A sandbox with A's ticket created; `run` gets A's channel and thread root. */
  async function withThread(env: Record<string, string>, run: (sandbox: TestSandbox, channel: ReturnType<typeof channelOf>, rootTs: string) => Promise<void>) {
    const sandbox = await startTestSandbox({ env });
    try {
      const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: A })).json()) as { notion_ticket_id: string };
      const channel = channelOf(sandbox, created.notion_ticket_id);
      await settled(sandbox);
      await run(sandbox, channel, rootOf(channel, A).ts);
    } finally {
      await sandbox.close();
    }
  }

  it('by default (all), mirrors the customer, teammate replies, notes and closes, saying what the customer saw', async () => {
    await withThread({}, async (sandbox, channel, rootTs) => {
      const customer = sandbox.world.intercom.conversation(A)!.source.author.name;
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: 'it broke again' });
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'admin', admin_id: '7310002', body: 'Sorry! Looking now.' });
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'admin', admin_id: '7310002', body: 'cache again?', note: true });
      sandbox.world.intercom.manage(A, { message_type: 'close', type: 'admin', admin_id: '7310002' });
      await eventually(() => repliesUnder(channel, rootTs).length === 4);
      await settled(sandbox);
      expect(repliesUnder(channel, rootTs).map((m) => m.text)).toEqual([
        `:speech_balloon: *${customer}* (customer) wrote:\nit broke again`,
        ':outbox_tray: *Marcus Oyelaran* replied to the customer:\nSorry! Looking now.',
        ':memo: *Marcus Oyelaran* added an internal note (the customer does not see it):\ncache again?',
        ':white_check_mark: *Marcus Oyelaran* closed the conversation.',
      ]);
    });
  });

  it('with off, mirrors nothing into Slack, while Slack replies still become notes', async () => {
    await withThread({ INTERCOM_TO_SLACK: 'off' }, async (sandbox, channel, rootTs) => {
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: 'hello?' });
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'admin', admin_id: '7310002', body: 'internal', note: true });
      await sandboxPost(sandbox, '/slack/messages', { channel: channel.id, thread_ts: rootTs, user: SLACK_USER.priya, text: 'still heard' });
      await eventually(() => partsOf(sandbox, A, 'note').some((p) => p.body?.includes('still heard')));
      await settled(sandbox);
      expect(sandbox.world.deliveries.intercom.attempts.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(2);
      expect(repliesUnder(channel, rootTs).map((m) => m.user)).toEqual([SLACK_USER.priya]);
    });
  });

  it('with customer, mirrors what the customer writes and not the teammates', async () => {
    await withThread({ INTERCOM_TO_SLACK: 'customer' }, async (sandbox, channel, rootTs) => {
      const customer = sandbox.world.intercom.conversation(A)!.source.author.name;
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'admin', admin_id: '7310002', body: 'internal: checking logs', note: true });
      await sandboxPost(sandbox, `/conversations/${A}/reply`, { author: 'customer', body: 'thanks' });
      await eventually(() => repliesUnder(channel, rootTs).length === 1);
      await settled(sandbox);
      expect(repliesUnder(channel, rootTs).map((m) => m.text)).toEqual([`:speech_balloon: *${customer}* (customer) wrote:\nthanks`]);
    });
  });
});
