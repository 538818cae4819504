import { parseDocument } from 'htmlparser2';
import { escapeSlack } from '../slack-messages.js';

/**
 * Intercom part bodies (HTML, as Intercom stores them) as Slack mrkdwn: paragraphs and line breaks
 * kept, bold/italic/strike/code and links carried over, images as links, everything else as plain
 * text. Customer text is escaped (`&`, `<`, `>`), so "<!channel>" in a message is shown, not acted on.
 */

/** The part of a parsed HTML node this walk reads (htmlparser2's DOM, structurally). */
interface HtmlNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

/** Marks a block boundary; runs of them become one line break at the end (private-use characters, stripped from the input). */
const BREAK = '\uE000';
/** A line break inside <pre>, kept apart from the whitespace clean-up. */
const PRE_BREAK = '\uE001';

const WRAPS: Record<string, string> = { b: '*', strong: '*', i: '_', em: '_', s: '~', strike: '~', del: '~' };
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'table', 'tr', 'figure']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'template']);

interface Context {
  pre: boolean;
}

export function htmlToMrkdwn(html: string): string {
  const document = parseDocument(html, { decodeEntities: true }) as unknown as HtmlNode;
  const raw = renderChildren(document, { pre: false });
  return raw
    .replace(/[ \t]*\uE000[\s\uE000]*/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\uE001/g, '\n')
    .replace(/^\s+|\s+$/g, '');
}

function renderChildren(node: HtmlNode, ctx: Context): string {
  return (node.children ?? []).map((child) => render(child, ctx)).join('');
}

function render(node: HtmlNode, ctx: Context): string {
  if (node.type === 'text') {
    const text = escapeSlack((node.data ?? '').replace(/[\uE000\uE001]/g, ''));
    return ctx.pre ? text.replace(/\n/g, PRE_BREAK) : text.replace(/\s+/g, ' ');
  }
  if (node.type !== 'tag') return '';
  const name = node.name ?? '';
  if (SKIP.has(name)) return '';
  const inner = () => renderChildren(node, ctx);
  const wrap = WRAPS[name];
  if (wrap) return ctx.pre ? inner() : wrapped(inner(), wrap);
  switch (name) {
    case 'br':
      return ctx.pre ? PRE_BREAK : `${BREAK}`;
    case 'code':
      return ctx.pre ? inner() : wrapped(inner(), '`');
    case 'pre':
      return `${BREAK}\`\`\`${PRE_BREAK}${renderChildren(node, { pre: true }).replace(/^\uE001+|\uE001+$/g, '')}${PRE_BREAK}\`\`\`${BREAK}`;
    case 'a':
      return link(node.attribs?.href, inner().trim());
    case 'img':
      return link(node.attribs?.src, escapeSlack(node.attribs?.alt?.trim() || 'image'));
    case 'ul':
    case 'ol':
      return `${BREAK}${listItems(node, ctx, name === 'ol')}${BREAK}`;
    case 'blockquote':
      return `${BREAK}${quote(inner())}${BREAK}`;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return `${BREAK}${wrapped(inner(), '*')}${BREAK}`;
    default:
      return BLOCKS.has(name) ? `${BREAK}${inner()}${BREAK}` : inner();
  }
}

/** `*bold*` with the spaces kept outside the markers (Slack ignores `* bold *`). */
function wrapped(text: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  const core = match[2] ?? '';
  if (!core || core.includes(BREAK)) return text;
  return `${match[1]}${marker}${core}${marker}${match[3]}`;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function link(href: string | undefined, label: string): string {
  const url = href?.trim() ?? '';
  if (!SAFE_LINK.test(url)) return label;
  const target = escapeSlack(url.replace(/\|/g, '%7C'));
  const text = label.replace(/\uE000/g, ' ').trim();
  return !text || text === target ? `<${target}>` : `<${target}|${text}>`;
}

function listItems(list: HtmlNode, ctx: Context, ordered: boolean): string {
  let n = 0;
  return (list.children ?? [])
    .filter((child) => child.type === 'tag' && child.name === 'li')
    .map((item) => {
      n += 1;
      const text = renderChildren(item, ctx).replace(/^[\s\uE000]+|[\s\uE000]+$/g, '');
      return `${BREAK}${ordered ? `${n}.` : '•'} ${text}`;
    })
    .join('');
}

function quote(text: string): string {
  return text
    .split(BREAK)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `> ${line}`)
    .join(BREAK);
}

// ---------------------------------------------------------------------------------------------

/**
 * `text` cut to at most `max` characters (code points) with a link to the rest, never inside a
 * `<link|label>` or an entity, and with an open code block closed.
 */
export function cutMrkdwn(text: string, max: number, more: { url: string; label: string }): string {
  const tokens = text.match(/<[^<>\n]*>|&(?:amp|lt|gt);|[\s\S]/gu) ?? [];
  const length = tokens.reduce((sum, token) => sum + [...token].length, 0);
  if (length <= max) return text;
  const suffix = `\n<${escapeSlack(more.url.replace(/\|/g, '%7C'))}|${escapeSlack(more.label)}>`;
  const budget = Math.max(0, max - [...suffix].length - 1);
  let out = '';
  let used = 0;
  for (const token of tokens) {
    const size = [...token].length;
    if (used + size > budget) break;
    out += token;
    used += size;
  }
  out = out.trimEnd();
  if ((out.match(/```/g) ?? []).length % 2 === 1) out += '\n```';
  return `${out}…${suffix}`;
}
