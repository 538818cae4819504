import { describe, expect, it } from 'vitest';
import { emptyNameRefused } from '../../src/setup/slack-checks.js';

describe("the doctor's channel-creation probe", () => {
  it('takes every answer Slack gives an empty name from a healthy token as a pass', () => {
    for (const code of ['invalid_name_required', 'invalid_name', 'no_channel', 'missing_argument']) expect(emptyNameRefused(code)).toBe(true);
  });
  it('does not take a refusal of the token or the workspace as one', () => {
    for (const code of ['missing_scope', 'restricted_action', 'invalid_auth', undefined]) expect(emptyNameRefused(code)).toBe(false);
  });
});
