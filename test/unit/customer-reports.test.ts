import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationPart } from '../../src/domain/conversation.js';
import {
  customerExcerpt,
  EXCERPT_CHARS,
  parseReports,
  REPORTS_CHARS,
  reportExcerpts,
  withoutReport,
  withReport,
} from '../../src/domain/customer-reports.js';

let partId = 0;
function part(authorType: ConversationPart['authorType'], body: string, extra: Partial<ConversationPart> = {}): ConversationPart {
  partId += 1;
  return { id: String(partId), partType: 'comment', authorType, authorId: authorType === 'admin' ? 'a1' : 'u1', authorName: null, body, createdAt: partId, ...extra };
}

function conversation(parts: ConversationPart[]): Conversation {
  return { id: '1', title: null, createdAt: 0, state: 'open', assigneeId: null, teammateAdminIds: [], parts } as unknown as Conversation;
}

describe("a conversation's customer excerpt", () => {
  it("keeps only the customer's own words: no teammate reply, no note, no app sentence, no quoted reply or signature", () => {
    const excerpt = customerExcerpt(
      conversation([
        part('user', 'The CSV export never finishes for 180,000 rows.\n\nOn Tue, 4 Mar 2025, Ann <a@b.c> wrote:\n> old quoted text'),
        part('admin', 'Thanks, looking into the exporter.'),
        part('admin', 'Looks like the export worker timeout', { partType: 'note' }),
        part('user', 'Still stuck. Linked to Notion ticket JMP-40: Something else\nSent from my iPhone'),
      ]),
    );
    expect(excerpt).toBe('The CSV export never finishes for 180,000 rows. Still stuck.');
  });

  it('is at most EXCERPT_CHARS, cut on a word', () => {
    const long = 'export '.repeat(200);
    const excerpt = customerExcerpt(conversation([part('user', long)]));
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(excerpt.endsWith('export…')).toBe(true);
  });

  it('is empty when the customer wrote nothing', () => {
    expect(customerExcerpt(conversation([part('admin', 'Hello?')]))).toBe('');
  });
});

describe("a ticket's Customer Reports", () => {
  it('add a line per conversation, and a repeated link changes nothing', () => {
    const once = withReport('', '101', 'The timeline hangs');
    const twice = withReport(withReport(once, '102', 'Gantt freezes'), '101', 'The timeline hangs');
    expect(twice).toBe('[101] The timeline hangs\n[102] Gantt freezes');
    expect(parseReports(twice)).toEqual([
      { conversationId: '101', excerpt: 'The timeline hangs' },
      { conversationId: '102', excerpt: 'Gantt freezes' },
    ]);
  });

  it("replace a conversation's line when its words changed, as its most recent", () => {
    const text = withReport(withReport(withReport('', '101', 'old words'), '102', 'other'), '101', 'new words');
    expect(text).toBe('[102] other\n[101] new words');
  });

  it('keep the most recent within REPORTS_CHARS, dropping the oldest', () => {
    let text = '';
    for (let i = 0; i < 20; i += 1) text = withReport(text, String(1000 + i), `${'word '.repeat(55)}${i}`);
    expect(text.length).toBeLessThanOrEqual(REPORTS_CHARS);
    const ids = parseReports(text).map((r) => r.conversationId);
    expect(ids.at(-1)).toBe('1019');
    expect(ids).not.toContain('1000');
    expect(ids.length).toBeGreaterThan(1);
  });

  it("lose a conversation's line on unlink, and only that one", () => {
    const text = withReport(withReport('', '101', 'one'), '102', 'two');
    expect(withoutReport(text, '101')).toBe('[102] two');
    expect(withoutReport(text, '999')).toBe(text);
    expect(reportExcerpts(text)).toEqual(['one', 'two']);
  });

  it('ignore lines a person typed in Notion that are not reports, and empty excerpts', () => {
    expect(parseReports('a note by hand\n[7] real words')).toEqual([{ conversationId: '7', excerpt: 'real words' }]);
    expect(withReport('[7] x', '8', '   ')).toBe('[7] x');
  });
});
