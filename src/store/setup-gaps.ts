/**
 * The set-up steps that failed for a conversation on a ticket (the panel's "Finish setting up"),
 * kept in the store: the panel may be drawn by another replica, or after a restart, and must
 * still say what is missing.
 */
export interface SetupGaps {
  /** The failed steps per page id, for the tickets a panel is about to show. */
  get(conversationId: string, pageIds: string[]): Promise<Map<string, string[]>>;
  /** Records the steps that failed in the last attempt; none clears the record. */
  set(conversationId: string, pageId: string, steps: string[]): Promise<void>;
}

export class MemorySetupGaps implements SetupGaps {
  readonly #gaps = new Map<string, string[]>();

  get(conversationId: string, pageIds: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (const pageId of pageIds) {
      const steps = this.#gaps.get(key(conversationId, pageId));
      if (steps) found.set(pageId, [...steps]);
    }
    return Promise.resolve(found);
  }

  set(conversationId: string, pageId: string, steps: string[]): Promise<void> {
    if (steps.length > 0) this.#gaps.set(key(conversationId, pageId), [...steps]);
    else this.#gaps.delete(key(conversationId, pageId));
    return Promise.resolve();
  }
}

function key(conversationId: string, pageId: string): string {
  return `${conversationId}:${pageId}`;
}
