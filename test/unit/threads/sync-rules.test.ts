import { describe, expect, it } from 'vitest';
import { isHumanReply, mirrorKind, type MirrorRules, type PartToSync } from '../../../src/domain/threads/sync-rules.js';
import { customerReplyHtml, mirroredPartText, slackNoteHtml } from '../../../src/domain/threads/thread-messages.js';

const ADMIN = '7310001';
const rules: MirrorRules = { mode: 'all', adminId: ADMIN, ownPartIds: new Set(['own-1']) };

function part(overrides: Partial<PartToSync>): PartToSync {
  return { id: 'p1', partType: 'comment', authorType: 'user', authorId: 'c1', body: '<p>hi</p>', attachments: [], viaApi: null, ...overrides };
}

describe('which Intercom parts are mirrored into the thread', () => {
  it('mirrors customer replies, teammate replies, notes and closes', () => {
    expect(mirrorKind(part({}), rules)).toBe('customer');
    expect(mirrorKind(part({ authorType: 'lead' }), rules)).toBe('customer');
    expect(mirrorKind(part({ authorType: 'admin', authorId: '7310002' }), rules)).toBe('reply');
    expect(mirrorKind(part({ authorType: 'admin', authorId: '7310002', partType: 'note' }), rules)).toBe('note');
    expect(mirrorKind(part({ authorType: 'admin', authorId: '7310002', partType: 'close', body: '' }), rules)).toBe('closed');
  });

  it("never mirrors the app's own writes: recorded parts, and parts written through the API as INTERCOM_ADMIN_ID", () => {
    expect(mirrorKind(part({ id: 'own-1', authorType: 'admin', authorId: '7310002' }), rules)).toBeNull();
    expect(mirrorKind(part({ authorType: 'admin', authorId: ADMIN, partType: 'note', viaApi: true }), rules)).toBeNull();
    expect(mirrorKind(part({ authorType: 'admin', authorId: ADMIN, viaApi: null }), rules)).toBeNull();
  });

  it('mirrors the teammate the app writes as when Intercom says a person typed it', () => {
    expect(mirrorKind(part({ authorType: 'admin', authorId: ADMIN, viaApi: false }), rules)).toBe('reply');
  });

  it('skips the first message, events, bots and empty parts', () => {
    expect(mirrorKind(part({ partType: 'source' }), rules)).toBeNull();
    expect(mirrorKind(part({ authorType: 'admin', authorId: '7310002', partType: 'assignment', body: '' }), rules)).toBeNull();
    expect(mirrorKind(part({ authorType: 'bot' }), rules)).toBeNull();
    expect(mirrorKind(part({ body: '  ' }), rules)).toBeNull();
    expect(mirrorKind(part({ body: '', attachments: [{ name: 'a.png', url: 'https://a' }] }), rules)).toBe('customer');
  });

  it('follows INTERCOM_TO_SLACK: customer keeps only what the customer writes, off nothing', () => {
    const customer = { ...rules, mode: 'customer' as const };
    expect(mirrorKind(part({}), customer)).toBe('customer');
    expect(mirrorKind(part({ authorType: 'admin', authorId: '7310002' }), customer)).toBeNull();
    expect(mirrorKind(part({ authorType: 'admin', authorId: '7310002', partType: 'note' }), customer)).toBeNull();
    expect(mirrorKind(part({}), { ...rules, mode: 'off' })).toBeNull();
  });
});

describe('which Slack messages are a person replying in the thread', () => {
  const root = '1700000000.000100';
  const reply = { ts: '1700000001.000200', threadTs: root, user: 'U1', botId: null, subtype: null };

  it('accepts a person replying, also with files or sent to the channel too', () => {
    expect(isHumanReply(reply, root)).toBe(true);
    expect(isHumanReply({ ...reply, subtype: 'file_share' }, root)).toBe(true);
    expect(isHumanReply({ ...reply, subtype: 'thread_broadcast' }, root)).toBe(true);
  });

  it('refuses the root, other threads, bots (the app included), edits and system messages', () => {
    expect(isHumanReply({ ...reply, ts: root }, root)).toBe(false);
    expect(isHumanReply({ ...reply, threadTs: '1.2' }, root)).toBe(false);
    expect(isHumanReply({ ...reply, threadTs: null }, root)).toBe(false);
    expect(isHumanReply({ ...reply, botId: 'B1' }, root)).toBe(false);
    expect(isHumanReply({ ...reply, subtype: 'bot_message' }, root)).toBe(false);
    expect(isHumanReply({ ...reply, subtype: 'message_changed' }, root)).toBe(false);
    expect(isHumanReply({ ...reply, subtype: 'channel_join' }, root)).toBe(false);
    expect(isHumanReply({ ...reply, user: null }, root)).toBe(false);
  });
});

describe('the text that crosses', () => {
  it('says who wrote a mirrored part and whether the customer saw it', () => {
    const base = { body: 'It works', attachments: [], conversationUrl: 'https://app.intercom.com/c/1' };
    expect(mirroredPartText({ ...base, kind: 'customer', authorName: 'Megan Torres' })).toBe(':speech_balloon: *Megan Torres* (customer) wrote:\nIt works');
    expect(mirroredPartText({ ...base, kind: 'reply', authorName: 'Dana' })).toContain('replied to the customer');
    expect(mirroredPartText({ ...base, kind: 'note', authorName: 'Dana' })).toContain('internal note (the customer does not see it)');
  });

  it('adds attachments as links and escapes names', () => {
    const text = mirroredPartText({
      kind: 'customer',
      authorName: '<!channel> Eve',
      body: '',
      attachments: [{ name: 'log.txt', url: 'https://downloads.intercomcdn.com/log.txt' }],
      conversationUrl: 'https://app.intercom.com/c/1',
    });
    expect(text).toBe(':speech_balloon: *&lt;!channel&gt; Eve* (customer) wrote:\n:paperclip: <https://downloads.intercomcdn.com/log.txt|log.txt>');
  });

  it('cuts a long part with a link to the conversation', () => {
    const text = mirroredPartText({ kind: 'customer', authorName: 'M', body: 'x'.repeat(5000), attachments: [], conversationUrl: 'https://app.intercom.com/c/1' });
    expect([...text].length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('<https://app.intercom.com/c/1|Read the whole message in Intercom>')).toBe(true);
  });

  it('attributes a Slack reply in the note and signs a reply sent to the customer', () => {
    expect(slackNoteHtml('Priya Raman', '<p>Fixed in 2.3</p>')).toBe('<p><b>Priya Raman</b> in Slack: Fixed in 2.3</p>');
    expect(slackNoteHtml('Priya', '<pre>x</pre>')).toBe('<p><b>Priya</b> in Slack: </p><pre>x</pre>');
    expect(customerReplyHtml('Priya <R>', '<p>Fixed</p>')).toBe('<p>Fixed</p><p>— Priya &lt;R&gt;</p>');
  });
});
