import { foldDiacritics } from './people/fold-diacritics.js';

/** Slack's limit on a channel name. */
export const CHANNEL_NAME_MAX = 80;
/** Slack's limit on a channel topic (`too_long` above it). */
export const CHANNEL_TOPIC_MAX = 250;

/**
 * The Slack channel name for a ticket: "JMP-123", "Can't log in with SSO!" ->
 * "jmp-123-cant-log-in-with-sso". Slack accepts only a-z, 0-9, "-" and "_", at most 80 characters.
 * The title is folded to ASCII, cut at a word boundary when it does not fit, and left out when
 * nothing of it survives ("jmp-123").
 */
export function channelName(ticketId: string, title: string): string {
  const id = slug(ticketId);
  if (!id) throw new RangeError(`Ticket id ${JSON.stringify(ticketId)} has no letters or digits for a channel name`);
  return joinWithin(id, slug(title), CHANNEL_NAME_MAX);
}

/**
 * The n-th alternative to a taken name (n >= 2): "jmp-123-login-fails-2". When that would pass 80
 * characters the title part is shortened; the ticket id never is.
 */
export function channelNameWithSuffix(name: string, n: number): string {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`Channel name suffix must be an integer >= 2, got ${n}`);
  const suffix = `-${n}`;
  const id = /^(?:[a-z][a-z0-9]*-)?\d+/.exec(name)?.[0] ?? name.slice(0, 1);
  const title = name.slice(id.length).replace(/^-+/, '');
  return `${joinWithin(id, title, CHANNEL_NAME_MAX - suffix.length)}${suffix}`;
}

/**
 * The channel topic: the Notion URL, so everyone in the channel is one click from the ticket.
 * Slack caps topics at 250 characters; a longer URL is replaced by Notion's short form (site and
 * page id), which opens the same page.
 */
export function channelTopic(notionUrl: string): string {
  return notionUrl.length <= CHANNEL_TOPIC_MAX ? notionUrl : shortNotionUrl(notionUrl);
}

/** Folded, lower-case, a-z 0-9 words joined by single hyphens; apostrophes vanish inside words. */
function slug(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/['’ʼ`´]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `id-rest` in at most `max` characters, cutting `rest` at a hyphen when one is close enough. */
function joinWithin(id: string, rest: string, max: number): string {
  if (!rest) return id.slice(0, max);
  const full = `${id}-${rest}`;
  if (full.length <= max) return full;
  const room = max - id.length - 1;
  if (room <= 0) return id.slice(0, max);
  const cut = rest.slice(0, room);
  // A boundary is "close enough" when cutting there keeps at least half of the room; otherwise a
  // long first word would leave the name with no title at all.
  const boundary = rest[room] === '-' ? room : cut.lastIndexOf('-');
  const kept = boundary >= room / 2 ? cut.slice(0, boundary) : cut;
  const trimmed = kept.replace(/-+$/, '');
  return trimmed ? `${id}-${trimmed}` : id;
}

function shortNotionUrl(url: string): string {
  const match = /^(https?:\/\/[^/]+)\/.*?([0-9a-f]{32})(?:[?#].*)?$/i.exec(url);
  if (!match) {
    throw new RangeError(`Notion URL is longer than a Slack topic (${CHANNEL_TOPIC_MAX}) and has no page id to shorten it to`);
  }
  return `${match[1]}/${match[2]}`;
}
