import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { estimateTokens } from '../../src/domain/triage/estimate-tokens.js';

/**
 * The model, replaced by a loopback server that answers Gemini's generateContent at once, so a
 * suggestion's time is our own work plus the Notion calls. It also measures what the app really
 * sends: the system instruction, the contents and the response schema, as characters.
 */

export interface ModelRequest {
  /** System instruction + contents text + response schema (JSON), the way the app counts its prompt. */
  chars: number;
  /** The app's own estimate (about four characters a token). */
  tokens: number;
}

/** Valid for both designs: the app's triage schema (with "new") and the naive title/summary call. */
export const MODEL_ANSWER = {
  title: 'Customers see an error after the latest release',
  summary: 'Several customers report the same error since the latest release. It blocks their daily work.',
  reason: 'None of the candidates describes this problem.',
  decision: 'new',
  ticket_id: null,
  duplicate_of: null,
  confidence: 0.8,
};

interface GenerateContentBody {
  contents?: Array<{ parts?: Array<{ text?: string }> }>;
  systemInstruction?: { parts?: Array<{ text?: string }> };
  generationConfig?: { responseJsonSchema?: unknown; responseSchema?: unknown };
}

/** What the model reads of a generateContent body: the instruction, the contents, the schema. */
export function promptText(body: GenerateContentBody): string {
  const texts = (parts: Array<{ text?: string }> | undefined) => (parts ?? []).map((p) => p.text ?? '').join('');
  const schema = body.generationConfig?.responseJsonSchema ?? body.generationConfig?.responseSchema;
  return [
    texts(body.systemInstruction?.parts),
    ...(body.contents ?? []).map((c) => texts(c.parts)),
    schema === undefined ? '' : JSON.stringify(schema),
  ].join('');
}

export async function startFakeGemini(): Promise<{ baseUrl: string; requests: ModelRequest[]; close(): Promise<void> }> {
  const requests: ModelRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      if (req.method !== 'POST' || !req.url?.includes(':generateContent')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 404, message: 'not found', status: 'NOT_FOUND' } }));
        return;
      }
      const prompt = promptText(JSON.parse(raw) as GenerateContentBody);
      requests.push({ chars: prompt.length, tokens: estimateTokens(prompt) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(MODEL_ANSWER) }] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
