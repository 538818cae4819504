/**
 * Text helpers for Canvas Kit `text` components, whose Markdown knows only links `[..](..)` and
 * bold `**..**`. Ticket titles, reasons and names come from customers, Notion and the model, so
 * they are escaped before they reach Markdown: a title like "[click](https://evil)" or "**urgent**"
 * must show as typed, never as a link or bold.
 *
 * Whether Intercom's renderer honours backslash escapes is UNVERIFIED, so escaping is minimal:
 * every `*`, a backslash that would escape the next character, and the `(` of a `](`. If escapes
 * are honoured the text shows exactly as typed; if not, `\*\*` still has no `**` and `]\(` no `](`,
 * so the worst case is a visible backslash, never a forged link. Ordinary brackets and
 * parentheses ("[iOS] crash (beta)") stay untouched either way.
 */

const ESCAPING_BACKSLASH = /\\(?=[!-/:-@[-`{-~]|$)/g;

/** For prose outside link text. */
export function escapeMarkdown(text: string): string {
  return text.replace(ESCAPING_BACKSLASH, '\\\\').replace(/\*/g, '\\*').replace(/\]\(/g, ']\\(');
}

/** Inside `[...]` a bracket would end or nest the link text. */
function escapeLinkText(text: string): string {
  return escapeMarkdown(text).replace(/[[\]]/g, (char) => `\\${char}`);
}

/** Bold, escaped. */
export function bold(text: string): string {
  return `**${escapeMarkdown(text)}**`;
}

/**
 * A Markdown link with escaped text. Only http(s) URLs become links (no `javascript:`); anything
 * else renders as the escaped text alone. Characters that would end the link early are
 * percent-encoded.
 */
export function markdownLink(text: string, url: string): string {
  if (!isHttpUrl(url)) return escapeMarkdown(text);
  const safeUrl = url.replace(/[()\s<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeLinkText(text)}](${safeUrl})`;
}

export function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * At most `max` characters (code points, so an emoji is never cut in half), ending in "…" when
 * cut. Whitespace runs collapse first when `singleLine` is set (labels, options, table values).
 */
export function truncate(text: string, max: number, { singleLine = false } = {}): string {
  const source = singleLine ? text.replace(/\s+/g, ' ').trim() : text;
  // Fewer UTF-16 units than `max` means fewer code points too: the common case needs no walk.
  if (source.length <= max) return source;
  let count = 0;
  let keep = 0;
  for (const char of source) {
    count += 1;
    if (count > max) return `${source.slice(0, keep).trimEnd()}…`;
    if (count < max) keep += char.length;
  }
  return source;
}

/** 1234567 -> "1,234,567" (fixed, not locale-dependent). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 conversation", "3 conversations". */
export function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** "Alice, Bob and Carol"; `hidden` more are counted ("Alice, Bob and 3 others"). */
export function joinNames(shown: readonly string[], hidden = 0): string {
  const parts = hidden > 0 ? [...shown, `${formatCount(hidden)} other${hidden === 1 ? '' : 's'}`] : [...shown];
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Caps, in characters, on everything the builders show or store; they keep a canvas far below 64 KB. */
export const TEXT_MAX = {
  /** A ticket title shown in a text component or stored. */
  title: 200,
  /** The draft description in the textarea and in stored_data. */
  description: 4000,
  reason: 500,
  status: 50,
  /** Dropdown option text, button labels and list item titles: one short line. */
  option: 100,
  label: 60,
  /** A person's name. */
  name: 80,
  model: 80,
  message: 500,
  step: 100,
  warning: 300,
  channel: 80,
} as const;
