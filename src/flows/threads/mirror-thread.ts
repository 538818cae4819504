import { mentionedUserIds, mrkdwnToHtml } from '../../domain/threads/mrkdwn-to-html.js';
import { isHumanReply } from '../../domain/threads/sync-rules.js';
import { syncedFrom } from '../../domain/threads/sync-window.js';
import { EDITS_NOT_SYNCED_TEXT, slackNoteHtml } from '../../domain/threads/thread-messages.js';
import type { SlackReadMessage } from '../../ports.js';
import type { ConversationThread } from '../../threads/thread-store.js';
import type { FlowDeps } from '../deps.js';
import { slackUserNames } from './slack-names.js';
import { fingerprintOf, isoOfSeconds, syncOnce, type SyncOutcome } from './sync-once.js';
import { postNotice, stillLinked, threadOfRoot } from './thread-roots.js';

/**
 * Slack → Intercom, one pass over a thread: re-reads its replies and writes every person's reply
 * not yet in the conversation as an internal note, oldest first, each once. Never a reply the
 * customer sees: that takes the `Send to customer` shortcut and a confirmation.
 */
export async function mirrorThread(deps: FlowDeps, channelId: string, rootTs: string): Promise<{ complete: boolean }> {
  const thread = await threadOfRoot(deps, channelId, rootTs);
  if (!thread) return { complete: true };
  if (thread.status !== 'linked' || !(await stillLinked(deps, thread))) return { complete: true };
  if (thread.editsSeen && (await postNotice(deps, thread, 'edits', EDITS_NOT_SYNCED_TEXT)) === 'retry') return { complete: false };

  // Replies older than the ledger's records were written or given up long ago: not looked at again.
  const from = syncedFrom(thread, deps.now());
  const replies = (await deps.chat.threadReplies(channelId, rootTs)).filter((m) => isHumanReply(m, rootTs) && Number(m.ts) >= from);
  const waiting: SlackReadMessage[] = [];
  for (const reply of replies) {
    const record = await deps.threadStore.record(noteKey(thread, reply.ts));
    if (record?.status !== 'sent' && record?.status !== 'gave_up') waiting.push(reply);
  }
  if (waiting.length === 0) return { complete: true };
  const names = await slackUserNames(deps, waiting.flatMap((m) => [...(m.user ? [m.user] : []), ...mentionedUserIds(m.text)]));
  for (const reply of waiting) {
    const html = slackNoteHtml(names.get(reply.user ?? '') ?? 'Someone', toHtml(reply, names));
    const outcome = await writeToConversation(deps, thread, { key: noteKey(thread, reply.ts), sourceTs: reply.ts }, 'note', html);
    if (outcome === 'retry') return { complete: false };
  }
  return { complete: true };
}

/** A Slack message as HTML with mentions named. */
export function toHtml(message: SlackReadMessage, names: Map<string, string>): string {
  return mrkdwnToHtml(message.text, { user: (id) => names.get(id) ?? null, channel: () => null }, message.files);
}

/**
 * Writes a note or a reply into the thread's conversation once: an attempt in doubt, or a message
 * the ledger never heard of, is looked for among the conversation's parts (by the app's admin,
 * since the intent or the Slack message, with the same text, not already another message's).
 */
export function writeToConversation(
  deps: FlowDeps,
  thread: ConversationThread,
  source: { key: string; sourceTs: string },
  type: 'note' | 'comment',
  html: string,
): Promise<SyncOutcome> {
  const { adminId } = deps.settings;
  const fingerprint = fingerprintOf(html);
  return syncOnce(deps, source.key, {
    fingerprint,
    sourceAt: isoOfSeconds(source.sourceTs),
    send: async () => {
      const written =
        type === 'note'
          ? await deps.inbox.addNote(thread.conversationId, adminId, html)
          : await deps.inbox.reply(thread.conversationId, adminId, html);
      return written.partId;
    },
    find: async (since) => {
      const conversation = await deps.inbox.getConversation(thread.conversationId, { html: true });
      const after = Math.floor(Date.parse(since) / 1000) - 60;
      const candidates = conversation.parts.filter(
        (p) => p.authorId === adminId && p.partType === type && p.createdAt >= after && fingerprintOf(p.body).includes(fingerprint),
      );
      // The same words twice are two messages: a part already recorded for another is not this one.
      for (const part of candidates) if (!(await deps.threadStore.isTarget(part.id))) return part.id;
      return null;
    },
  });
}

function noteKey(thread: ConversationThread, ts: string): string {
  return `s2i:${thread.channelId}:${ts}`;
}
