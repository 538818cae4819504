import { runChecks, type ReportedCheck } from './checks.js';
import { geminiChecks } from './gemini-checks.js';
import { intercomChecks } from './intercom-checks.js';
import { lenientConfig } from './lenient-config.js';
import { notionChecks } from './notion-checks.js';
import { configurationChecks, serverChecks } from './server-checks.js';
import { slackChecks } from './slack-checks.js';
import { storeChecks } from './store-checks.js';

export interface DoctorOptions {
  env: Record<string, string | undefined>;
  /** Per check, and per request inside it. */
  timeoutMs: number;
  /** Running against the local fakes: a missing PUBLIC_URL is expected there. */
  sandbox: boolean;
}

/** Every check, in report order: the configuration first, then each service, then this server. */
export async function runDoctor(options: DoctorOptions): Promise<ReportedCheck[]> {
  const { config, invalid } = lenientConfig(options.env);
  const problems = [...invalid.values()];
  const { timeoutMs } = options;
  return runChecks(
    [
      configurationChecks(problems),
      intercomChecks(config, timeoutMs),
      notionChecks(config, timeoutMs),
      slackChecks(config, timeoutMs),
      geminiChecks(config, timeoutMs),
      serverChecks(config, { sandbox: options.sandbox, timeoutMs }),
      storeChecks(config, { sandbox: options.sandbox, timeoutMs }),
    ],
    { timeoutMs, invalidVariables: new Set(invalid.keys()) },
  );
}
