import { memoryStore } from '../../src/store/memory-store.js';
import { activityContract } from '../support/activity-contract.js';
import { journalContract } from '../support/journal-contract.js';
import { setupGapsContract } from '../support/setup-gaps-contract.js';
import { ticketCreationsContract } from '../support/ticket-creations-contract.js';
import { leaseContract } from '../support/lease-contract.js';
import { ticketSnapshotContract } from '../support/ticket-snapshot-contract.js';
import { peopleCacheContract } from '../support/people-cache-contract.js';
import { threadStoreContract } from '../support/thread-store-contract.js';
import { webhookEventsContract } from '../support/webhook-events-contract.js';

// A new MemoryStore is a fresh disk; the same one seen again is a restart.
journalContract('the memory store', () => Promise.resolve(memoryStore()), (store) => Promise.resolve(store));
webhookEventsContract('the memory store', () => Promise.resolve(memoryStore()));
activityContract('the memory store', () => Promise.resolve(memoryStore()));
ticketCreationsContract('the memory store', () => Promise.resolve(memoryStore()));
setupGapsContract('the memory store', () => Promise.resolve(memoryStore()));
ticketSnapshotContract('the memory store', () => Promise.resolve(memoryStore()));
leaseContract('the memory store', () => {
  let at = Date.now();
  const store = memoryStore({ now: () => new Date(at) });
  return Promise.resolve({ store, lapse: (ms) => Promise.resolve(void (at += ms)) });
});
threadStoreContract('the memory store', (now) => Promise.resolve(memoryStore({ now })), (store) => Promise.resolve(store));
peopleCacheContract('the memory store', () => Promise.resolve(memoryStore()), (store) => Promise.resolve(store));
