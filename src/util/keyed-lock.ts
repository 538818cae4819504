/**
 * Runs tasks one at a time per key, in arrival order; different keys run concurrently. Used so a
 * double click or two teammates on the same conversation (or ticket) cannot interleave their
 * read-check-write sequences. In-process only: with PostgreSQL the store's advisory locks go across
 * processes (src/store/advisory-locks.ts), with this in front.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.#tails.size;
  }
}
