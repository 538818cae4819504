import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignatureHeaders } from '../../src/http/webhook-signatures.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { channelOf, partsOf, repliesUnder, rootOf, sandboxPost, settled } from '../support/threads.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * The `Send to customer` message shortcut: the only way a Slack message reaches the customer.
 * The shortcut opens a confirmation; only its submission sends, once.
 */

const A = CONVERSATION.webhookSecret;

describe('Send to customer', () => {
  let sandbox: TestSandbox;
  let channelId: string;
  let rootTs: string;
  let replyTs: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: A })).json()) as { notion_ticket_id: string };
    const channel = channelOf(sandbox, created.notion_ticket_id);
    channelId = channel.id;
    rootTs = rootOf(channel, A).ts;
    replyTs = String((await sandboxPost(sandbox, '/slack/messages', { channel: channelId, thread_ts: rootTs, user: SLACK_USER.priya, text: 'Fixed in *2.3*: please update.' })).ts);
    await settled(sandbox);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const comments = () => partsOf(sandbox, A, 'comment');
  const shortcut = (messageTs: string, user: string = SLACK_USER.sam) =>
    sandboxPost(sandbox, '/slack/shortcuts', { channel: channelId, message_ts: messageTs, user }) as Promise<{
      app_status: number;
      view: { id: string; view: { callback_id?: string; blocks: Array<{ text?: { text: string } }>; submit?: unknown } } | null;
    }>;

  it('asks for confirmation and sends nothing until it is given', async () => {
    const before = comments().length;
    const { app_status, view } = await shortcut(replyTs);
    expect(app_status).toBe(200);
    expect(view?.view.callback_id).toBe('send_to_customer_confirm');
    expect(JSON.stringify(view?.view.blocks)).toContain('signed *Priya Raman*');
    expect(JSON.stringify(view?.view.blocks)).toContain('Fixed in *2.3*: please update.');

    await settled(sandbox);
    expect(comments()).toHaveLength(before);
    // Cancelling sends nothing either.
    await sandboxPost(sandbox, `/slack/views/${view!.id}/close`, {});
    await settled(sandbox);
    expect(comments()).toHaveLength(before);
  });

  it('posts one reply from INTERCOM_ADMIN_ID signed with the Slack author, however often the confirmation arrives', async () => {
    const before = comments().length;
    const { view } = await shortcut(replyTs);
    const submitted = (await sandboxPost(sandbox, `/slack/views/${view!.id}/submit`, {})) as { app_status: number; closed: boolean };
    expect(submitted).toEqual({ app_status: 200, closed: true });
    await eventually(() => comments().length === before + 1);

    // The same submission replayed ten times (signed, so the app cannot tell it from Slack's).
    const replay = new URLSearchParams({
      payload: JSON.stringify({
        type: 'view_submission',
        user: { id: SLACK_USER.sam },
        view: { id: view!.id, callback_id: 'send_to_customer_confirm', private_metadata: JSON.stringify({ channel: channelId, ts: replyTs, root: rootTs }) },
      }),
    }).toString();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${sandbox.url}/webhooks/slack/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(replay, SANDBOX.slackSigningSecret) },
          body: replay,
        }).then((r) => r.status),
      ),
    );
    expect(answers).toEqual(Array(10).fill(200));
    // A second confirmation of the same message, in a new modal, sends nothing more either.
    const again = await shortcut(replyTs, SLACK_USER.priya);
    await sandboxPost(sandbox, `/slack/views/${again.view!.id}/submit`, {});
    await settled(sandbox);

    const sent = comments().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.author.id).toBe(sandbox.runtime.config.intercom.adminId);
    expect(sent[0]!.body).toBe('<p>Fixed in <b>2.3</b>: please update.</p><p>— Priya Raman</p>');
    const notices = repliesUnder(sandbox.world.slack.channel(channelId)!, rootTs).filter((m) => m.text.startsWith(':outbox_tray: Sent to the customer'));
    expect(notices.map((m) => m.text)).toEqual([':outbox_tray: Sent to the customer by Sam Oduya (written by Priya Raman).']);
    // The reply, written by the app, is not mirrored back into the thread.
    expect(repliesUnder(sandbox.world.slack.channel(channelId)!, rootTs).some((m) => m.text.includes('replied to the customer'))).toBe(false);
  });

  it("refuses the app's own messages and messages outside a conversation's thread", async () => {
    const channel = sandbox.world.slack.channel(channelId)!;
    const appMessage = repliesUnder(channel, rootTs).find((m) => m.user === SANDBOX.slackBotUserId)!;
    const own = await shortcut(appMessage.ts);
    expect(own.view?.view.submit).toBeUndefined();
    expect(JSON.stringify(own.view?.view.blocks)).toContain("only a person's reply");

    const root = await shortcut(rootTs);
    expect(root.view?.view.submit).toBeUndefined();
    expect(JSON.stringify(root.view?.view.blocks)).toContain('Only a reply in the thread of an Intercom conversation');
  });
});
