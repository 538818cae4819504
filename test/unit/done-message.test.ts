import { describe, expect, it } from 'vitest';
import { renderDoneMessage, renderNeutralDoneMessage, titleIsShareable } from '../../src/domain/done-message.js';

const values = { ticket_id: 'JMP-123', title: 'Login fails with SSO', notion_url: 'https://www.notion.so/Login-1a2b' };
const DEFAULT_TEMPLATE =
  'Good news: the issue you reported ({ticket_id}: {title}) has been resolved. Thank you for your patience!';

describe('renderDoneMessage', () => {
  it('fills in the default template', () => {
    expect(renderDoneMessage(DEFAULT_TEMPLATE, values)).toEqual({
      text: 'Good news: the issue you reported (JMP-123: Login fails with SSO) has been resolved. Thank you for your patience!',
      html: '<p>Good news: the issue you reported (JMP-123: Login fails with SSO) has been resolved. Thank you for your patience!</p>',
    });
  });

  it('replaces every occurrence and leaves unknown placeholders as written', () => {
    const { text } = renderDoneMessage('{ticket_id} {customer_name} {ticket_id} {Title} {title', values);
    expect(text).toBe('JMP-123 {customer_name} JMP-123 {Title} {title');
  });

  it('does not expand placeholders that come from the values', () => {
    const { text } = renderDoneMessage('{title} / {ticket_id}', { ...values, title: 'Literal {ticket_id} in a title' });
    expect(text).toBe('Literal {ticket_id} in a title / JMP-123');
  });

  it('keeps a title with markup as text in the HTML', () => {
    const { text, html } = renderDoneMessage('Fixed: {title}', { ...values, title: '<script>alert("x")</script> & <b>' });
    expect(text).toBe('Fixed: <script>alert("x")</script> & <b>');
    expect(html).toBe('<p>Fixed: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;</p>');
  });

  it('escapes markup written in the template itself', () => {
    expect(renderDoneMessage('Fixed <b>now</b>', values).html).toBe('<p>Fixed &lt;b&gt;now&lt;/b&gt;</p>');
  });

  it('links the Notion URL where the template puts it', () => {
    const { text, html } = renderDoneMessage('Details: {notion_url}', { ...values, notion_url: 'https://notion.so/x?a=1&b=2' });
    expect(text).toBe('Details: https://notion.so/x?a=1&b=2');
    expect(html).toBe('<p>Details: <a href="https://notion.so/x?a=1&amp;b=2">https://notion.so/x?a=1&amp;b=2</a></p>');
  });

  it('does not link a URL that is not a web link', () => {
    const { html } = renderDoneMessage('See {notion_url}', { ...values, notion_url: 'javascript:alert(1)' });
    expect(html).toBe('<p>See javascript:alert(1)</p>');
  });

  it('turns blank lines into paragraphs and single newlines into line breaks', () => {
    const { text, html } = renderDoneMessage('Hi!\n\nFixed: {title}\nThanks.\r\n\r\n', values);
    expect(text).toBe('Hi!\n\nFixed: Login fails with SSO\nThanks.\r\n\r\n');
    expect(html).toBe('<p>Hi!</p><p>Fixed: Login fails with SSO<br>Thanks.</p>');
  });
});

describe('titleIsShareable', () => {
  it("refuses a title with a link or an email address, whoever wrote it", () => {
    expect(titleIsShareable('Your refund is ready: visit https://evil.example/claim', '')).toBe(false);
    expect(titleIsShareable('Write to claims@evil.example', '')).toBe(false);
    expect(titleIsShareable('Go to evil.example for help', '')).toBe(false);
  });

  it("refuses a title found word for word in the description (a customer's words), and takes one that is not", () => {
    const description = 'Hi team. When I export the report, the spinner keeps going for minutes!';
    expect(titleIsShareable('When I export the report, the spinner keeps going…', description)).toBe(false);
    expect(titleIsShareable('Report export never finishes', description)).toBe(true);
    expect(titleIsShareable('Login & SSO', 'Login & SSO fails')).toBe(true);
  });
});

describe('renderNeutralDoneMessage', () => {
  it('names the ticket id only, and drops the title from the Notion link', () => {
    const neutral = renderNeutralDoneMessage(`${DEFAULT_TEMPLATE} {notion_url}`, {
      ...values,
      notion_url: 'https://www.notion.so/Your-refund-is-ready-0123456789abcdef0123456789abcdef',
    });
    expect(neutral.text).toBe(
      'Good news: the issue you reported (JMP-123) has been resolved. Thank you for your patience! https://www.notion.so/0123456789abcdef0123456789abcdef',
    );
    expect(renderNeutralDoneMessage('Fixed {title} ({ticket_id})', values).text).toBe('Fixed the issue (JMP-123)');
  });
});
