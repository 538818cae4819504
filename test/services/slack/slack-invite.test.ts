import { describe, expect, it } from 'vitest';
import { chunkOutcome, inviteChunks } from '../../../src/services/slack/slack-invite.js';

describe('inviteChunks', () => {
  it('drops the bot and duplicates and cuts chunks of 100', () => {
    const users = Array.from({ length: 230 }, (_, i) => `U${i}`);
    const chunks = inviteChunks([...users, 'UBOT', 'U1', 'U2'], 'UBOT');
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 30]);
    expect(chunks.flat()).toEqual(users);
  });

  it('has nothing to do when only the bot was asked for', () => {
    expect(inviteChunks(['UBOT'], 'UBOT')).toEqual([]);
  });
});

describe('chunkOutcome', () => {
  it('counts everyone invited on a clean success', () => {
    expect(chunkOutcome(['U1', 'U2'], { ok: true })).toEqual({ invited: ['U1', 'U2'], alreadyMembers: [], failed: [] });
  });

  it('reads per-user refusals from errors[], already_in_channel being success', () => {
    const answer = {
      ok: false,
      error: 'user_not_found',
      errors: [
        { user: 'U2', ok: false, error: 'user_not_found' },
        { user: 'U3', ok: false, error: 'already_in_channel' },
      ],
    };
    expect(chunkOutcome(['U1', 'U2', 'U3'], answer)).toEqual({
      invited: ['U1'],
      alreadyMembers: ['U3'],
      failed: [{ userId: 'U2', error: 'user_not_found' }],
    });
  });

  it('treats a whole-call already_in_channel as all members already', () => {
    expect(chunkOutcome(['U1'], { ok: false, error: 'already_in_channel' })).toEqual({
      invited: [],
      alreadyMembers: ['U1'],
      failed: [],
    });
  });

  it('attributes a user refusal without errors[] to the chunk', () => {
    expect(chunkOutcome(['U9'], { ok: false, error: 'user_is_restricted' })).toEqual({
      invited: [],
      alreadyMembers: [],
      failed: [{ userId: 'U9', error: 'user_is_restricted' }],
    });
  });

  it('leaves a failure of the whole call (channel, permissions) to be thrown', () => {
    expect(chunkOutcome(['U1'], { ok: false, error: 'not_in_channel' })).toBeNull();
    expect(chunkOutcome(['U1'], { ok: false, error: 'channel_not_found' })).toBeNull();
  });
});
