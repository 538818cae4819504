import { signBody } from '../../src/http/signatures.js';
import { SANDBOX } from '../../src/sandbox/constants.js';

export interface Canvas {
  content: { components: Array<Record<string, unknown> & { type: string; id?: string; text?: string; label?: string }> };
  stored_data: Record<string, unknown>;
}

export const DANA = { id: SANDBOX.adminId, name: 'Dana Whitfield', email: 'dana.whitfield@sandbox-support.example' };

/**
 * Talks to the app the way Intercom does: initialize and submit bodies shaped like the Canvas Kit
 * documentation's examples, signed with the client secret over the exact bytes sent.
 */
export class CanvasClient {
  constructor(
    readonly baseUrl: string,
    readonly secret: string = SANDBOX.intercomClientSecret,
    readonly admin: { id: string; name: string; email: string } = DANA,
    /** Canvas Kit's `workspace_region`: where the workspace lives. */
    readonly region: string = 'us',
  ) {}

  async initialize(conversationId: string): Promise<Canvas> {
    return this.expectCanvas(await this.post('/canvas/initialize', this.body(conversationId)));
  }

  async submit(
    conversationId: string,
    componentId: string,
    current: Canvas | null,
    inputValues: Record<string, unknown> = {},
  ): Promise<Canvas> {
    const body = {
      ...this.body(conversationId),
      component_id: componentId,
      input_values: inputValues,
      current_canvas: current ?? canvasBearing(conversationId, componentId),
    };
    return this.expectCanvas(await this.post('/canvas/submit', body));
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-body-signature': signBody(raw, this.secret), ...headers },
      body: raw,
    });
  }

  body(conversationId: string): Record<string, unknown> {
    return {
      workspace_id: SANDBOX.intercomAppId,
      workspace_region: this.region,
      admin: { type: 'admin', ...this.admin, job_title: 'Support lead', away_mode_enabled: false, has_inbox_seat: true },
      conversation: { type: 'conversation', id: conversationId, state: 'open' },
      contact: { type: 'user', id: '66a1f0c2e4b0a1000000001', role: 'user' },
      context: { location: 'conversation', locale: 'en' },
    };
  }

  private async expectCanvas(res: Response): Promise<Canvas> {
    const json = (await res.json()) as { canvas?: Canvas };
    if (res.status !== 200 || !json.canvas) throw new Error(`expected a canvas, got ${res.status}: ${JSON.stringify(json)}`);
    return json.canvas;
  }
}

/**
 * A click on `link:<id>`, `unlink:<id>` (or their confirmations, or `finish_setup:<id>`) without the canvas it was on (a shortcut many tests take)
 * still carries what Intercom would send: the stored data of a canvas that showed that ticket (a
 * suggestion listing it, or the panel listing it), since the app refuses ids no canvas drew.
 */
function canvasBearing(conversationId: string, componentId: string): Canvas | undefined {
  const [, kind, pageId] = /^(link|unlink|confirm_link|confirm_unlink|finish_setup|ticket):(.+)$/.exec(componentId) ?? [];
  if (!kind || !pageId) return undefined;
  const stored =
    kind === 'unlink' || kind === 'finish_setup' || kind === 'ticket'
      ? { v: 1, canvas: 'initialize', conversationId, linkedPageIds: [pageId] }
      : kind === 'confirm_link' || kind === 'confirm_unlink'
        ? { v: 1, canvas: 'confirm', conversationId, pageId }
        : {
          v: 1,
          canvas: 'suggestion',
          conversationId,
          participants: [],
          suggestion: { decision: 'new', pageId: null, ticketId: null, reason: '', confidence: 0, madeBy: { kind: 'offline', why: 'not_configured' } },
          draft: { title: '', description: '' },
          candidates: [{ pageId, ticketId: null, title: '', status: '' }],
          index: { complete: true, ticketsSeen: 1 },
        };
  return { content: { components: [] }, stored_data: stored };
}

/** Everything a canvas says, for assertions. */
export function textOf(canvas: Canvas): string {
  return canvas.content.components
    .map((c) =>
      [
        c.text,
        c.label,
        c.value,
        ...(Array.isArray(c.options) ? c.options.map((o: { text: string }) => o.text) : []),
        ...(Array.isArray(c.items)
          ? c.items.map((i: { field?: string; value?: string; title?: string; subtitle?: string; tertiary_text?: string }) =>
              [[i.field, i.value, i.title].filter(Boolean).join(': '), i.subtitle, i.tertiary_text].filter(Boolean).join(' '),
            )
          : []),
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join('\n');
}

/** The ids a teammate can click, list rows included. */
export function componentIds(canvas: Canvas): string[] {
  return canvas.content.components.flatMap((c) => [
    ...(c.id ? [c.id] : []),
    ...(Array.isArray(c.items) ? c.items.flatMap((i: { id?: string }) => (i.id ? [i.id] : [])) : []),
  ]);
}

/** The panel as it opens, with each listed ticket opened too (details are a click away): all it says. */
export async function panelText(client: CanvasClient, conversationId: string): Promise<string> {
  const panel = await client.initialize(conversationId);
  const rows = componentIds(panel).filter((id) => id.startsWith('ticket:'));
  const details = await Promise.all(rows.map((id) => client.submit(conversationId, id, panel)));
  return [panel, ...details].map(textOf).join('\n');
}

export function component(canvas: Canvas, id: string): Record<string, unknown> | undefined {
  return canvas.content.components.find((c) => c.id === id);
}
