import { describe, expect, it } from 'vitest';
import { fail, ok, runChecks, warn, type Check } from '../../src/setup/checks.js';

const options = { timeoutMs: 200, invalidVariables: new Set<string>() };
const check = (id: string, run: Check['run'], extra: Partial<Check> = {}): Check => ({ id, title: id, run, ...extra });

describe('the doctor check runner', () => {
  it('reports every check in group order, whatever order the groups finish in', async () => {
    const slow = check('slow', () => new Promise((resolve) => setTimeout(() => resolve(ok('done')), 30)));
    const results = await runChecks(
      [
        { name: 'A', checks: [slow] },
        { name: 'B', checks: [check('fast', async () => warn('careful', 'do this'))] },
      ],
      options,
    );

    expect(results.map((r) => [r.group, r.id, r.status])).toEqual([
      ['A', 'slow', 'ok'],
      ['B', 'fast', 'warn'],
    ]);
    expect(results[1]!.fixes).toEqual(['do this']);
  });

  it('skips a check whose prerequisite failed instead of failing it too', async () => {
    let ran = false;
    const results = await runChecks(
      [
        {
          name: 'S',
          checks: [
            check('token', async () => fail('bad token', 'fix the token')),
            check('scopes', async () => ((ran = true), ok('fine')), { needs: 'token' }),
          ],
        },
      ],
      options,
    );

    expect(results[1]).toMatchObject({ status: 'skip', summary: 'not checked: "token" did not pass' });
    expect(ran).toBe(false);
  });

  it('skips a check that reads an invalid variable, naming it', async () => {
    const results = await runChecks([{ name: 'S', checks: [check('admin', async () => ok('x'), { uses: ['A_ID', 'B_URL'] })] }], {
      ...options,
      invalidVariables: new Set(['A_ID']),
    });

    expect(results[0]).toMatchObject({ status: 'skip', summary: 'not checked until A_ID is fixed (see Configuration)' });
  });

  it('fails a check that does not finish in time, and still runs the next group', async () => {
    const results = await runChecks(
      [
        { name: 'Hung', checks: [check('hung', () => new Promise(() => {}))] },
        { name: 'Fine', checks: [check('fine', async () => ok('answered'))] },
      ],
      options,
    );

    expect(results[0]).toMatchObject({ status: 'fail', summary: 'no answer within 200 ms' });
    expect(results[1]).toMatchObject({ status: 'ok' });
  });

  it('turns an unexpected exception into that check failing', async () => {
    const results = await runChecks([{ name: 'S', checks: [check('boom', async () => Promise.reject(new Error('kaput')))] }], options);

    expect(results[0]).toMatchObject({ status: 'fail', summary: 'unexpected error: kaput' });
  });
});
