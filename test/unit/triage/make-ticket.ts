import type { Ticket } from '../../../src/domain/ticket.js';

let counter = 0;

/** A ticket as the Notion sync delivers it; pass only what the test is about. */
export function makeTicket(fields: Partial<Ticket> = {}): Ticket {
  counter += 1;
  return {
    pageId: `page-${counter}`,
    ticketId: `JMP-${counter}`,
    title: 'A ticket',
    description: '',
    status: 'Open',
    done: false,
    conversationIds: [],
    customerReports: '',
    slackChannelId: null,
    slackChannelUrl: null,
    url: `https://www.notion.so/page-${counter}`,
    resolutionNotifiedAt: null,
    createdTime: '2025-03-01T10:00:00.000Z',
    lastEditedTime: '2025-03-01T10:00:00.000Z',
    ...fields,
  };
}
