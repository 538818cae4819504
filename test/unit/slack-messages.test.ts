import { describe, expect, it } from 'vitest';
import {
  channelIntroMessage,
  conversationLinkedMessage,
  escapeSlack,
  SECTION_TEXT_MAX,
  type SlackBlock,
  ticketDoneMessage,
} from '../../src/domain/slack-messages.js';

const notionUrl = 'https://www.notion.so/Login-fails-1a2b3c';
const conversationUrl = 'https://app.intercom.com/a/inbox/abc/inbox/conversation/42';

function blockTexts(blocks: SlackBlock[]): string[] {
  return blocks.map((b) => (b.type === 'section' ? b.text.text : b.elements.map((e) => e.text).join(' ')));
}

describe('escapeSlack', () => {
  it('escapes only &, < and >', () => {
    expect(escapeSlack(`<!channel> & <@U123> "quoted" it's *bold*`)).toBe(
      `&lt;!channel&gt; &amp; &lt;@U123&gt; "quoted" it's *bold*`,
    );
  });
});

describe('channelIntroMessage', () => {
  const input = { ticketId: 'JMP-123', title: 'Login fails', summary: 'SSO users get a 500.', notionUrl, conversationUrl };

  it('shows the title linked to Notion, the summary and where the ticket came from', () => {
    const { blocks } = channelIntroMessage(input);
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: `*<${notionUrl}|JMP-123: Login fails>*` } },
      { type: 'section', text: { type: 'mrkdwn', text: 'SSO users get a 500.' } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Opened from <${conversationUrl}|an Intercom conversation> · <${notionUrl}|Notion ticket>` },
        ],
      },
    ]);
  });

  it('has a fallback text with the title, summary and both links', () => {
    expect(channelIntroMessage(input).text).toBe(
      `New ticket JMP-123: Login fails\nSSO users get a 500.\nNotion: ${notionUrl}\nConversation: ${conversationUrl}`,
    );
  });

  it('leaves out an empty summary', () => {
    const { text, blocks } = channelIntroMessage({ ...input, summary: '  ' });
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context']);
    expect(text).not.toContain('\n\n');
  });

  it('shows mentions and markup from the ticket as text', () => {
    const { text, blocks } = channelIntroMessage({ ...input, title: '<!channel> down', summary: 'a < b & <https://evil|click>' });
    const all = [text, ...blockTexts(blocks)].join('\n');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil');
    expect(blockTexts(blocks)[0]).toBe(`*<${notionUrl}|JMP-123: &lt;!channel&gt; down>*`);
    expect(blockTexts(blocks)[1]).toBe('a &lt; b &amp; &lt;https://evil|click&gt;');
  });

  it('keeps every section within 3,000 characters, cutting with an ellipsis', () => {
    const { blocks } = channelIntroMessage({ ...input, title: '<'.repeat(2000), summary: '&'.repeat(5000) });
    for (const text of blockTexts(blocks)) expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(blockTexts(blocks)[0]).toMatch(/&lt;…>\*$/);
    expect(blockTexts(blocks)[1]).toMatch(/^(&amp;)+…$/);
  });

  it('keeps a link whole when a URL contains the link separator', () => {
    const { blocks } = channelIntroMessage({ ...input, notionUrl: 'https://notion.so/a|b' });
    expect(blockTexts(blocks)[0]).toBe('*<https://notion.so/a%7Cb|JMP-123: Login fails>*');
  });
});

describe('conversationLinkedMessage', () => {
  it('links the conversation and counts the conversations', () => {
    const message = conversationLinkedMessage({ ticketId: 'JMP-123', conversationUrl, conversationCount: 3 });
    expect(blockTexts(message.blocks)).toEqual([
      `:link: Another <${conversationUrl}|Intercom conversation> was linked to JMP-123 (3 conversations linked so far).`,
    ]);
    expect(message.text).toBe(`Another Intercom conversation was linked to JMP-123 (3 conversations linked so far): ${conversationUrl}`);
  });

  it('calls the first conversation the first, not "another"', () => {
    const message = conversationLinkedMessage({ ticketId: 'JMP-1', conversationUrl, conversationCount: 1 });
    expect(message.text).toMatch(/^An Intercom conversation was linked to JMP-1, its first/);
    expect(JSON.stringify(message.blocks)).not.toContain('Another');
  });
});

describe('ticketDoneMessage', () => {
  it('announces the ticket as Done and says who is told', () => {
    const message = ticketDoneMessage({ ticketId: 'JMP-123', title: 'Login & SSO', notionUrl, notified: 2, total: 2 });
    expect(blockTexts(message.blocks)).toEqual([
      `:white_check_mark: *<${notionUrl}|JMP-123 is Done: Login &amp; SSO>*`,
      'All 2 linked Intercom conversations were told it is resolved.',
    ]);
    expect(message.text).toBe(`JMP-123 is Done: Login &amp; SSO ${notionUrl}`);
  });

  it.each([
    [1, 1, 'The linked Intercom conversation was told it is resolved.'],
    [0, 0, 'No Intercom conversations are linked to this ticket.'],
    [2, 3, '2 of 3 linked Intercom conversations were told it is resolved; the others could not be reached.'],
  ])('words %d of %d conversations told', (notified, total, expected) => {
    const message = ticketDoneMessage({ ticketId: 'JMP-1', title: 'T', notionUrl, notified, total });
    expect(blockTexts(message.blocks)[1]).toBe(expected);
  });

  it('keeps a very long title within one section', () => {
    const message = ticketDoneMessage({ ticketId: 'JMP-1', title: 'x'.repeat(4000), notionUrl, notified: 0, total: 0 });
    expect(blockTexts(message.blocks)[0]!.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
  });
});
