/** Fixtures and inspection helpers shared by the canvas tests. */
import { expect } from 'vitest';
import type { ButtonComponent, CanvasComponent, CanvasResponse, TextComponent } from '../../canvases/components.js';
import { CANVAS_PART_MAX_BYTES, canvasResponseSchema, jsonByteLength } from '../../canvases/components.js';
import type { CandidateView, ResolutionView, SuggestionView, TicketView } from '../../canvases/view-models.js';

export function pageId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    pageId: pageId(1),
    ticketId: 'JMP-1',
    title: 'Checkout fails on Safari',
    status: 'In progress',
    done: false,
    conversationCount: 3,
    notionUrl: 'https://www.notion.so/Checkout-fails-00000000000040008000000000000001',
    slackChannelUrl: 'https://acme.slack.com/archives/C0123456789',
    slackChannelName: 'jmp-1-checkout-fails-on-safari',
    resolution: null,
    missingSetup: [],
    ...overrides,
  };
}

export function resolutionView(overrides: Partial<ResolutionView> = {}): ResolutionView {
  return { announcedAt: null, pendingTargets: 0, failingTargets: 0, announceInSeconds: null, toldAt: null, ...overrides };
}

export function candidate(n: number, overrides: Partial<CandidateView> = {}): CandidateView {
  return { pageId: pageId(n), ticketId: `JMP-${n}`, title: `Ticket number ${n}`, status: 'Not started', ...overrides };
}

export function suggestionView(overrides: Partial<SuggestionView> = {}): SuggestionView {
  return {
    conversationId: '215468453',
    participants: ['991', '992'],
    decision: 'existing',
    suggested: candidate(1),
    reason: 'Same Safari checkout error as the customer reports.',
    confidence: 0.87,
    madeBy: { kind: 'gemini', model: 'gemini-2.5-flash' },
    draft: { title: 'Checkout button does nothing on Safari', description: 'Customer cannot pay on Safari 17.' },
    candidates: [candidate(1), candidate(2), candidate(3)],
    index: { complete: true, ticketsSeen: 120 },
    ...overrides,
  };
}

/** Asserts the response is what Intercom accepts (shapes, unique ids, sizes) and survives JSON. */
export function expectValidCanvas(response: CanvasResponse): void {
  const wire: unknown = JSON.parse(JSON.stringify(response));
  const result = canvasResponseSchema.safeParse(wire);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true);
  expect(jsonByteLength(response.canvas.content)).toBeLessThanOrEqual(CANVAS_PART_MAX_BYTES);
  expect(jsonByteLength(response.canvas.stored_data ?? {})).toBeLessThanOrEqual(CANVAS_PART_MAX_BYTES);
}

export function components(response: CanvasResponse): CanvasComponent[] {
  return response.canvas.content.components;
}

export function buttons(response: CanvasResponse): ButtonComponent[] {
  return components(response).filter((c): c is ButtonComponent => c.type === 'button');
}

export function texts(response: CanvasResponse): TextComponent[] {
  return components(response).filter((c): c is TextComponent => c.type === 'text');
}

export function button(response: CanvasResponse, id: string): ButtonComponent {
  const found = buttons(response).find((b) => b.id === id);
  if (!found) throw new Error(`no button "${id}" in ${buttons(response).map((b) => b.id).join(', ')}`);
  return found;
}

export function componentOfType<T extends CanvasComponent['type']>(
  response: CanvasResponse,
  type: T,
): Extract<CanvasComponent, { type: T }> | undefined {
  return components(response).find((c): c is Extract<CanvasComponent, { type: T }> => c.type === type);
}

/** The ids a submit can report: submit buttons and clickable list items. */
export function submitIds(response: CanvasResponse): string[] {
  const ids: string[] = [];
  for (const c of components(response)) {
    if (c.type === 'button' && c.action.type === 'submit') ids.push(c.id);
    if (c.type === 'list') ids.push(...c.items.filter((item) => item.action?.type === 'submit').map((item) => item.id));
  }
  return ids;
}

export interface RenderedMarkdown {
  /** What a reader sees. */
  text: string;
  links: Array<{ text: string; url: string }>;
  bold: string[];
  /** A `**` without its partner: a title could have switched bold on for the rest of the text. */
  unbalancedBold: boolean;
}

/**
 * A strict little renderer for the Markdown Canvas Kit supports (links and bold) plus CommonMark
 * backslash escapes, to check what an agent would see.
 */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const tokens: Array<{ ch: string; escaped: boolean }> = [];
  const chars = Array.from(markdown);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    if (ch === '\\' && next !== undefined && /[!-/:-@[-`{-~]/.test(next)) {
      tokens.push({ ch: next, escaped: true });
      i++;
    } else {
      tokens.push({ ch, escaped: false });
    }
  }
  const isPlain = (i: number, ch: string) => tokens[i]?.ch === ch && !tokens[i]?.escaped;
  let text = '';
  const links: RenderedMarkdown['links'] = [];
  const bold: string[] = [];
  let boldStart: number | null = null;
  for (let i = 0; i < tokens.length; i++) {
    if (isPlain(i, '*') && isPlain(i + 1, '*')) {
      if (boldStart === null) boldStart = text.length;
      else {
        bold.push(text.slice(boldStart));
        boldStart = null;
      }
      i++;
      continue;
    }
    if (isPlain(i, '[')) {
      let j = i + 1;
      let linkText = '';
      while (j < tokens.length && !isPlain(j, ']')) linkText += tokens[j++]!.ch;
      if (j < tokens.length && isPlain(j + 1, '(')) {
        let k = j + 2;
        let url = '';
        while (k < tokens.length && !isPlain(k, ')')) url += tokens[k++]!.ch;
        if (k < tokens.length) {
          links.push({ text: linkText, url });
          text += linkText;
          i = k;
          continue;
        }
      }
    }
    text += tokens[i]!.ch;
  }
  return { text, links, bold, unbalancedBold: boldStart !== null };
}

/** Titles that would break naive Markdown. */
export const HOSTILE_TITLES = [
  'Refund **urgent** now',
  'Click [here](https://evil.example/phish) to fix',
  'Array[0] is (null) * 2',
  'Trailing backslash \\',
  'Escaped \\*star\\* and \\[bracket\\]',
  '**',
  '](javascript:alert(1))',
];
