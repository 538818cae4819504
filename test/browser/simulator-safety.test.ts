import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { ARTIFACTS_DIR, type Simulator, simulatorView, startSimulator } from './harness.js';

/**
 * What the simulator must survive: content written by customers and teammates that looks like
 * markup (stored through the API or typed into the New conversation form), and an app that
 * answers with an error.
 */

const EXPORT_CONVERSATION = '215470000000002';
const WEBHOOK_SECRET_CONVERSATION = '215470000000003';
const EDITED_TITLE = 'Deliveries signed with the rotated-out secret';
const POLL = { timeout: 15_000, interval: 100 };

/** Closes the boot block's <script>, tries an image handler, Markdown bold and a javascript: link. */
const HOSTILE_TITLE = '</script><img src=x onerror="window.__injected=1"> **not bold** [click](javascript:window.__injected=2)';
const HOSTILE_NOTE =
  '<p>Customer pasted <code>&lt;b&gt;bold?&lt;/b&gt;</code></p>' +
  '<img src=x onerror="window.__injected=3"><script>window.__injected=4</script>' +
  '<p><a href="javascript:window.__injected=5">not a link</a> and <a href="https://example.com/docs">a real link</a></p>';
/** Typed by the reader into the New conversation form: the customer's name and first message. */
const HOSTILE_NAME = '</script><img src=x onerror="window.__injected=6"> **Robin**';
const HOSTILE_TYPED = '<img src=x onerror="window.__injected=7"><script>window.__injected=8</script> [docs](javascript:window.__injected=9) &amp; done';

describe('the inbox simulator with hostile content and a failing app', () => {
  let sim: Simulator;
  let view: ReturnType<typeof simulatorView>;

  beforeAll(async () => {
    sim = await startSimulator();
    view = simulatorView(sim.page);
  });

  afterEach(() => {
    expect(sim.pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('shows ticket titles and message HTML as text, never as markup or script', async () => {
    const fakes = `${sim.sandbox.url}/sandbox`;
    const headers = { Authorization: `Bearer ${SANDBOX.token}`, 'Content-Type': 'application/json' };
    const page = await fetch(`${fakes}/notion/v1/pages`, {
      method: 'POST',
      headers: { ...headers, 'Notion-Version': '2025-09-03' },
      body: JSON.stringify({
        parent: { data_source_id: SANDBOX.notionDataSourceId },
        properties: { Title: { title: [{ text: { content: HOSTILE_TITLE } }] } },
      }),
    });
    expect(page.status).toBe(200);
    const note = await fetch(`${fakes}/intercom/conversations/${EXPORT_CONVERSATION}/reply`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message_type: 'note', type: 'admin', admin_id: SANDBOX.adminId, body: HOSTILE_NOTE }),
    });
    expect(note.status).toBe(200);

    // Loaded after the writes, so the title travels in the page's boot JSON as well.
    await sim.page.goto(`${fakes}#${EXPORT_CONVERSATION}`);
    const row = sim.page.locator('[data-testid="notion-row"]').filter({ hasText: 'not bold' });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe(HOSTILE_TITLE);

    const pasted = view.messages('note').filter({ hasText: 'Customer pasted' });
    await pasted.waitFor();
    expect(await pasted.getByTestId('message-body').textContent()).toBe('Customer pasted <b>bold?</b>not a link and a real link');
    expect(await pasted.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'https://example.com/docs',
    ]);

    expect(await sim.page.locator('img, script:not([src]):not([type="application/json"])').count()).toBe(0);
    expect(await sim.page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await sim.page.evaluate(() => (window as { __injected?: unknown }).__injected)).toBeUndefined();
    await sim.page.screenshot({ path: join(ARTIFACTS_DIR, 'safety-hostile-content.png') });
  });

  it('keeps the canvas, with what the agent typed, and offers Try again when the app answers with an error', async () => {
    const { page } = sim;
    // The previous test left the page on another conversation: a hash change alone does not reopen one.
    await view.conversation(WEBHOOK_SECRET_CONVERSATION).click();
    await page.locator(`[data-conversation-id="${WEBHOOK_SECRET_CONVERSATION}"][aria-current="true"]`).waitFor();
    await view.component('find_or_create').click();
    const titleInput = view.component('ticket_title').locator('input');
    await titleInput.waitFor();

    await page.route('**/canvas/submit', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ status: 'error', error: { code: 'unavailable', message: 'Try again later.' } }),
      }),
    );
    await titleInput.fill(EDITED_TITLE);
    await view.component('create_ticket').click();
    const error = page.getByTestId('panel-error');
    await expect.poll(() => error.textContent(), POLL).toContain('The app answered 503: Try again later.');
    expect(await titleInput.inputValue()).toBe(EDITED_TITLE);
    expect(await page.getByTestId('canvas-json-response').textContent()).toContain('"code": "unavailable"');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'safety-app-error.png') });

    await page.unroute('**/canvas/submit');
    await page.getByTestId('panel-retry').click();
    await expect.poll(() => view.heading.textContent(), POLL).toMatch(/^Created JMP-\d+$/);
    expect(await error.isHidden()).toBe(true);
    expect(await view.panel.textContent()).toContain(EDITED_TITLE);
  });

  it('shows what the reader types into New conversation as text, and says why a conversation was not created', async () => {
    const { page } = sim;
    const count = () => sim.sandbox.world.intercom.conversations().length;
    const before = count();
    await page.getByTestId('new-conversation').click();
    await page.getByTestId('new-conv-name').fill(HOSTILE_NAME);
    await page.getByTestId('new-conv-email').fill('robin at example');
    await page.getByTestId('new-conv-body').fill(HOSTILE_TYPED);
    await page.getByTestId('new-conv-create').click();
    const error = page.getByTestId('new-conv-error');
    await expect.poll(() => error.textContent(), POLL).toBe('Not created: HTTP 400: Invalid request body: customer.email: a valid email address');
    expect(await page.getByTestId('new-conversation-dialog').isVisible()).toBe(true);
    expect(count()).toBe(before);

    await page.getByTestId('new-conv-email').fill('robin@example.com');
    await page.getByTestId('new-conv-create').click();
    await page.getByTestId('new-conversation-dialog').waitFor({ state: 'hidden' });
    expect(count()).toBe(before + 1);
    const opened = page.locator('[data-testid="conversation-item"][aria-current="true"]');
    await expect.poll(() => opened.locator('.conv-name').textContent(), POLL).toBe(HOSTILE_NAME);
    expect(await opened.locator('.conv-preview').textContent()).toBe(HOSTILE_TYPED);
    expect(await page.getByTestId('customer-card').textContent()).toContain(HOSTILE_NAME);
    expect(await page.getByTestId('message-body').allTextContents()).toEqual([HOSTILE_TYPED]);

    expect(await page.locator('img, script:not([src]):not([type="application/json"])').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __injected?: unknown }).__injected)).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'safety-new-conversation.png') });
  });
});
