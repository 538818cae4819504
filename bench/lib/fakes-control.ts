import type { FaultSettingsPatch } from '../../src/sandbox/fakes/faults.js';

/**
 * The fakes run in their own process (so the app's memory is measured alone); the benchmark
 * steers them through their control API: reseed, faults per phase, webhook target, Done.
 */
export class FakesControl {
  constructor(readonly url: string) {}

  /** Back to a freshly seeded world: N tickets, the demo inbox, no calls counted. */
  async reset(tickets: number): Promise<void> {
    await this.#post('/api/reset', { seed: { generatedTickets: tickets } });
  }

  async setFaults(patch: FaultSettingsPatch): Promise<void> {
    await this.#post('/api/faults', patch);
  }

  /** Where Notion's signed webhooks go (the app's /webhooks/notion). */
  async setWebhookTarget(url: string, verificationToken: string): Promise<void> {
    await this.#post('/api/webhooks', { target: { url, verificationToken } });
  }

  /** A person marks the ticket (page id or JMP-123) with `status` in Notion. */
  async setStatus(ticket: string, status: string): Promise<void> {
    await this.#post(`/api/notion/pages/${encodeURIComponent(ticket)}/status`, { status });
  }

  /** A new Intercom conversation with one customer message; its id. */
  async startConversation(customer: { name: string; email: string }, body: string): Promise<string> {
    const { id } = (await this.#post('/api/conversations', { customer, parts: [{ author: 'customer', body }] })) as { id: string };
    return id;
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`fakes ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  }
}
