import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CanvasResponse } from '../../canvases/components.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { FIRST_CANVAS_MAX_PX, canvasHeight } from '../canvases/canvas-height.js';
import { ARTIFACTS_DIR, type Simulator, simulatorView, startSimulator } from './harness.js';

/**
 * The whole story in a real browser, as an agent would live it: a new problem becomes a Notion
 * ticket with its own Slack channel, the conversation and its Slack thread talk both ways, marking
 * it Done tells Slack and the customer, a duplicate is linked to the ticket it duplicates, and a
 * conversation written with the New conversation button is suggested the ticket it describes. The
 * steps share one sandbox and run in order.
 *
 * UPDATE_DOCS_SCREENSHOT=1 also writes docs/sandbox.png (the README's picture) after step 1.
 */

const WEBHOOK_SECRET_CONVERSATION = '215470000000003';
const OKTA_CONVERSATION = '215470000000001';
const EDITED_TITLE = 'Webhooks still signed with the old secret after rotation';
const CSV_EXPORT_WORDS = 'Hi! Our workspace has about 150,000 rows and the CSV export never finishes: it spins for a few minutes and then times out.';
const POLL = { timeout: 15_000, interval: 100 };

describe('the inbox simulator, driven in Chromium', () => {
  let sim: Simulator;
  let view: ReturnType<typeof simulatorView>;
  let ticketId = '';

  beforeAll(async () => {
    sim = await startSimulator();
    view = simulatorView(sim.page);
    await sim.page.goto(`${sim.sandbox.url}/sandbox`);
  });

  afterEach(() => {
    expect(sim.pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await sim?.close();
  });

  const screenshot = (name: string) => sim.page.screenshot({ path: join(ARTIFACTS_DIR, name) });

  it('creates a Notion ticket and its Slack channel from a new problem, with the title the agent edited', async () => {
    const { page } = sim;
    await view.conversation(WEBHOOK_SECRET_CONVERSATION).click();
    const findOrCreate = view.component('find_or_create');
    await findOrCreate.waitFor();
    expect(await findOrCreate.textContent()).toBe('Find or create Notion ticket');
    expect(await view.panel.getAttribute('data-conversation-id')).toBe(WEBHOOK_SECRET_CONVERSATION);

    await findOrCreate.click();
    const titleInput = view.component('ticket_title').locator('input');
    await titleInput.waitFor();
    expect(await view.heading.textContent()).toBe('Looks like a new issue');
    // The offline draft names the symptom; the description keeps the context and the teammate's finding.
    expect(await titleInput.inputValue()).toBe('Endpoint rejects every delivery because the signature does not match');
    const description = await view.component('ticket_description').locator('textarea').inputValue();
    expect(description).toMatch(/webhook signing secret/);
    expect(description).toMatch(/signer keeps the cached secret/);
    await screenshot('1a-suggestion.png');

    await titleInput.fill(EDITED_TITLE);
    await view.component('create_ticket').click();
    await expect.poll(() => view.heading.textContent(), POLL).toMatch(/^Created JMP-\d+$/);
    ticketId = ((await view.heading.textContent()) ?? '').replace('Created ', '');
    const notionLink = view.heading.locator('a');
    expect(await notionLink.textContent()).toBe(ticketId);
    expect(await notionLink.getAttribute('href')).toMatch(/^https:\/\/www\.notion\.so\//);
    const channelPrefix = `${ticketId.toLowerCase()}-webhooks-still-signed`;
    expect(await view.panel.textContent()).toContain(`Slack channel: #${channelPrefix}`);

    // The submit carried the edited title and the canvas it was clicked on, signed.
    await page.getByTestId('canvas-json').locator('summary').click();
    const request = (await page.getByTestId('canvas-json-request').textContent()) ?? '';
    expect(request).toMatch(/^X-Body-Signature: [0-9a-f]{64}\n/);
    const body = JSON.parse(request.slice(request.indexOf('{')));
    expect(body).toMatchObject({
      component_id: 'create_ticket',
      conversation: { id: WEBHOOK_SECRET_CONVERSATION },
      input_values: { ticket_title: EDITED_TITLE },
      current_canvas: { stored_data: { canvas: 'suggestion', conversationId: WEBHOOK_SECRET_CONVERSATION } },
    });
    expect(await page.getByTestId('canvas-json-response').textContent()).toContain(`"text": "Created [${ticketId}]`);

    // Notion: the new ticket, one conversation, its channel.
    const row = view.notionRow(ticketId);
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe(EDITED_TITLE);
    expect(await row.getByTestId('notion-status').inputValue()).toBe('Not started');
    expect(await row.getByTestId('notion-conversations').textContent()).toBe('1');
    expect(await row.getByTestId('notion-slack').textContent()).toMatch(new RegExp(`^#${channelPrefix}`));

    // Slack: the channel, its topic, the invited teammates and the first message.
    await view.slackChannel(channelPrefix).locator('button').click();
    expect(await view.slackChannelView.getAttribute('data-channel-name')).toMatch(new RegExp(`^${channelPrefix}`));
    expect(await page.getByTestId('slack-topic').textContent()).toContain(
      (await row.locator('td').nth(1).locator('a').getAttribute('href')) ?? 'missing Notion URL',
    );
    expect(await view.slackMembers.allTextContents()).toEqual(
      expect.arrayContaining(['Ticket Bot (bot)', 'Dana Whitfield', 'Jose Garcia']),
    );
    const firstPost = (await view.slackMessages.allTextContents()).find((text) => text.startsWith('New ticket'));
    expect(firstPost).toContain(`New ticket ${ticketId}: ${EDITED_TITLE}`);

    // Intercom: the app's internal note in the conversation.
    await expect
      .poll(() => view.messages('note').allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining(`Linked to Notion ticket ${ticketId}: ${EDITED_TITLE}`)]));
    await screenshot('1b-created.png');
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      // The README's picture: the JSON box folded away, the channel's first post in view.
      await page.getByTestId('canvas-json').locator('summary').click();
      await view.slackMessages
        .filter({ hasText: 'New ticket' })
        .evaluate((text) => text.closest('li')?.scrollIntoView({ block: 'start' }));
      const target = join('docs', 'sandbox.png');
      await mkdir(dirname(target), { recursive: true });
      await page.screenshot({ path: target });
    }
  });

  it("syncs the conversation's Slack thread both ways: the customer writes, an engineer replies, the note and the reply reach Intercom", async () => {
    expect(ticketId).not.toBe('');
    const { page } = sim;
    const channelPrefix = `${ticketId.toLowerCase()}-webhooks-still-signed`;
    await view.conversation(WEBHOOK_SECRET_CONVERSATION).click();
    await view.slackChannel(channelPrefix).locator('button').click();

    // The customer writes in the conversation: it appears once, in the thread under the channel's first post.
    await page.getByTestId('composer-author').selectOption('customer');
    await page.getByTestId('composer-body').fill('Still failing after the second rotation');
    await page.getByTestId('composer-send').click();
    const root = page.locator('[data-testid="slack-message"]', { hasText: `New ticket ${ticketId}` });
    const replies = root.getByTestId('slack-reply');
    const replyTexts = replies.getByTestId('slack-message-text');
    await expect.poll(() => replyTexts.allTextContents(), POLL).toEqual([expect.stringContaining('(customer) wrote:\nStill failing after the second rotation')]);

    // An engineer replies in the thread: an internal note in the conversation, attributed.
    await root.getByTestId('slack-reply-in-thread').click();
    await page.getByTestId('thread-composer-user').selectOption(SLACK_USER.priya);
    await page.getByTestId('thread-composer-text').fill('Found it: the *old secret* is cached for ten minutes');
    await page.getByTestId('thread-composer-send').click();
    await expect
      .poll(() => view.messages('note').allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining('Priya Raman in Slack: Found it: the old secret is cached for ten minutes')]));
    await screenshot('2a-thread-note.png');

    // Send to customer on that reply: a confirmation first, then one reply the customer sees.
    const engineerReply = replies.filter({ hasText: 'Found it' });
    await engineerReply.getByTestId('slack-send-to-customer').click();
    const modal = page.getByTestId('slack-modal');
    await modal.waitFor();
    expect(await page.getByTestId('slack-modal-title').textContent()).toBe('Send to customer');
    expect(await page.getByTestId('slack-modal-blocks').textContent()).toContain('signed *Priya Raman*?');
    expect(await view.messages('comment').allTextContents()).not.toEqual(expect.arrayContaining([expect.stringContaining('cached for ten minutes')]));
    await screenshot('2b-send-to-customer.png');
    await page.getByTestId('slack-modal-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await expect
      .poll(() => view.messages('comment').allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining('cached for ten minutes— Priya Raman')]));
    await expect.poll(() => replyTexts.allTextContents(), POLL).toEqual(expect.arrayContaining([expect.stringContaining('Sent to the customer by Priya Raman')]));

    // Each once: one mirrored customer message, one note, one reply.
    const texts = await replyTexts.allTextContents();
    expect(texts.filter((t) => t.includes('Still failing after the second rotation'))).toHaveLength(1);
    expect((await view.messages('note').allTextContents()).filter((t) => t.includes('in Slack: Found it'))).toHaveLength(1);
    expect((await view.messages('comment').allTextContents()).filter((t) => t.includes('cached for ten minutes'))).toHaveLength(1);
  });

  it('announces a ticket marked Done in Notion in its Slack channel and to the customer, once', async () => {
    expect(ticketId).not.toBe('');
    const row = view.notionRow(ticketId);
    await row.getByTestId('notion-status').selectOption('Done');

    await expect.poll(() => row.getByTestId('notion-resolution').textContent(), POLL).not.toBe('—');
    await expect
      .poll(() => view.slackMessages.allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining(`${ticketId} is Done: ${EDITED_TITLE}`)]));
    await expect
      .poll(() => view.messages('comment').allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining(`(${ticketId}: ${EDITED_TITLE}) has been resolved`)]));
    expect(await row.getByTestId('notion-status').inputValue()).toBe('Done');
    await screenshot('3-done.png');

    const doneMessages = (await view.slackMessages.allTextContents()).filter((text) => text.includes('is Done'));
    const resolvedReplies = (await view.messages('comment').allTextContents()).filter((text) => text.includes('has been resolved'));
    expect(doneMessages).toHaveLength(1);
    expect(resolvedReplies).toHaveLength(1);
  });

  it('suggests the existing ticket for a duplicate and links the conversation to it', async () => {
    const jmp23 = view.notionRow('JMP-23');
    const before = Number(await jmp23.getByTestId('notion-conversations').textContent());

    await view.conversation(OKTA_CONVERSATION).click();
    const findOrCreate = view.component('find_or_create');
    await findOrCreate.waitFor();
    expect(await view.panel.getAttribute('data-conversation-id')).toBe(OKTA_CONVERSATION);
    await findOrCreate.click();

    const link = view.component('link_suggested');
    await link.waitFor();
    expect(await view.heading.textContent()).toBe('Matches an existing ticket');
    expect(await view.panel.textContent()).toContain('JMP-23');
    expect(await link.textContent()).toBe('Link to JMP-23');
    await screenshot('4a-suggests-jmp-23.png');

    await link.click();
    await expect.poll(() => view.heading.textContent(), POLL).toBe('Linked to JMP-23');
    await expect.poll(async () => Number(await jmp23.getByTestId('notion-conversations').textContent()), POLL).toBe(before + 1);
    await expect
      .poll(() => view.conversation(OKTA_CONVERSATION).getByTestId('conversation-ticket').allTextContents(), POLL)
      .toEqual(['JMP-23']);

    await view.slackChannel('jmp-23-').locator('button').click();
    await expect
      .poll(() => view.slackMessages.allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining('An Intercom conversation was linked to JMP-23, its first')]));
    await screenshot('4b-linked.png');
  });

  it("lists the conversation's ticket as one row of the first canvas, under 400 px, opens it and goes back", async () => {
    expect(ticketId).not.toBe('');
    const { page } = sim;
    await view.conversation(WEBHOOK_SECRET_CONVERSATION).click();
    const row = view.panel.locator(`[data-testid="canvas-list-item"]`).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(ticketId);

    // The simulator draws Canvas Kit much as the inbox does: the first canvas fits Intercom's 400 px,
    // and within the conservative estimate the unit tests hold every first canvas to.
    const drawn = await view.panel.locator('[data-testid="canvas-component"]').evaluateAll((elements) => {
      const boxes = elements.map((e) => e.getBoundingClientRect());
      return Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
    });
    const response = JSON.parse((await page.getByTestId('canvas-json-response').textContent()) ?? '{}') as CanvasResponse;
    expect(drawn).toBeLessThan(FIRST_CANVAS_MAX_PX);
    expect(drawn).toBeLessThanOrEqual(canvasHeight(response));
    await screenshot('6a-first-canvas.png');

    await row.click();
    const back = view.component('back');
    await back.waitFor();
    expect(await view.heading.textContent()).toContain(ticketId);
    expect(await view.panel.locator(`[data-testid="canvas-component"][data-component-id^="unlink:"]`).textContent()).toBe(`Unlink ${ticketId}`);
    await screenshot('6b-ticket-details.png');

    await back.click();
    await expect.poll(() => view.panel.locator('[data-testid="canvas-list-item"]').count(), POLL).toBe(1);
  });

  it("suggests the ticket a new user's own conversation describes, created with the New conversation button", async () => {
    const { page } = sim;
    await page.getByTestId('new-conversation').click();
    const dialog = page.getByTestId('new-conversation-dialog');
    await dialog.waitFor();
    await page.getByTestId('new-conv-name').fill('Robin Vale');
    await page.getByTestId('new-conv-email').fill('robin@bigdata.example');
    await page.getByTestId('new-conv-body').fill(CSV_EXPORT_WORDS);
    // A second message, by default the teammate you are viewing as (the customer wrote the first).
    await page.getByTestId('new-conv-add').click();
    const messages = page.getByTestId('new-conv-message');
    expect(await messages.nth(1).getByTestId('new-conv-author').inputValue()).toBe(await page.getByTestId('admin-select').inputValue());
    await messages.nth(1).getByTestId('new-conv-body').fill('Which export are you using?');
    await screenshot('5a-new-conversation.png');
    await page.getByTestId('new-conv-create').click();
    await dialog.waitFor({ state: 'hidden' });

    // Opened at once: the list, the conversation, the panel all on the new one.
    const opened = page.locator('[data-testid="conversation-item"][aria-current="true"]');
    await expect.poll(() => opened.locator('.conv-name').textContent(), POLL).toBe('Robin Vale');
    const id = (await opened.getAttribute('data-conversation-id')) ?? '';
    expect(sim.sandbox.world.intercom.conversation(id)?.source.author).toMatchObject({ name: 'Robin Vale', email: 'robin@bigdata.example' });
    await expect.poll(() => view.panel.getAttribute('data-conversation-id'), POLL).toBe(id);
    expect(await page.getByTestId('message-body').allTextContents()).toEqual([CSV_EXPORT_WORDS, 'Which export are you using?']);

    await view.component('find_or_create').click();
    const link = view.component('link_suggested');
    await link.waitFor();
    expect(await view.heading.textContent()).toBe('Matches an existing ticket');
    expect(await link.textContent()).toBe('Link to JMP-25');
    await screenshot('5b-own-conversation-suggestion.png');
  });
});
