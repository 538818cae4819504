import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bold, escapeMarkdown, formatCount, joinNames, markdownLink, plural, truncate } from '../../canvases/text.js';
import { HOSTILE_TITLES, renderMarkdown } from './helpers.js';

describe('escapeMarkdown', () => {
  it.each(HOSTILE_TITLES)('shows %j exactly as typed, with no link or bold', (title) => {
    const rendered = renderMarkdown(escapeMarkdown(title));
    expect(rendered).toEqual({ text: title, links: [], bold: [], unbalancedBold: false });
  });

  it('keeps any text verbatim and inert', () => {
    fc.assert(
      fc.property(fc.string(), (title) => {
        const rendered = renderMarkdown(escapeMarkdown(title));
        expect(rendered.text).toBe(title);
        expect(rendered.links).toEqual([]);
        expect(rendered.bold).toEqual([]);
      }),
    );
  });

  it.each(['Login fails for user_id 42 - see #help', '[iOS] crash on launch (beta)', 'Path C:\\temp\\x is 100% full'])(
    'leaves ordinary text %j alone, so it reads well even if Intercom ignores escapes',
    (text) => {
      expect(escapeMarkdown(text)).toBe(text);
    },
  );

  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[x](y)', '[x]\\(y)'],
    ['ends with \\', 'ends with \\\\'],
    ['\\*', '\\\\\\*'],
  ])('escapes %j as %j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });
});

describe('bold', () => {
  it('bolds escaped text as one segment', () => {
    expect(renderMarkdown(bold('a ** b'))).toEqual({ text: 'a ** b', links: [], bold: ['a ** b'], unbalancedBold: false });
  });
});

describe('markdownLink', () => {
  it('links escaped text to the URL', () => {
    const rendered = renderMarkdown(markdownLink('JMP-1 [beta]', 'https://www.notion.so/abc'));
    expect(rendered.links).toEqual([{ text: 'JMP-1 [beta]', url: 'https://www.notion.so/abc' }]);
    expect(rendered.text).toBe('JMP-1 [beta]');
  });

  it('percent-encodes characters that would end the link early', () => {
    const rendered = renderMarkdown(markdownLink('doc', 'https://example.com/a_(b) c'));
    expect(rendered.links).toEqual([{ text: 'doc', url: 'https://example.com/a_%28b%29%20c' }]);
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'not a url', ''])('renders %j as plain text, not a link', (url) => {
    const rendered = renderMarkdown(markdownLink('JMP-1', url));
    expect(rendered).toEqual({ text: 'JMP-1', links: [], bold: [], unbalancedBold: false });
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    ['word and space', 10, 'word and…'],
  ])('truncate(%j, %i) is %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('counts code points, so emoji are never split', () => {
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(Array.from(truncate('😀'.repeat(500), 100))).toHaveLength(100);
  });

  it('collapses whitespace for single-line text', () => {
    expect(truncate('  a\n\n b\t c  ', 20, { singleLine: true })).toBe('a b c');
  });

  it('never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 50 }), (text, max) => {
        expect(Array.from(truncate(text, max)).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('counting words', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
  ])('formatCount(%i) is %j', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });

  it('pluralises by count', () => {
    expect(plural(1, 'conversation')).toBe('1 conversation');
    expect(plural(2, 'conversation')).toBe('2 conversations');
    expect(plural(1500, 'ticket')).toBe('1,500 tickets');
  });

  it.each([
    [[], 0, ''],
    [['Ann'], 0, 'Ann'],
    [['Ann', 'Bo'], 0, 'Ann and Bo'],
    [['Ann', 'Bo', 'Cy'], 0, 'Ann, Bo and Cy'],
    [['Ann', 'Bo'], 2, 'Ann, Bo and 2 others'],
    [['Ann', 'Bo'], 1, 'Ann, Bo and 1 other'],
  ])('joinNames(%j, %i) is %j', (names, hidden, expected) => {
    expect(joinNames(names, hidden)).toBe(expected);
  });
});
