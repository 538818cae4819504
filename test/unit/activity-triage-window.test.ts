import { describe, expect, it } from 'vitest';
import { ActivityLog, recordTriage, TRIAGE_WINDOW } from '../../src/observability/activity.js';

const suggest = (log: ActivityLog, decidedBy: 'gemini' | 'offline') =>
  log.run('suggest', {}, async () =>
    recordTriage({ decidedBy, model: 'gemini-3.5-flash', latencyMs: 10, fallback: decidedBy === 'offline' ? 'timeout' : null, decision: 'new' }),
  );

describe('the suggestion summary of the activity log', () => {
  it('keeps the last suggestions however many other operations came after them', async () => {
    const log = new ActivityLog();
    await suggest(log, 'gemini');
    await suggest(log, 'offline');
    for (let i = 0; i < 400; i++) await log.run('done', {}, async () => null);
    expect((await log.list()).some((r) => r.kind === 'suggest')).toBe(false);
    expect(log.triageSummary().decidedBy).toEqual({ gemini: { count: 1, share: 0.5 }, offline: { count: 1, share: 0.5 } });
  });

  it('covers the last TRIAGE_WINDOW suggestions, the ones that failed afterwards included', async () => {
    const log = new ActivityLog();
    await suggest(log, 'offline');
    for (let i = 0; i < TRIAGE_WINDOW; i++) await suggest(log, 'gemini');
    await expect(
      log.run('create', {}, async () => {
        recordTriage({ decidedBy: 'gemini', model: 'm', latencyMs: 5, fallback: null, decision: 'new' });
        throw new Error('Slack is down');
      }),
    ).rejects.toThrow('Slack is down');
    expect(log.triageSummary()).toMatchObject({ suggestions: TRIAGE_WINDOW, decidedBy: { gemini: { count: TRIAGE_WINDOW }, offline: { count: 0 } } });
  });
});
