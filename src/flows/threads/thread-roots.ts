import { threadRootText, threadUnlinkedText } from '../../domain/threads/thread-messages.js';
import type { Ticket } from '../../domain/ticket.js';
import type { SlackReadMessage } from '../../ports.js';
import { type ConversationThread, linkedThread, noticeKey } from '../../threads/thread-store.js';
import type { FlowDeps } from '../deps.js';
import { INTRO_EVENT, LINKED_EVENT } from '../ticket-setup.js';
import { isoOfSeconds, syncOnce, type SyncOutcome } from './sync-once.js';

/**
 * Where each conversation's thread is. The message that announced the conversation in the ticket's
 * channel (the intro for the conversation that opened the ticket, the "linked" message for the
 * others) is its root; the store remembers it, and the root's metadata lets it be found again
 * (a conversation linked before the store knew, a lost record). A conversation with no root to be
 * found gets one.
 */

/** Metadata of a root the sync posted itself. */
export const THREAD_ROOT_EVENT = 'conversation_thread';
/** Metadata of the notices the sync posts in a thread. */
export const THREAD_NOTICE_EVENT = 'conversation_thread_notice';

const ROOT_EVENTS = [INTRO_EVENT, LINKED_EVENT, THREAD_ROOT_EVENT];

/**
 * The threads a conversation syncs with now, one per ticket it is linked to and that has a
 * channel; threads of tickets it left are marked unlinked and told so (once).
 */
export async function threadsOfConversation(deps: FlowDeps, conversationId: string): Promise<{ linked: ConversationThread[]; retry: boolean }> {
  const stored = await deps.threadStore.threadsOfConversation(conversationId);
  const tickets = deps.index.findByConversation(conversationId).filter((t) => t.slackChannelId);
  let retry = false;
  for (const thread of stored) {
    if (thread.status !== 'linked' || tickets.some((t) => t.pageId === thread.pageId)) continue;
    // The index may not know the ticket yet (start-up): read it before telling the thread it is over.
    const ticket = await deps.tickets.get(thread.pageId).catch(() => null);
    if (ticket?.conversationIds.includes(conversationId)) {
      // Its channel may not be in Notion yet (a create on another replica is finishing): the stored root says where.
      tickets.push(ticket.slackChannelId ? ticket : { ...ticket, slackChannelId: thread.channelId });
      continue;
    }
    if ((await stopThread(deps, thread, ticket?.ticketId ?? null)) === 'retry') retry = true;
  }
  const linked: ConversationThread[] = [];
  for (const ticket of tickets) {
    const current = stored.find((t) => t.pageId === ticket.pageId);
    if (current?.status === 'linked' && current.channelId === ticket.slackChannelId) {
      linked.push(current);
      continue;
    }
    // Unknown, or unlinked before and linked again (a new root), or moved to another channel.
    const found = await discoverRoot(deps, ticket, conversationId, current?.status === 'unlinked' ? current : null);
    if (found) linked.push(found);
    else retry = true;
  }
  return { linked, retry };
}

/**
 * The thread under a root, when it is a conversation's current thread: from the store, or from
 * the root's metadata. Null for any other thread (someone else's message, an old unlinked root).
 */
export async function threadOfRoot(deps: FlowDeps, channelId: string, rootTs: string): Promise<ConversationThread | null> {
  const stored = await deps.threadStore.threadByRoot(channelId, rootTs);
  if (stored) return stored;
  const root = await deps.chat.getMessage(channelId, rootTs);
  const found = root ? rootOf(root) : null;
  if (!found) return null;
  const ticket = deps.index.get(found.pageId) ?? (await deps.tickets.get(found.pageId).catch(() => null));
  const conversationId = found.conversationId ?? ticket?.conversationIds[0] ?? null;
  if (!ticket || !conversationId) return null;
  const current = (await deps.threadStore.threadsOfConversation(conversationId)).find((t) => t.pageId === ticket.pageId);
  // A newer root of the same conversation (linked again) replaced this one.
  if (current && Number(current.rootTs) > Number(rootTs)) return null;
  const thread = linkedThread(conversationId, ticket.pageId, channelId, rootTs);
  await deps.threadStore.saveThread(thread);
  return thread;
}

/** Whether the thread's conversation is still linked to its ticket; stops the thread if not. */
export async function stillLinked(deps: FlowDeps, thread: ConversationThread): Promise<boolean> {
  if (thread.status !== 'linked') return false;
  const known = deps.index.get(thread.pageId);
  if (known?.conversationIds.includes(thread.conversationId)) return true;
  const ticket = await deps.tickets.get(thread.pageId).catch(() => null);
  if (ticket?.conversationIds.includes(thread.conversationId)) return true;
  await stopThread(deps, thread, ticket?.ticketId ?? known?.ticketId ?? null);
  return false;
}

