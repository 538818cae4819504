/**
 * A ticket as the app knows it: one row of the Notion tickets data source, read into plain data.
 * Nothing here knows about Notion's wire format; src/services/notion maps to and from it.
 */
export interface Ticket {
  /** Notion page id (dashed UUID). */
  pageId: string;
  /** Human id from the data source's unique_id property, e.g. "JMP-123"; null until Notion numbers it. */
  ticketId: string | null;
  title: string;
  description: string;
  /** The Status option's name, as shown in Notion. */
  status: string;
  /** True when `status` is the configured Done status. */
  done: boolean;
  /** Intercom conversation ids linked to the ticket, in the order they were linked, no duplicates. */
  conversationIds: string[];
  /**
   * The linked customers' own words, one line per conversation (see domain/customer-reports.ts);
   * empty when none, or when the data source has no Customer Reports property.
   */
  customerReports: string;
  /** Slack channel id, parsed from the Slack Channel property; null when none yet. */
  slackChannelId: string | null;
  /** The Slack Channel property as stored (a URL), for display. */
  slackChannelUrl: string | null;
  /** Notion page URL. */
  url: string;
  /** When the current Done resolution was announced (ISO); null when not announced. */
  resolutionNotifiedAt: string | null;
  createdTime: string;
  lastEditedTime: string;
}

export interface NewTicket {
  title: string;
  description: string;
  conversationIds: string[];
  /** The Customer Reports text to start with (the creating conversation's excerpt). */
  customerReports?: string;
}
