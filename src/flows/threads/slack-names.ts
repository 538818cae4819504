import type { SlackUser } from '../../domain/people.js';
import type { FlowDeps } from '../deps.js';

/**
 * Names of Slack users for what crosses into Intercom: from the cached directory, else one
 * users.info each. An unknown user is left out (the conversion says "someone").
 */
export async function slackUserNames(deps: FlowDeps, userIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const directory = deps.slackDirectory.users() ?? [];
  for (const id of new Set(userIds)) {
    const user = directory.find((u) => u.id === id) ?? (await deps.chat.getUser(id).catch(() => null));
    if (user) names.set(id, displayName(user));
  }
  return names;
}

export function displayName(user: SlackUser): string {
  return user.realName || user.displayName || user.handle || user.id;
}