/** Unlinked: nothing syncs any more, and the thread says so once. */
export async function stopThread(deps: FlowDeps, thread: ConversationThread, ticketId: string | null): Promise<SyncOutcome> {
  const notice = await postNotice(deps, thread, 'unlinked', threadUnlinkedText(ticketId ?? 'the ticket'));
  // Marked unlinked once the notice is out: a thread already marked is skipped, so a notice that
  // failed would never be tried again. Until then every pass re-checks the link and syncs nothing.
  if (notice !== 'retry' && thread.status === 'linked') await deps.threadStore.saveThread({ ...thread, status: 'unlinked' });
  return notice;
}

/** A notice in the thread, posted once (the record's key names the thread and the kind). */
export function postNotice(deps: FlowDeps, thread: ConversationThread, kind: string, text: string): Promise<SyncOutcome> {
  const key = noticeKey(kind, thread.channelId, thread.rootTs);
  const payload = { kind, root: thread.rootTs };
  return syncOnce(deps, key, {
    fingerprint: null,
    sourceAt: isoOfSeconds(thread.rootTs),
    send: async () =>
      (await deps.chat.postMessage(thread.channelId, { text, threadTs: thread.rootTs, metadata: { event_type: THREAD_NOTICE_EVENT, event_payload: payload } })).ts,
    find: (since) => findInThread(deps, thread, THREAD_NOTICE_EVENT, payload, since),
  });
}

/** Our message in the thread with this metadata, sent at or after `since` (ISO): its ts. */
export async function findInThread(
  deps: FlowDeps,
  thread: Pick<ConversationThread, 'channelId' | 'rootTs'>,
  eventType: string,
  payload: Record<string, string>,
  since: string,
): Promise<string | null> {
  const replies = await deps.chat.threadReplies(thread.channelId, thread.rootTs, slackTsBefore(since));
  const match = replies.find(
    (m) => m.fromUs && m.metadata?.event_type === eventType && Object.entries(payload).every(([k, v]) => String(m.metadata?.event_payload[k]) === v),
  );
  return match?.ts ?? null;
}

async function discoverRoot(deps: FlowDeps, ticket: Ticket, conversationId: string, previous: ConversationThread | null): Promise<ConversationThread | null> {
  const channelId = ticket.slackChannelId!;
  const after = previous && previous.channelId === channelId ? nextTs(previous.rootTs) : undefined;
  const payload = { page_id: ticket.pageId, conversation_id: conversationId };
  let root = await deps.chat.findMessageWithMetadata(channelId, ROOT_EVENTS, payload, after);
  // Intros posted before they named their conversation: the one that opened the ticket.
  if (!root && !previous && ticket.conversationIds[0] === conversationId) {
    root = await deps.chat.findMessageWithMetadata(channelId, [INTRO_EVENT], { page_id: ticket.pageId });
  }
  let rootTs = root?.ts ?? null;
  if (!rootTs) {
    const generation = previous?.rootTs ?? 'first';
    const outcome = await syncOnce(deps, `root:${conversationId}:${ticket.pageId}:${generation}`, {
      fingerprint: null,
      // Just looked for every root of this conversation above.
      sourceAt: null,
      send: async () =>
        (
          await deps.chat.postMessage(channelId, {
            text: threadRootText(ticket.ticketId ?? 'the ticket', deps.settings.intercom.conversationUrl(conversationId)),
            metadata: { event_type: THREAD_ROOT_EVENT, event_payload: payload },
          })
        ).ts,
      find: async (since) => (await deps.chat.findMessageWithMetadata(channelId, [THREAD_ROOT_EVENT], payload, slackTsBefore(since)))?.ts ?? null,
    });
    if (outcome !== 'sent') return null;
    rootTs = (await deps.threadStore.record(`root:${conversationId}:${ticket.pageId}:${generation}`))?.targetId ?? null;
    if (!rootTs) return null;
  }
  const thread = linkedThread(conversationId, ticket.pageId, channelId, rootTs);
  await deps.threadStore.saveThread(thread);
  return thread;
}

function rootOf(message: SlackReadMessage): { pageId: string; conversationId: string | null } | null {
  if (!message.fromUs || !message.metadata || !ROOT_EVENTS.includes(message.metadata.event_type)) return null;
  const payload = message.metadata.event_payload;
  if (typeof payload.page_id !== 'string') return null;
  return { pageId: payload.page_id, conversationId: typeof payload.conversation_id === 'string' ? payload.conversation_id : null };
}

/** A Slack ts a minute before an ISO time: where a search for a message sent since then starts. */
export function slackTsBefore(iso: string): string {
  return ((Date.parse(iso) - 60_000) / 1000).toFixed(6);
}

function nextTs(ts: string): string {
  const [seconds = '0', micros = '0'] = ts.split('.');
  const next = Number(micros.padEnd(6, '0')) + 1;
  return next >= 1_000_000 ? `${Number(seconds) + 1}.000000` : `${seconds}.${String(next).padStart(6, '0')}`;
}
