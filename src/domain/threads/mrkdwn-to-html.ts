import { type Node, NodeType, parse } from 'slack-message-parser';

/**
 * Slack messages (mrkdwn, as the Events API delivers them) as the HTML of an Intercom note or
 * reply: formatting and links carried over, `<@U…>` mentions and `<#C…>` channel links replaced by
 * names, everything else escaped. Intercom teammates never see Slack's raw ids.
 */

export interface SlackNames {
  /** A user's display name, or null when unknown. */
  user(id: string): string | null;
  channel(id: string): string | null;
}

export interface SlackFile {
  name: string;
  url: string;
}

export function mrkdwnToHtml(text: string, names: SlackNames, files: readonly SlackFile[] = []): string {
  const blocks: string[] = [];
  let paragraph = '';
  const flush = () => {
    const body = paragraph.replace(/^(?:<br>)+|(?:<br>)+$/g, '');
    if (body.trim()) blocks.push(`<p>${body}</p>`);
    paragraph = '';
  };
  for (const node of parse(text).children) {
    if (node.type === NodeType.PreText) {
      flush();
      blocks.push(`<pre>${escapeHtml(decodeSlack(node.text).replace(/^\n+|\n+$/g, ''))}</pre>`);
    } else if (node.type === NodeType.Quote) {
      flush();
      blocks.push(`<blockquote>${inline(node.children, names).replace(/^(?:<br>|\s)+|(?:<br>|\s)+$/g, '')}</blockquote>`);
    } else {
      paragraph += inline([node], names);
    }
  }
  flush();
  for (const file of files) {
    const href = safeHref(file.url);
    const name = escapeHtml(file.name || 'file');
    blocks.push(`<p>📎 ${href ? `<a href="${href}">${name}</a>` : name}</p>`);
  }
  return blocks.join('');
}

/** Ids of the users mentioned (`<@U…>`), so their names can be looked up before rendering. */
export function mentionedUserIds(text: string): string[] {
  const ids = new Set<string>();
  const visit = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type === NodeType.UserLink) ids.add(node.userID);
      if ('children' in node) visit(node.children);
    }
  };
  visit(parse(text).children);
  return [...ids];
}

function inline(nodes: Node[], names: SlackNames): string {
  return nodes.map((node) => inlineNode(node, names)).join('');
}

function inlineNode(node: Node, names: SlackNames): string {
  switch (node.type) {
    case NodeType.Text:
      return escapeHtml(decodeSlack(node.text)).replace(/\n/g, '<br>');
    case NodeType.Bold:
      return `<b>${inline(node.children, names)}</b>`;
    case NodeType.Italic:
      return `<i>${inline(node.children, names)}</i>`;
    case NodeType.Strike:
      return `<s>${inline(node.children, names)}</s>`;
    case NodeType.Code:
    case NodeType.PreText:
      return `<code>${escapeHtml(decodeSlack(node.text))}</code>`;
    case NodeType.Quote:
      return inline(node.children, names);
    case NodeType.URL: {
      const label = node.label ? inline(node.label, names) : escapeHtml(decodeSlack(node.url));
      const href = safeHref(node.url);
      return href ? `<a href="${href}">${label}</a>` : label;
    }
    case NodeType.UserLink:
      return escapeHtml(`@${names.user(node.userID) ?? labelText(node.label) ?? 'someone'}`);
    case NodeType.ChannelLink:
      return escapeHtml(`#${labelText(node.label) ?? names.channel(node.channelID) ?? 'a channel'}`);
    case NodeType.Command:
      return escapeHtml(command(node.name, labelText(node.label)));
    case NodeType.Emoji:
      return escapeHtml(`:${node.name}:`);
    case NodeType.Root:
      return inline(node.children, names);
  }
}

function command(name: string, label: string | null): string {
  if (name === 'here' || name === 'channel' || name === 'everyone') return `@${name}`;
  return label ?? (name === 'subteam' ? '@group' : '');
}

function labelText(label: Node[] | undefined): string | null {
  if (!label) return null;
  const text = label.map((n) => ('text' in n ? n.text : 'children' in n ? (labelText(n.children) ?? '') : n.source)).join('');
  const decoded = decodeSlack(text).replace(/^[@#]/, '').trim();
  return decoded || null;
}

/** Slack escapes exactly three characters in message text. */
function decodeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function safeHref(url: string): string | null {
  const decoded = decodeSlack(url.trim());
  return /^(https?:|mailto:)/i.test(decoded) ? escapeHtml(decoded) : null;
}
