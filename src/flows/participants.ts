import type { Conversation } from '../domain/conversation.js';
import type { PersonMatch } from '../domain/people.js';
import { emailsToLookUp, matchTeammates } from '../domain/people/match-teammates.js';
import type { FlowDeps } from './deps.js';

/** The teammates on a conversation: who clicked, the assignee, and every admin who wrote in it. */
export function participantIds(conversation: Conversation, clickedBy: string | null): string[] {
  const ids = [clickedBy, conversation.assigneeAdminId, ...conversation.teammateAdminIds];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/**
 * Matches the participants to Slack users. Never fails the ticket: when Intercom or Slack cannot
 * tell us who is who, the teammates are reported as unmatched and the ticket goes ahead.
 */
export async function matchParticipants(
  deps: FlowDeps,
  adminIds: string[],
): Promise<{ matches: PersonMatch[]; warning: string | null }> {
  try {
    const [teammates, identity] = await Promise.all([deps.teammates.resolve(adminIds), deps.chat.identity()]);
    const directory = deps.slackDirectory.users();
    const byEmail = await deps.emailLookup.lookupAll(emailsToLookUp(teammates, directory));
    return { matches: matchTeammates({ teammates, byEmail, directory, botUserId: identity.botUserId }), warning: null };
  } catch (err) {
    deps.logger.warn({ err }, 'could not match teammates to Slack users');
    return { matches: [], warning: 'Teammates could not be matched to Slack users; invite them by hand.' };
  }
}
