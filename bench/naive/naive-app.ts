import { channelName } from '../../src/domain/channel-name.js';
import { conversationUrl } from '../../src/domain/conversation-links.js';
import { conversationText } from '../../src/domain/conversation-text.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { participantIds } from '../../src/flows/participants.js';
import type { Chat, Inbox, TicketStore, TriageModel } from '../../src/ports.js';
import { draftPrompt, duplicatePrompt } from './naive-prompt.js';

/**
 * The seed's design, kept deliberately plain, on the app's own adapters (same SDKs, same fakes,
 * same 3 requests/s Notion limiter):
 * - "Find or create" reads every ticket from Notion, puts every title in the prompt, asks the
 *   model, and for a new ticket asks it again for a title and summary;
 * - confirming runs each step after the previous one, nothing in parallel, nothing cached.
 */

export interface NaiveDeps {
  tickets: TicketStore;
  chat: Chat;
  inbox: Inbox;
  model: TriageModel;
  intercomAppId: string;
  adminId: string;
}

export interface NaiveSuggestion {
  duplicateOf: string | null;
  draft: { title: string; summary: string } | null;
  participantIds: string[];
  ticketsRead: number;
  /** Time spent reading the tickets from Notion (the part the rate limit sets). */
  notionReadMs: number;
}

export async function naiveSuggest(deps: NaiveDeps, conversationId: string): Promise<NaiveSuggestion> {
  const conversation = await deps.inbox.getConversation(conversationId);
  const text = conversationText(conversation);
  const readStarted = performance.now();
  const tickets: Ticket[] = [];
  for await (const page of deps.tickets.iterateAll()) tickets.push(...page);
  const notionReadMs = performance.now() - readStarted;

  const answer = (await deps.model.complete(duplicatePrompt(tickets, text))) as { duplicate_of?: string | null };
  const duplicateOf = tickets.find((t) => t.ticketId === answer.duplicate_of)?.pageId ?? null;
  const draft = duplicateOf ? null : ((await deps.model.complete(draftPrompt(text))) as { title: string; summary: string });
  return { duplicateOf, draft, participantIds: participantIds(conversation, deps.adminId), ticketsRead: tickets.length, notionReadMs };
}

/** Create page → create channel → set topic → record the channel → look up users → invite → post. */
export async function naiveCreate(
  deps: NaiveDeps,
  input: { conversationId: string; title: string; description: string; participantIds: string[] },
): Promise<Ticket> {
  const ticket = await deps.tickets.create({ title: input.title, description: input.description, conversationIds: [input.conversationId] });
  const channel = await deps.chat.createChannel(channelName(ticket.ticketId ?? ticket.pageId, ticket.title));
  if (!channel) throw new Error(`the channel for ${ticket.ticketId} already exists`);
  await deps.chat.setTopic(channel.id, ticket.url);
  const updated = await deps.tickets.update(ticket.pageId, { slackChannelUrl: await deps.chat.channelUrl(channel.id) });
  await inviteParticipants(deps, channel.id, input.participantIds);
  await deps.chat.postMessage(channel.id, {
    text: `New ticket ${ticket.ticketId}: ${ticket.title}\n${ticket.url}\n${conversationUrl(deps.intercomAppId, input.conversationId)}`,
  });
  return updated;
}

/** Read the ticket → add the conversation → look up users → invite → post. */
export async function naiveLink(deps: NaiveDeps, input: { conversationId: string; pageId: string; participantIds: string[] }): Promise<void> {
  const ticket = await deps.tickets.get(input.pageId);
  await deps.tickets.update(ticket.pageId, { conversationIds: [...ticket.conversationIds, input.conversationId] });
  if (!ticket.slackChannelId) return;
  await inviteParticipants(deps, ticket.slackChannelId, input.participantIds);
  await deps.chat.postMessage(ticket.slackChannelId, {
    text: `Another conversation about ${ticket.ticketId}: ${conversationUrl(deps.intercomAppId, input.conversationId)}`,
  });
}

/** The ticket is Done: reply in every linked conversation, then tell the channel. */
export async function naiveDone(deps: NaiveDeps, pageId: string): Promise<void> {
  const ticket = await deps.tickets.get(pageId);
  const text = `Good news: the issue you reported (${ticket.ticketId}: ${ticket.title}) has been resolved.`;
  for (const conversationId of ticket.conversationIds) await deps.inbox.reply(conversationId, deps.adminId, `<p>${text}</p>`);
  if (ticket.slackChannelId) await deps.chat.postMessage(ticket.slackChannelId, { text: `${ticket.ticketId} is done. ${text}` });
}

async function inviteParticipants(deps: NaiveDeps, channelId: string, adminIds: string[]): Promise<void> {
  const admins = await deps.inbox.listAdmins();
  const userIds: string[] = [];
  for (const admin of admins.filter((a) => adminIds.includes(a.id))) {
    const user = admin.email ? await deps.chat.lookupUserByEmail(admin.email) : null;
    if (user) userIds.push(user.id);
  }
  if (userIds.length > 0) await deps.chat.invite(channelId, userIds);
}
