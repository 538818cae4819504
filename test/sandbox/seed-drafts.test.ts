import type { Intercom } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationText } from '../../src/domain/conversation-text.js';
import { draftTicket } from '../../src/domain/triage/draft.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { toConversation } from '../../src/services/intercom/conversation-mapping.js';
import { startSandbox, type Sandbox } from './harness.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'demo' });
});
afterAll(async () => {
  await sb.close();
});

/** The offline draft of each seeded conversation, read as the app reads it (Intercom API, plain text). */
async function draftOf(conversationId: string) {
  const raw = (await sb.intercom.conversations.find({ conversation_id: conversationId, display_as: 'plaintext' })) as Intercom.Conversation;
  return draftTicket(conversationText(toConversation(raw)));
}

describe('offline drafts of the sandbox conversations', () => {
  it.each([
    [CONVERSATION.oktaLoop, 'None of the team can get in through Okta'],
    [CONVERSATION.csvExport, 'Activity report export never finishes'],
    [CONVERSATION.webhookSecret, 'Endpoint rejects every delivery because the signature does not match'],
    [CONVERSATION.doubleCharge, 'Charged twice'],
    [CONVERSATION.passwordResetGerman, 'Outlook-Adressen bekommen keine E-Mail zum Zurücksetzen des Passworts'],
    [CONVERSATION.iosCrash, 'After updating the app it closes immediately when I open it'],
    [CONVERSATION.calendarDuplicates, 'Every meeting shows up twice in Google Calendar'],
    [CONVERSATION.viewerDeletesComments, "People with Viewer role in workspace can delete other people's comments on tasks"],
    [CONVERSATION.slackRename, 'Renamed the Slack workspace and no notifications arrive in #ops-alerts'],
    [CONVERSATION.api429, 'API returns 429 long before the documented limit'],
    [CONVERSATION.darkModeCharts, 'In dark mode axis labels and legends on dashboard charts are dark grey on black'],
    [CONVERSATION.smsBrazil, 'Team in São Paulo gets the two-factor SMS codes 5 to 10 minutes late'],
  ])('conversation %s is titled "%s"', async (conversationId, title) => {
    const draft = await draftOf(conversationId);
    expect(draft.title).toBe(title);
    expect(draft.title.length).toBeLessThanOrEqual(80);
    expect(draft.titleLanguage).toBe(conversationId === CONVERSATION.passwordResetGerman ? 'German' : undefined);
  });

  it("puts the teammate's finding from an internal note in the description", async () => {
    expect((await draftOf(CONVERSATION.webhookSecret)).description).toContain(
      'What teammates found (internal notes):\n- Reproduced on a test workspace: after rotation the signer keeps the cached secret for at least 12 hours.',
    );
  });
});
