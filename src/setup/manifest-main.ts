import { parseArgs } from 'node:util';
import { APP_MANIFEST, fillManifest } from './manifest.js';
import { manifestChecklist } from './manifest-checklist.js';
import type { Output } from './output.js';

/**
 * `npm run manifest [-- --public-url https://…] [--json]`: intercom-app.json with the server's
 * URL filled in, as a checklist for the Intercom, Notion and Slack consoles, or as JSON.
 * The URL comes from --public-url, else PUBLIC_URL. Without either the placeholders stay and a
 * note says so.
 *
 * Exit codes: 0 printed, 2 bad arguments.
 */

const USAGE = 'usage: npm run manifest -- [--public-url https://tickets.example.com] [--json]';

export function manifestMain(argv: string[], env: Record<string, string | undefined>, out: Output): number {
  let args: { publicUrl: string | null; json: boolean };
  try {
    args = readArgs(argv, env);
  } catch (err) {
    out.error(`manifest: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const manifest = args.publicUrl ? fillManifest(APP_MANIFEST, args.publicUrl) : APP_MANIFEST;
  if (!args.publicUrl) out.error('manifest: PUBLIC_URL is not set, so the URLs keep {PUBLIC_URL}; pass --public-url https://… to fill them.');
  else if (!args.publicUrl.startsWith('https://')) out.error(`manifest: ${args.publicUrl} is not HTTPS; Intercom and Notion only call HTTPS URLs.`);
  if (args.json) {
    out.line(JSON.stringify(manifest, null, 2));
  } else {
    for (const line of manifestChecklist(manifest)) out.line(line);
  }
  return 0;
}

function readArgs(argv: string[], env: Record<string, string | undefined>): { publicUrl: string | null; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { 'public-url': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const raw = (values['public-url'] ?? env.PUBLIC_URL ?? '').trim();
  if (raw && !URL.canParse(raw)) throw new Error(`${raw} is not a URL`);
  if (raw && !/^https?:$/.test(new URL(raw).protocol)) throw new Error(`${raw} is not an http(s) URL`);
  return { publicUrl: raw ? raw.replace(/\/+$/, '') : null, json: values.json ?? false };
}
