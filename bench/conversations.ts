import { CONVERSATION } from '../src/sandbox/seed/demo-conversations.js';

/** The demo inbox, used the same way by both designs so their figures compare. */

/** Every conversation, for suggestions (which change nothing). */
export const SUGGEST_ON: string[] = Object.values(CONVERSATION);
/** Conversations without a ticket: the first create warms the caches, the others are measured. */
export const CREATE_ON: string[] = [CONVERSATION.webhookSecret, CONVERSATION.csvExport, CONVERSATION.doubleCharge, CONVERSATION.iosCrash];
/** Linked to the first measured ticket, which has three conversations when it is marked Done. */
export const LINK_ON: string[] = [CONVERSATION.calendarDuplicates, CONVERSATION.viewerDeletesComments];
