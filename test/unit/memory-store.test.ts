import { memoryStore } from '../../src/store/memory-store.js';
import { activityContract } from '../support/activity-contract.js';
import { journalContract } from '../support/journal-contract.js';
import { setupGapsContract } from '../support/setup-gaps-contract.js';
import { ticketCreationsContract } from '../support/ticket-creations-contract.js';
import { threadStoreContract } from '../support/thread-store-contract.js';
import { webhookEventsContract } from '../support/webhook-events-contract.js';

// A new MemoryStore is a fresh disk; the same one seen again is a restart.
journalContract('the memory store', () => Promise.resolve(memoryStore()), (store) => Promise.resolve(store));
webhookEventsContract('the memory store', () => Promise.resolve(memoryStore()));
activityContract('the memory store', () => Promise.resolve(memoryStore()));
threadStoreContract('the memory store', () => Promise.resolve(memoryStore()), (store) => Promise.resolve(store));
ticketCreationsContract('the memory store', () => Promise.resolve(memoryStore()));
setupGapsContract('the memory store', () => Promise.resolve(memoryStore()));
