import type { Intercom } from 'intercom-client';
import type { AuthorType, Conversation, ConversationPart } from '../../domain/conversation.js';
import type { Teammate } from '../../domain/people.js';

/** Intercom API objects -> domain types. Pure. */

const AUTHOR_TYPES = new Set<AuthorType>(['user', 'lead', 'contact', 'admin', 'bot', 'team']);

export function toConversation(c: Intercom.Conversation): Conversation {
  const source = c.source;
  const sourcePart: ConversationPart = {
    id: source?.id ?? `${c.id}-source`,
    partType: 'source',
    ...author(source?.author),
    body: source?.body ?? '',
    createdAt: c.created_at,
  };
  // Intercom lists parts oldest first; sorting (stably) keeps that true if it ever does not.
  const parts = (c.conversation_parts?.conversation_parts ?? [])
    .map((p): ConversationPart => ({
      id: p.id ?? '',
      partType: p.part_type ?? 'comment',
      ...author(p.author),
      body: p.body ?? '',
      createdAt: p.created_at ?? c.created_at,
      attachments: (p.attachments ?? []).flatMap((a) => (a.url ? [{ name: a.name ?? '', url: a.url }] : [])),
      // Absent when Intercom's answer does not carry the field; null or a code when it does.
      viaApi: 'app_package_code' in p ? Boolean(p.app_package_code) : null,
    }))
    .sort((a, b) => a.createdAt - b.createdAt);
  return {
    id: c.id,
    title: c.title?.trim() || source?.subject?.trim() || null,
    createdAt: c.created_at,
    state: c.state ?? (c.open ? 'open' : 'closed'),
    // 0 is how some workspaces report "unassigned".
    assigneeAdminId: c.admin_assignee_id ? String(c.admin_assignee_id) : null,
    teammateAdminIds: (c.teammates?.admins ?? []).flatMap((a) => (a.id ? [String(a.id)] : [])),
    parts: [sourcePart, ...parts],
  };
}

function author(a: Intercom.ConversationPartAuthor | undefined): Pick<ConversationPart, 'authorType' | 'authorId' | 'authorName'> {
  const type = a?.type as AuthorType | undefined;
  return {
    // Anything Intercom adds later (AI agents, integrations) is not a person: call it a bot.
    authorType: type && AUTHOR_TYPES.has(type) ? type : 'bot',
    authorId: a?.id ? String(a.id) : null,
    authorName: a?.name || null,
  };
}

export function toTeammate(admin: { id?: string; name?: string; email?: string }): Teammate {
  return { id: String(admin.id ?? ''), name: admin.name ?? '', email: admin.email || null };
}

/** The part a reply or note just became: the newest of that type by that admin in the answer. */
export function writtenPartId(c: Intercom.Conversation, adminId: string, partType: string): string | null {
  const parts = c.conversation_parts?.conversation_parts ?? [];
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const part = parts[i];
    if (part?.id && part.part_type === partType && String(part.author?.id ?? '') === adminId) return part.id;
  }
  return null;
}
