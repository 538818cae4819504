import { mentionedUserIds } from '../../domain/threads/mrkdwn-to-html.js';
import {
  CANNOT_SEND,
  cannotSendView,
  type Confirmation,
  confirmSendView,
} from '../../domain/threads/send-to-customer-views.js';
import { isHumanReply } from '../../domain/threads/sync-rules.js';
import { customerReplyHtml, sentToCustomerText } from '../../domain/threads/thread-messages.js';
import type { FlowDeps } from '../deps.js';
import { toHtml, writeToConversation } from './mirror-thread.js';
import { slackUserNames } from './slack-names.js';
import { postNotice, stillLinked, threadOfRoot } from './thread-roots.js';

export interface ShortcutMessage {
  channelId: string;
  ts: string;
  threadTs: string | null;
  user: string | null;
  botId: string | null;
  text: string;
}

/**
 * The shortcut was used on a message: open the confirmation (or say why it cannot be sent).
 * Nothing is sent here: Slack gives a trigger three seconds, so this only reads and opens.
 */
export async function askToSendToCustomer(deps: FlowDeps, triggerId: string, message: ShortcutMessage): Promise<void> {
  const reason = await whyNot(deps, message);
  if (reason) return deps.chat.openView(triggerId, cannotSendView(reason));
  const thread = (await threadOfRoot(deps, message.channelId, message.threadTs!))!;
  const names = await slackUserNames(deps, message.user ? [message.user] : []);
  await deps.chat.openView(
    triggerId,
    confirmSendView({
      confirmation: { channel: message.channelId, ts: message.ts, root: message.threadTs! },
      conversationUrl: deps.settings.intercom.conversationUrl(thread.conversationId),
      authorName: names.get(message.user ?? '') ?? 'Someone',
      text: message.text,
    }),
  );
}

async function whyNot(deps: FlowDeps, message: ShortcutMessage): Promise<string | null> {
  if (!message.threadTs || message.threadTs === message.ts) return CANNOT_SEND.notInThread;
  if (message.botId || !message.user) return CANNOT_SEND.fromApp;
  const thread = await threadOfRoot(deps, message.channelId, message.threadTs);
  if (!thread || thread.status !== 'linked') return thread ? CANNOT_SEND.notLinked : CANNOT_SEND.notInThread;
  return null;
}

/**
 * Confirmed: the message becomes a reply to the customer from INTERCOM_ADMIN_ID, signed with the
 * Slack author's name, once. It is read again first (the latest text, still there, still a
 * person's, the thread still linked), then the thread is told it was sent.
 */
export async function sendToCustomer(deps: FlowDeps, confirmation: Confirmation, requester: string): Promise<{ complete: boolean }> {
  const thread = await threadOfRoot(deps, confirmation.channel, confirmation.root);
  if (!thread || !(await stillLinked(deps, thread))) return { complete: true };
  const replies = await deps.chat.threadReplies(confirmation.channel, confirmation.root);
  const message = replies.find((m) => m.ts === confirmation.ts);
  if (!message || !isHumanReply(message, confirmation.root)) {
    deps.logger.warn({ channel: confirmation.channel, ts: confirmation.ts }, 'send to customer: the message is gone or not a person\'s reply; nothing sent');
    return { complete: true };
  }
  const names = await slackUserNames(deps, [message.user ?? '', requester, ...mentionedUserIds(message.text)].filter(Boolean));
  const author = names.get(message.user ?? '') ?? 'The team';
  const html = customerReplyHtml(author, toHtml(message, names));
  const outcome = await writeToConversation(deps, thread, { key: `s2c:${confirmation.channel}:${confirmation.ts}`, sourceTs: confirmation.ts }, 'comment', html);
  if (outcome === 'retry') return { complete: false };
  if (outcome === 'gave_up') return { complete: true };
  const notice = await postNotice(deps, thread, `sent-${confirmation.ts}`, sentToCustomerText(names.get(requester) ?? 'someone', author));
  return { complete: notice !== 'retry' };
}
