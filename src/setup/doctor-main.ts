import { parseArgs } from 'node:util';
import { hasNoCredentials } from '../config/load-config.js';
import { startFakesServer } from '../sandbox/fakes-server.js';
import { sandboxEnv } from '../sandbox/start-sandbox.js';
import { runDoctor } from './doctor.js';
import { doctorExitCode, printReport, reportJson } from './doctor-report.js';
import type { Output } from './output.js';

/**
 * `npm run doctor`: validates the configuration, then checks Intercom, Notion, Slack and Gemini
 * for real, one line per check, each problem with its fix.
 *   --sandbox         the same checks against in-process fakes, with the sandbox configuration
 *   --json            the results as JSON
 *   --timeout-ms <n>  time limit of each check (default 10000)
 *
 * Exit codes: 0 nothing failed (warnings allowed), 1 something failed, 2 bad arguments.
 */

const USAGE = 'usage: npm run doctor -- [--sandbox] [--json] [--timeout-ms <milliseconds>]';
const DEFAULT_TIMEOUT_MS = 10_000;

export async function doctorMain(argv: string[], env: Record<string, string | undefined>, out: Output): Promise<number> {
  let args: { sandbox: boolean; json: boolean; timeoutMs: number };
  try {
    args = readArgs(argv);
  } catch (err) {
    out.error(`doctor: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }

  const fakes = args.sandbox ? await startFakesServer({ seed: 'demo' }) : null;
  try {
    const checkedEnv = fakes ? sandboxEnv(fakes.url, 0, env) : env;
    const results = await runDoctor({ env: checkedEnv, timeoutMs: args.timeoutMs, sandbox: fakes !== null });
    if (args.json) {
      out.line(reportJson(results));
    } else {
      out.line(`intercom-slack-notion doctor${fakes ? ' (sandbox: local fakes of Intercom, Notion and Slack)' : ''}`);
      out.line();
      printReport(results, out);
      if (!fakes && hasNoCredentials(env)) {
        out.line('Nothing is configured yet: `npm run manifest` lists what to set up, and `npm run doctor -- --sandbox` runs these checks against the local fakes.');
      }
    }
    return doctorExitCode(results);
  } finally {
    await fakes?.close();
  }
}

function readArgs(argv: string[]): { sandbox: boolean; json: boolean; timeoutMs: number } {
  const { values } = parseArgs({
    args: argv,
    options: {
      sandbox: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
    },
    strict: true,
  });
  const timeoutMs = values['timeout-ms'] === undefined ? DEFAULT_TIMEOUT_MS : Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) throw new Error('--timeout-ms must be a whole number from 100 to 120000');
  return { sandbox: values.sandbox ?? false, json: values.json ?? false, timeoutMs };
}
