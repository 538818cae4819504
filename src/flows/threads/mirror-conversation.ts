import { htmlToMrkdwn } from '../../domain/threads/html-to-mrkdwn.js';
import { mirrorKind } from '../../domain/threads/sync-rules.js';
import { syncedFrom } from '../../domain/threads/sync-window.js';
import { mirroredPartText } from '../../domain/threads/thread-messages.js';
import type { ConversationThread } from '../../threads/thread-store.js';
import type { Conversation } from '../../domain/conversation.js';
import type { FlowDeps } from '../deps.js';
import { findInThread, threadsOfConversation } from './thread-roots.js';
import { isoOfSeconds, syncOnce } from './sync-once.js';

/** Metadata of a mirrored Intercom part, so an in-doubt post can be found in the thread. */
export const PART_EVENT = 'intercom_part_synced';

/**
 * Intercom → Slack, one pass over a conversation: re-reads it (a webhook only says that something
 * changed), and posts every part not yet in each of its threads, oldest first, each once. A part
 * that fails stops its thread's pass, so a later one is never posted above it; the pass returns
 * whether it has to be run again.
 */
export async function mirrorConversation(deps: FlowDeps, conversationId: string): Promise<{ complete: boolean }> {
  const { linked, retry } = await threadsOfConversation(deps, conversationId);
  if (linked.length === 0 || deps.settings.intercomToSlack === 'off') return { complete: !retry };
  let conversation: Conversation;
  try {
    conversation = await deps.inbox.getConversation(conversationId, { html: true });
  } catch (err) {
    // A conversation deleted in Intercom has nothing more to say.
    if ((err as { code?: string }).code === 'conversation_not_found') return { complete: true };
    throw err;
  }
  let complete = !retry;
  for (const thread of linked) {
    if (!(await mirrorInto(deps, conversation, thread))) complete = false;
  }
  return { complete };
}

async function mirrorInto(deps: FlowDeps, conversation: Conversation, thread: ConversationThread): Promise<boolean> {
  const url = deps.settings.intercom.conversationUrl(conversation.id);
  // Parts from before the link are not the thread's; those older than the ledger's records were synced or given up long ago.
  const from = syncedFrom(thread, deps.now());
  for (const part of conversation.parts) {
    if (part.createdAt < from) continue;
    const candidate = { ...part, attachments: part.attachments ?? [], viaApi: part.viaApi ?? null };
    const ownPart = await deps.threadStore.isTarget(part.id);
    const kind = mirrorKind(candidate, {
      mode: deps.settings.intercomToSlack,
      adminId: deps.settings.adminId,
      ownPartIds: ownPart ? new Set([part.id]) : new Set(),
    });
    if (!kind) continue;
    // Re-read before each post: an unlink may have landed while this pass ran.
    const current = (await deps.threadStore.threadsOfConversation(conversation.id)).find((t) => t.pageId === thread.pageId);
    if (current?.status !== 'linked' || current.rootTs !== thread.rootTs) return true;
    const payload = { conversation_id: conversation.id, part_id: part.id };
    const outcome = await syncOnce(deps, `i2s:${thread.channelId}:${thread.rootTs}:${part.id}`, {
      fingerprint: null,
      sourceAt: isoOfSeconds(part.createdAt),
      send: async () => {
        const text = mirroredPartText({
          kind,
          authorName: part.authorName ?? (kind === 'customer' ? 'The customer' : 'A teammate'),
          body: htmlToMrkdwn(part.body),
          attachments: candidate.attachments,
          conversationUrl: url,
        });
        const posted = await deps.chat.postMessage(thread.channelId, {
          text,
          threadTs: thread.rootTs,
          metadata: { event_type: PART_EVENT, event_payload: payload },
        });
        return posted.ts;
      },
      find: (since) => findInThread(deps, thread, PART_EVENT, payload, since),
    });
    if (outcome === 'retry') return false;
  }
  return true;
}
