export interface DoneMessageValues {
  ticket_id: string;
  title: string;
  notion_url: string;
}

/** The placeholders a template may use; any other `{word}` is left as written. */
const PLACEHOLDER = /\{(ticket_id|title|notion_url)\}/g;

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
