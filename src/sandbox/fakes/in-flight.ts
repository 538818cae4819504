/** Counts deliveries under way, so a test can wait until every one (retries included) is answered. */
export class InFlight {
  #count = 0;
  #waiters: Array<() => void> = [];

  add(n = 1): void {
    this.#count += n;
  }

  done(n = 1): void {
    this.#count -= n;
    if (this.#count > 0) return;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  idle(): Promise<void> {
    if (this.#count <= 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** Appends to a bounded history, oldest dropped first. */
export function remember<T>(list: T[], item: T, max = 500): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** POSTs a delivery to the app; its HTTP status, or `network_error` when there was none. */
export async function postDelivery(url: string, headers: Record<string, string>, body: string): Promise<number | 'network_error'> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'network_error';
  }
}
