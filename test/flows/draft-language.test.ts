import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { type Canvas, component, textOf } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * The offline draft keeps a German conversation German; the panel asks the agent to edit the
 * title when the tickets are kept in English (TICKET_LANGUAGE), and not when they are kept in German.
 */
describe("the draft in the ticket database's language", () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
  });

  /** The new-ticket form for the German conversation, through "Create a new ticket" if the triage pointed elsewhere. */
  async function draftForm(env: Record<string, string>): Promise<Canvas> {
    sandbox = await startTestSandbox({ env });
    const conversationId = CONVERSATION.passwordResetGerman;
    const suggested = await sandbox.canvas.submit(conversationId, 'find_or_create', await sandbox.canvas.initialize(conversationId));
    return component(suggested, 'ticket_title') ? suggested : sandbox.canvas.submit(conversationId, 'create_instead', suggested);
  }

  it('flags a German draft when the tickets are in English', async () => {
    const form = await draftForm({});
    expect(component(form, 'ticket_title')?.value).toBe('Outlook-Adressen bekommen keine E-Mail zum Zurücksetzen des Passworts');
    expect(textOf(form)).toContain('Title in German: edit before creating');
  });

  it('does not flag it when TICKET_LANGUAGE=de', async () => {
    const form = await draftForm({ TICKET_LANGUAGE: 'de' });
    expect(component(form, 'ticket_title')?.value).toBe('Outlook-Adressen bekommen keine E-Mail zum Zurücksetzen des Passworts');
    expect(textOf(form)).not.toContain('edit before creating');
  });
});
