import type { CheckStatus, ReportedCheck } from './checks.js';
import type { Output } from './output.js';

const SYMBOLS: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

export type StatusCounts = Record<CheckStatus, number>;

export function countStatuses(results: readonly ReportedCheck[]): StatusCounts {
  const counts: StatusCounts = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) counts[r.status] += 1;
  return counts;
}

/** Non-zero when anything failed; warnings and skipped checks do not fail the run. */
export function doctorExitCode(results: readonly ReportedCheck[]): number {
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

/**
 * One line per check under its group, and under a warning or failure its fixes. A fix line that
 * starts with spaces continues the one before it (a list of admins, say).
 */
export function printReport(results: readonly ReportedCheck[], out: Output): void {
  let group: string | null = null;
  for (const r of results) {
    if (r.group !== group) {
      if (group !== null) out.line();
      out.line(r.group);
      group = r.group;
    }
    out.line(`  ${SYMBOLS[r.status]} ${r.title}: ${r.summary}`);
    for (const fix of r.fixes) out.line(/^\s/.test(fix) ? `        ${fix.trimStart()}` : `      → ${fix}`);
  }
  const c = countStatuses(results);
  out.line();
  out.line(`${c.ok} ok, ${c.warn} ${c.warn === 1 ? 'warning' : 'warnings'}, ${c.fail} failed, ${c.skip} skipped`);
}

export function reportJson(results: readonly ReportedCheck[]): string {
  return JSON.stringify({ ok: doctorExitCode(results) === 0, counts: countStatuses(results), checks: results }, null, 2);
}
