/**
 * Which ticket each conversation created, written under the conversation's lock before and after
 * the Notion page is made. Every replica reads it, so a Create on one replica finds the ticket a
 * Create on another made a moment ago, before either's ticket index has heard of it.
 *
 * `pageId: null` means a create began and its outcome is unknown (it failed, or the process died
 * mid-way): Notion may hold the page, so the next create asks Notion before making another.
 */
export interface TicketCreations {
  get(conversationId: string): Promise<{ pageId: string | null } | null>;
  /** Records that a create is about to ask Notion for a page (keeps a page already recorded). */
  begin(conversationId: string): Promise<void>;
  finish(conversationId: string, pageId: string): Promise<void>;
  /** The recorded page is gone (archived in Notion): the next create makes a new one. */
  forget(conversationId: string): Promise<void>;
}

export class MemoryTicketCreations implements TicketCreations {
  readonly #records = new Map<string, string | null>();

  get(conversationId: string): Promise<{ pageId: string | null } | null> {
    return Promise.resolve(this.#records.has(conversationId) ? { pageId: this.#records.get(conversationId) ?? null } : null);
  }

  begin(conversationId: string): Promise<void> {
    if (!this.#records.has(conversationId)) this.#records.set(conversationId, null);
    return Promise.resolve();
  }

  finish(conversationId: string, pageId: string): Promise<void> {
    this.#records.set(conversationId, pageId);
    return Promise.resolve();
  }

  forget(conversationId: string): Promise<void> {
    this.#records.delete(conversationId);
    return Promise.resolve();
  }
}
