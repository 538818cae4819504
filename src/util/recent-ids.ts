/**
 * A bounded set of recently seen ids (webhook event ids), oldest forgotten first. Notion retries a
 * delivery for up to a day; ten thousand ids is more than a day of ticket events for a support team.
 */
export class RecentIds {
  readonly #ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** Records `id`; false when it was already seen. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.capacity) this.#ids.delete(this.#ids.values().next().value as string);
    return true;
  }
}
