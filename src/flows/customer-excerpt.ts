import { customerExcerpt } from '../domain/customer-reports.js';
import type { FlowDeps } from './deps.js';

/**
 * The customer's own words in the conversation, for the ticket's Customer Reports. Never stops a
 * create or a link: if Intercom cannot be read, the ticket is made or linked without the excerpt
 * (the next link of the same conversation fills it in).
 */
export async function readCustomerExcerpt(deps: FlowDeps, conversationId: string): Promise<string> {
  try {
    return customerExcerpt(await deps.inbox.getConversation(conversationId));
  } catch (err) {
    deps.logger.warn({ err, conversationId }, 'Could not read the conversation for its customer excerpt; linking without it');
    return '';
  }
}
