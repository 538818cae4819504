/** Every placeholder DONE_MESSAGE_TEMPLATE may use; the manifest and the README list the same. */
export const DONE_MESSAGE_PLACEHOLDERS = ['ticket_id', 'title', 'notion_url'] as const;

export type DoneMessageValues = Record<(typeof DONE_MESSAGE_PLACEHOLDERS)[number], string>;

/** A web address or an email address: never repeated to a customer from a title. */
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|\b[a-z0-9-]+\.(?:com|net|org|io|co|example|info|biz|app|xyz|link|me|ru|cn)\b/i;
/** Titles shorter than this (letters and digits) are too short to be someone's words verbatim. */
const VERBATIM_MIN = 12;

/**
 * Whether a ticket's title may be shown to every customer linked to it. Not when it holds an
 * address (a link or an email, whoever wrote it), nor when it is a customer's words: the app drafts
 * titles from the customer's message and puts that message in the description, so a title found
 * word for word in the description came from a customer (a teammate's or Gemini's own title is
 * not found there). A title that is not shown is replaced by the ticket id and a neutral sentence.
 */
export function titleIsShareable(title: string, description: string): boolean {
  if (ADDRESS.test(title)) return false;
  const words = letters(title);
  return words.length < VERBATIM_MIN || !letters(description).includes(words);
}

/**
 * The Done message for a ticket whose title must not be shown: "({ticket_id}: {title})" becomes
 * "({ticket_id})", any other {title} "the issue", and the Notion link loses the title in its path.
 */
export function renderNeutralDoneMessage(template: string, values: DoneMessageValues): { text: string; html: string } {
  const neutral = template.replace(/\s*[:\-–—]\s*\{title\}/g, '').replace(/\{title\}/g, 'the issue');
  return renderDoneMessage(neutral, { ...values, title: 'the issue', notion_url: withoutSlug(values.notion_url) });
}

function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** `https://www.notion.so/Title-words-<32 hex>` -> `https://www.notion.so/<32 hex>`. */
function withoutSlug(url: string): string {
  return url.replace(/\/[^/?#]*-([0-9a-f]{32})(?=$|[?#])/i, '/$1');
}

/** The placeholders a template may use; any other `{word}` is left as written. */
const PLACEHOLDER = new RegExp(`\\{(${DONE_MESSAGE_PLACEHOLDERS.join('|')})\\}`, 'g');

/**
 * The resolution message sent to every conversation linked to a Done ticket, from the
 * configured template (DONE_MESSAGE_TEMPLATE). `text` is the plain message; `html` is the body
 * for Intercom's reply API: escaped (a title is text, never markup), one `<p>` per paragraph,
 * line breaks kept, and the Notion URL as a link where the template puts `{notion_url}`.
 * Values are inserted once: a title containing "{title}" is not expanded again.
 */
export function renderDoneMessage(template: string, values: DoneMessageValues): { text: string; html: string } {
  let text = '';
  let html = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const literal = template.slice(last, match.index);
    const name = match[1] as keyof DoneMessageValues;
    const value = values[name];
    text += literal + value;
    html += escapeHtml(literal) + (name === 'notion_url' ? htmlLink(value) : escapeHtml(value));
    last = match.index + match[0].length;
  }
  const rest = template.slice(last);
  text += rest;
  html += escapeHtml(rest);
  return { text, html: paragraphs(html) };
}

function htmlLink(url: string): string {
  // Only web links become anchors: a "javascript:" URL must not become clickable in a reply.
  if (!/^https?:\/\/\S+$/i.test(url)) return escapeHtml(url);
  const escaped = escapeHtml(url);
  return `<a href="${escaped}">${escaped}</a>`;
}

/** Blank lines separate paragraphs; single newlines become line breaks. */
function paragraphs(html: string): string {
  const blocks = html
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  return blocks.map((block) => `<p>${block.replace(/\r?\n/g, '<br>')}</p>`).join('');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
