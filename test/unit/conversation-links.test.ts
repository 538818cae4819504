import { describe, expect, it } from 'vitest';
import {
  conversationTextChunks,
  conversationUrl,
  NOTION_RICH_TEXT_ITEMS_MAX,
  NOTION_TEXT_ITEM_MAX,
  parseConversationIds,
  parseSlackChannelId,
  slackChannelUrl,
} from '../../src/domain/conversation-links.js';

describe('conversation links stored on a ticket', () => {
  it('round-trips 1,000 conversations within Notion rich-text limits', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => String(215_000_000_000 + i));
    const chunks = conversationTextChunks('abc123de', ids);
    expect(chunks.length).toBeLessThanOrEqual(NOTION_RICH_TEXT_ITEMS_MAX);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(NOTION_TEXT_ITEM_MAX);
    expect(parseConversationIds(chunks.join(''))).toEqual(ids);
  });

  it('never makes an item longer than 2,000 characters, even when URLs fill one exactly', () => {
    // 26 URLs of 76 characters and one of 75, with their line breaks, fill 2,000 characters exactly.
    const ids = ['10000000000000', ...Array.from({ length: 40 }, (_, i) => String(100_000_000_000_000 + i))];
    for (let n = 1; n <= ids.length; n++) {
      const chunks = conversationTextChunks('abcd1234', ids.slice(0, n));
      for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(NOTION_TEXT_ITEM_MAX);
      expect(parseConversationIds(chunks.join(''))).toEqual(ids.slice(0, n));
    }
  });

  it('reads the seed format (comma-separated URLs) and bare ids, without duplicates', () => {
    const text = `${conversationUrl('app1', '11')}, https://app.intercom.com/a/apps/app1/inbox/inbox/all/conversations/22,33 ${conversationUrl('app1', '11')}`;
    expect(parseConversationIds(text)).toEqual(['11', '22', '33']);
  });

  it('ignores words that are not conversations', () => {
    expect(parseConversationIds('see https://example.com/docs and notes')).toEqual([]);
  });

  it('refuses a list too long for one property', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => String(215_000_000_000 + i));
    expect(() => conversationTextChunks('abc123de', ids)).toThrow(RangeError);
  });
});

describe('Slack channel links', () => {
  it.each([
    [slackChannelUrl('https://acme.slack.com/', 'C0123ABCD'), 'C0123ABCD'],
    ['https://app.slack.com/client/T01ABC/C0999ZZZZ', 'C0999ZZZZ'],
    ['C0123ABCD', 'C0123ABCD'],
    ['#jmp-12-login', null],
    ['', null],
  ])('%s -> %s', (value, id) => {
    expect(parseSlackChannelId(value)).toBe(id);
  });
});
