/**
 * One run per key at a time, and every request answered by a run that started after it arrived.
 *
 * A request that comes while a run is going cannot join it (that run may have read an older
 * state): it waits for a follow-up run. Requests that come while the follow-up is still waiting
 * share it, so ten copies of an event still cost one extra run, not ten.
 */
export class LatestRun<T> {
  readonly #slots = new Map<string, { last: Promise<unknown>; waiting: Promise<T> | null }>();

  /** `join: false` never shares a waiting run (its task differs from the others'). */
  run(key: string, task: () => Promise<T>, options: { join?: boolean } = {}): Promise<T> {
    const slot = this.#slots.get(key) ?? { last: Promise.resolve(), waiting: null };
    this.#slots.set(key, slot);
    const join = options.join ?? true;
    if (join && slot.waiting) return slot.waiting;
    const mine: Promise<T> = slot.last.then(
      () => this.#start(slot, mine, task),
      () => this.#start(slot, mine, task),
    );
    if (join) slot.waiting = mine;
    slot.last = mine;
    void mine.then(
      () => this.#forget(key, slot, mine),
      () => this.#forget(key, slot, mine),
    );
    return mine;
  }

  #start(slot: { waiting: Promise<T> | null }, mine: Promise<T>, task: () => Promise<T>): Promise<T> {
    // From here on the run reads the state: later requests need a run of their own.
    if (slot.waiting === mine) slot.waiting = null;
    return task();
  }

  #forget(key: string, slot: { last: Promise<unknown> }, mine: Promise<T>): void {
    if (slot.last === mine && this.#slots.get(key) === slot) this.#slots.delete(key);
  }
}
