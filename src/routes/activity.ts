import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { bearerToken } from '../http/middleware.js';
import { tokenMatches } from '../http/signatures.js';
import { validate } from '../http/validate.js';
import { type ActivityLog, OPERATION_KINDS, type OperationRecord, TRIAGE_WINDOW } from '../observability/activity.js';
import type { TriageRecord, TriageSummary } from '../observability/triage-summary.js';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  kind: z.enum(OPERATION_KINDS).optional(),
  /** Matches any subject value: a ticket id, a conversation id, a page id. */
  q: z.string().trim().max(200).optional(),
});

/**
 * GET /activity: the last few hundred operations with their steps and external calls, newest
 * first, to answer "what happened to that ticket?". HTML for people (the browser asks for the
 * API token as a Basic-auth password), JSON with `Accept: application/json`. With `kind=suggest`
 * it also summarises who decided the last TRIAGE_WINDOW suggestions (Gemini or the offline triager).
 */
export function activityRoutes(activity: ActivityLog, apiTokens: readonly string[]): Hono {
  const app = new Hono();
  app.get('/activity', async (c) => {
    const token = bearerToken(c.req.header('authorization'), c.req.header('x-api-token')) ?? basicPassword(c.req.header('authorization'));
    if (!tokenMatches(token, apiTokens)) {
      throw new AppError('unauthorized', 401, 'The activity log needs the API token (Bearer, X-Api-Token, or as the Basic-auth password).', {
        details: { authenticate: 'Basic realm="intercom-slack-notion activity (password: API_TOKEN)"' },
      });
    }
    const params = validate(query, c.req.query(), 'query string');
    const records = await activity.list({ kind: params.kind, q: params.q || undefined, limit: params.limit });
    const summary = params.kind === 'suggest' ? activity.triageSummary() : null;
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(summary ? { summary, operations: records } : { operations: records });
    return c.html(page(records, params, summary));
  });
  return app;
}

function basicPassword(authorization: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

function page(records: OperationRecord[], params: z.infer<typeof query>, summary: TriageSummary | null) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Activity · intercom-slack-notion</title>
        <style>
          body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e5e7eb; }
          th { background: #f6f8fa; position: sticky; top: 0; }
          .error { color: #b42318; }
          .ok { color: #067647; }
          .running { color: #b54708; }
          ul { margin: 0; padding-left: 1rem; }
          code { font-size: 12px; }
          form { margin-bottom: 1rem; }
        </style>
      </head>
      <body>
        <h1>Activity</h1>
        <form method="get">
          <input name="q" placeholder="ticket id, conversation id…" value="${params.q ?? ''}" />
          <select name="kind">
            <option value="">all operations</option>
            ${OPERATION_KINDS.map(
              (k) => html`<option value="${k}" ${params.kind === k ? 'selected' : ''}>${k}</option>`,
            )}
          </select>
          <button>Filter</button>
        </form>
        ${summary ? summarySection(summary) : ''}
        <table>
          <thead>
            <tr><th>Started (UTC)</th><th>Operation</th><th>About</th><th>Outcome</th><th>Steps</th><th>External calls</th></tr>
          </thead>
          <tbody>
            ${records.map(row)}
          </tbody>
        </table>
        ${records.length === 0 ? html`<p>No operations recorded yet.</p>` : ''}
      </body>
    </html>`;
}

function row(r: OperationRecord) {
  return html`<tr>
    <td><code>${r.startedAt.replace('T', ' ').slice(0, 19)}</code></td>
    <td>${r.kind}</td>
    <td>${Object.entries(r.subject).map(([k, v]) => html`<div><code>${k}</code> ${v}</div>`)}</td>
    <td class="${r.outcome}">
      ${r.outcome}${r.durationMs !== null ? ` · ${r.durationMs} ms` : ''}
      ${r.triage ? html`<div>${triageLine(r.triage)}</div>` : ''}
      ${r.error ? html`<div class="error">${r.error.step ? `${r.error.step}: ` : ''}${r.error.message}</div>` : ''}
    </td>
    <td><ul>${r.steps.map((s) => html`<li class="${s.ok ? 'ok' : 'error'}">${s.name} · ${s.durationMs} ms${s.error ? ` — ${s.error}` : ''}</li>`)}</ul></td>
    <td><ul>${r.calls.map((call) => html`<li class="${call.error ? 'error' : ''}"><code>${call.service} ${call.method}</code> ${call.status} · ${call.durationMs} ms${call.retries ? ` · ${call.retries} retries` : ''}</li>`)}</ul></td>
  </tr>`;
}

/** "Gemini gemini-3.5-flash · 1840 ms" or "offline (timeout) · gemini-3.5-flash · 4001 ms". */
function triageLine(t: TriageRecord): string {
  const who = t.decidedBy === 'gemini' ? 'Gemini' : `offline (${t.fallback ?? 'unknown'})`;
  const parts = [`${t.decision}, decided by ${who}`, t.model, t.latencyMs === null ? null : `${t.latencyMs} ms`];
  return parts.filter(Boolean).join(' · ') + (t.fallbackDetail ? ` — ${t.fallbackDetail}` : '');
}

function summarySection(s: TriageSummary) {
  const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
  const latency = s.geminiLatencyMs;
  return html`<section>
    <h2>Last ${s.suggestions} suggestions (of at most ${TRIAGE_WINDOW})</h2>
    <p>
      Gemini decided ${s.decidedBy.gemini.count} (${pct(s.decidedBy.gemini.share)}), the offline triager ${s.decidedBy.offline.count} (${pct(s.decidedBy.offline.share)}).
      ${latency.calls > 0 ? `Gemini calls: ${latency.calls}, p50 ${latency.p50} ms, p95 ${latency.p95} ms.` : 'No Gemini calls.'}
    </p>
    ${s.fallbacks.length > 0
      ? html`<p>Fallbacks: ${s.fallbacks.map((f, i) => html`${i > 0 ? ', ' : ''}${f.reason} × ${f.count}`)}</p>`
      : ''}
  </section>`;
}
