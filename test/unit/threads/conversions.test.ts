import { describe, expect, it } from 'vitest';
import { cutMrkdwn, htmlToMrkdwn } from '../../../src/domain/threads/html-to-mrkdwn.js';
import { mentionedUserIds, mrkdwnToHtml, type SlackNames } from '../../../src/domain/threads/mrkdwn-to-html.js';

describe('Intercom HTML to Slack mrkdwn', () => {
  it.each([
    ['paragraphs as lines', '<p>Hello</p><p>Thanks</p>', 'Hello\nThanks'],
    ['line breaks', 'one<br>two<br/>three', 'one\ntwo\nthree'],
    ['bold, italic, strike and code', '<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <s>x</s> <code>c()</code>', '*b* *s* _i_ _e_ ~x~ `c()`'],
    ['spaces kept outside the markers', 'a<b> bold </b>b', 'a *bold* b'],
    ['links with their label', '<a href="https://docs.example.com/x?a=1&amp;b=2">the docs</a>', '<https://docs.example.com/x?a=1&amp;b=2|the docs>'],
    ['a bare link', '<a href="https://x.example">https://x.example</a>', '<https://x.example>'],
    ['a javascript: link as its text only', '<a href="javascript:alert(1)">click</a>', 'click'],
    ['images as links', '<p>see <img src="https://img.example/1.png" alt="screenshot"></p>', 'see <https://img.example/1.png|screenshot>'],
    ['bullet and numbered lists', '<ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol>', '• one\n• two\n1. a\n2. b'],
    ['quotes', '<blockquote><p>first</p><p>second</p></blockquote>', '> first\n> second'],
    ['code blocks, with their line breaks and indentation', '<pre>if (x) {\n  y();\n}</pre>', '```\nif (x) {\n  y();\n}\n```'],
    ['headings as bold lines', '<h2>Steps</h2><p>do it</p>', '*Steps*\ndo it'],
    ['collapsed whitespace', '<p>  lots   of\n\n space  </p>', 'lots of space'],
    ['entities decoded, then Slack control characters escaped', '<p>a &lt; b &amp;&amp; c &gt; d &eacute;</p>', 'a &lt; b &amp;&amp; c &gt; d é'],
  ])('converts %s', (_name, html, mrkdwn) => {
    expect(htmlToMrkdwn(html)).toBe(mrkdwn);
  });

  it('never lets customer text mention a channel or a user', () => {
    const text = htmlToMrkdwn('<p>&lt;!channel&gt; &lt;@U123&gt; is down</p>');
    expect(text).toBe('&lt;!channel&gt; &lt;@U123&gt; is down');
    expect(text).not.toMatch(/<[!@]/);
  });

  it('drops scripts and styles', () => {
    expect(htmlToMrkdwn('<style>p{}</style><script>x()</script><p>ok</p>')).toBe('ok');
  });
});

describe('cutting long mrkdwn', () => {
  const more = { url: 'https://app.intercom.com/c/1', label: 'Read the rest' };

  it('leaves text within the limit alone', () => {
    expect(cutMrkdwn('short', 100, more)).toBe('short');
  });

  it('cuts to the limit with a link to the rest, never inside a link or an entity', () => {
    const text = `${'word '.repeat(20)}<https://example.com/a-long-link|a label> &amp; more text after it`;
    for (const max of [60, 90, 110, 130]) {
      const cut = cutMrkdwn(text, max, more);
      expect([...cut].length).toBeLessThanOrEqual(max);
      expect(cut).toContain('…\n<https://app.intercom.com/c/1|Read the rest>');
      const kept = cut.slice(0, cut.indexOf('…'));
      expect(kept.split('<').length).toBe(kept.split('>').length);
      expect(kept).not.toMatch(/&(a|am|l|g)?$/);
    }
  });

  it('closes a code block it cut open', () => {
    const cut = cutMrkdwn(`\`\`\`\n${'x'.repeat(200)}\n\`\`\``, 80, more);
    expect((cut.match(/```/g) ?? []).length).toBe(2);
  });
});

describe('Slack mrkdwn to Intercom HTML', () => {
  const names: SlackNames = {
    user: (id) => ({ U1: 'Priya Raman', U2: 'Sam <Oduya>' })[id] ?? null,
    channel: (id) => (id === 'C1' ? 'jmp-23-okta' : null),
  };

  it('resolves user mentions to names and channel links to #names', () => {
    expect(mrkdwnToHtml('Thanks <@U1>, cc <@U2> and <#C1>', names)).toBe('<p>Thanks @Priya Raman, cc @Sam &lt;Oduya&gt; and #jmp-23-okta</p>');
  });

  it('uses the label, then "someone", when a user is not known', () => {
    expect(mrkdwnToHtml('<@U9|jo> and <@U8>', names)).toBe('<p>@jo and @someone</p>');
  });

  it('carries formatting, links and special mentions over', () => {
    expect(mrkdwnToHtml('*fixed* in _v2_ ~not~ `code` <https://x.example/?a=1&amp;b=2|release> <!here>', names)).toBe(
      '<p><b>fixed</b> in <i>v2</i> <s>not</s> <code>code</code> <a href="https://x.example/?a=1&amp;b=2">release</a> @here</p>',
    );
  });

  it('turns code blocks and quotes into blocks and line breaks into <br>', () => {
    expect(mrkdwnToHtml('one\ntwo\n```a < b```\n&gt; quoted', names)).toBe('<p>one<br>two</p><pre>a &lt; b</pre><blockquote>quoted</blockquote>');
  });

  it('escapes what people type, so no HTML from Slack reaches Intercom', () => {
    expect(mrkdwnToHtml('&lt;img src=x onerror=alert(1)&gt; "q"', names)).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &quot;q&quot;</p>');
  });

  it('keeps only http, https and mailto links', () => {
    expect(mrkdwnToHtml('<javascript:alert(1)|click>', names)).toBe('<p>click</p>');
  });

  it('adds shared files as links', () => {
    expect(mrkdwnToHtml('see log', names, [{ name: 'trace.txt', url: 'https://files.slack.com/t' }])).toBe(
      '<p>see log</p><p>📎 <a href="https://files.slack.com/t">trace.txt</a></p>',
    );
  });

  it('lists the mentioned users', () => {
    expect(mentionedUserIds('hi <@U1> *<@U4>* <@U1>')).toEqual(['U1', 'U4']);
  });
});
