/**
 * The doctor's checks: small named functions that each answer "is this one thing right?" with
 * ok, a warning or a failure carrying the exact fix. The runner gives every check a time limit,
 * runs the groups (one per service) side by side so one service being down does not hold up
 * the others, and skips a check whose prerequisite failed instead of failing it twice.
 */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  status: CheckStatus;
  /** One line: what was found. */
  summary: string;
  /** What to change, one instruction a line (warnings and failures). */
  fixes: string[];
}

export interface Check {
  /** Stable id, e.g. "slack.scopes"; `needs` refers to it. */
  id: string;
  /** Shown before the summary, e.g. "Slack scopes". */
  title: string;
  /** Variables the check reads: when one of them is invalid, the check is skipped. */
  uses?: readonly string[];
  /** Id of a check of the same group that must pass (ok or warn) first. */
  needs?: string;
  /** A longer time limit than the run's, for a check that waits on a budget of its own. */
  timeoutMs?: number;
  run(): Promise<CheckResult>;
}

export interface CheckGroup {
  name: string;
  checks: readonly Check[];
}

export interface ReportedCheck extends CheckResult {
  id: string;
  group: string;
  title: string;
}

export const ok = (summary: string): CheckResult => ({ status: 'ok', summary, fixes: [] });
export const warn = (summary: string, ...fixes: string[]): CheckResult => ({ status: 'warn', summary, fixes });
export const fail = (summary: string, ...fixes: string[]): CheckResult => ({ status: 'fail', summary, fixes });
export const skip = (summary: string): CheckResult => ({ status: 'skip', summary, fixes: [] });

export interface RunOptions {
  /** Per check; a check that takes longer fails with a timeout. */
  timeoutMs: number;
  /** Variables that are missing or invalid (their checks are skipped). */
  invalidVariables: ReadonlySet<string>;
}

export async function runChecks(groups: readonly CheckGroup[], options: RunOptions): Promise<ReportedCheck[]> {
  const perGroup = await Promise.all(groups.map((group) => runGroup(group, options)));
  return perGroup.flat();
}

async function runGroup(group: CheckGroup, options: RunOptions): Promise<ReportedCheck[]> {
  const reported: ReportedCheck[] = [];
  for (const check of group.checks) {
    const result = await runOne(check, reported, options);
    reported.push({ id: check.id, group: group.name, title: check.title, ...result });
  }
  return reported;
}

async function runOne(check: Check, earlier: readonly ReportedCheck[], options: RunOptions): Promise<CheckResult> {
  const invalid = (check.uses ?? []).filter((name) => options.invalidVariables.has(name));
  if (invalid.length > 0) return skip(`not checked until ${invalid.join(', ')} ${invalid.length > 1 ? 'are' : 'is'} fixed (see Configuration)`);
  if (check.needs) {
    const needed = earlier.find((r) => r.id === check.needs);
    if (needed && (needed.status === 'fail' || needed.status === 'skip')) return skip(`not checked: "${needed.title}" did not pass`);
  }
  const limitMs = Math.max(options.timeoutMs, check.timeoutMs ?? 0);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve(fail(`no answer within ${formatSeconds(limitMs)}`, 'Check that the service is reachable from here (network, proxy, *_BASE_URL), then run the doctor again.')),
      limitMs,
    );
  });
  try {
    return await Promise.race([check.run(), timeout]);
  } catch (err) {
    // A check reports what it expects to go wrong; anything else is still this check's failure.
    return fail(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
