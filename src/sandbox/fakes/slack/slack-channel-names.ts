/** Slack's channel name rule: lowercase letters, digits, `-` and `_`, at most 80 characters. */
export const CHANNEL_NAME_MAX = 80;

/** The error conversations.create answers for `name`, or null when Slack accepts it. */
export function channelNameError(name: string | undefined): string | null {
  if (name === undefined || name === '') return 'invalid_name_required';
  if ([...name].length > CHANNEL_NAME_MAX) return 'invalid_name_maxlength';
  if (/[^a-z0-9_-]/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return null;
}
