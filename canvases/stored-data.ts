/**
 * The canvas `stored_data`: Intercom sends it back as `current_canvas.stored_data` with the next
 * submit, so each canvas stores what its buttons need. The suggestion canvas stores the whole
 * suggestion, so linking or creating never asks the model again; the error canvas stores the
 * action to retry. Versioned: a canvas rendered by an older release may still be open in an inbox.
 */
import { z } from 'zod';
import { PAGE_ID_PATTERN } from './page-id.js';

export const STORED_DATA_VERSION = 1;

const conversationId = z.string().min(1).max(64);
// A Notion id (a UUID, dashed or not): anything else did not come from a canvas we drew, and must
// never reach Notion, where it would be a path (`users/me`, `?filter_properties=`).
const pageId = z.string().regex(PAGE_ID_PATTERN, 'a Notion page id');

export const storedCandidateSchema = z.object({
  pageId,
  ticketId: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  done: z.boolean().optional(),
});

export const madeBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gemini'), model: z.string() }),
  z.object({ kind: z.literal('offline'), why: z.enum(['not_configured', 'timeout', 'error', 'invalid_answer']) }),
]);

export const storedRetrySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('refresh') }),
  z.object({ action: z.literal('find_or_create') }),
  z.object({ action: z.literal('link'), pageId, participants: z.array(z.string()).optional(), confirmed: z.boolean().optional() }),
  z.object({ action: z.literal('unlink'), pageId }),
  z.object({ action: z.literal('show_ticket'), pageId }),
  z.object({ action: z.literal('finish_setup'), pageId, participants: z.array(z.string()).optional() }),
  z.object({
    action: z.literal('create_ticket'),
    title: z.string(),
    description: z.string(),
    participants: z.array(z.string()).optional(),
  }),
]);

export const initializeStoredDataSchema = z.object({
  v: z.literal(STORED_DATA_VERSION),
  canvas: z.literal('initialize'),
  conversationId,
  /** The tickets the canvas showed, so an Unlink can be checked against what the agent saw. */
  linkedPageIds: z.array(pageId).max(100),
});

export const suggestionStoredDataSchema = z.object({
  v: z.literal(STORED_DATA_VERSION),
  canvas: z.literal('suggestion'),
  conversationId,
  participants: z.array(z.string()),
  suggestion: z.object({
    decision: z.enum(['existing', 'new', 'uncertain']),
    pageId: pageId.nullable(),
    ticketId: z.string().nullable(),
    reason: z.string(),
    confidence: z.number().min(0).max(1),
    madeBy: madeBySchema,
    /** The teammate chose a new ticket over the triage's match ("Create a new ticket instead"). */
    teammateChose: z.boolean().optional(),
  }),
  draft: z.object({ title: z.string(), description: z.string(), titleLanguage: z.string().max(40).optional() }),
  /** Includes the suggested ticket, so the canvas can be drawn again from stored data alone. */
  candidates: z.array(storedCandidateSchema).max(100),
  index: z.object({ complete: z.boolean(), ticketsSeen: z.number().int().min(0) }),
});

export const resultStoredDataSchema = z.object({
  v: z.literal(STORED_DATA_VERSION),
  canvas: z.literal('result'),
  conversationId,
  pageId,
});

export const errorStoredDataSchema = z.object({
  v: z.literal(STORED_DATA_VERSION),
  canvas: z.literal('error'),
  conversationId,
  retry: storedRetrySchema.nullable(),
});

/** One linked ticket in full (a click on a row of the first canvas). */
export const ticketStoredDataSchema = z.object({
  v: z.literal(STORED_DATA_VERSION),
  canvas: z.literal('ticket'),
  conversationId,
  pageId,
});

export const confirmStoredDataSchema = z.object({
  v: z.literal(STORED_DATA_VERSION),
  canvas: z.literal('confirm'),
  conversationId,
  pageId,
  /** Who to invite when the confirmed action is a link. */
  participants: z.array(z.string()).optional(),
});

export const storedDataSchema = z.discriminatedUnion('canvas', [
  initializeStoredDataSchema,
  suggestionStoredDataSchema,
  resultStoredDataSchema,
  errorStoredDataSchema,
  confirmStoredDataSchema,
  ticketStoredDataSchema,
]);

export type StoredCandidate = z.infer<typeof storedCandidateSchema>;
export type StoredRetry = z.infer<typeof storedRetrySchema>;
export type InitializeStoredData = z.infer<typeof initializeStoredDataSchema>;
export type SuggestionStoredData = z.infer<typeof suggestionStoredDataSchema>;
export type ResultStoredData = z.infer<typeof resultStoredDataSchema>;
export type ErrorStoredData = z.infer<typeof errorStoredDataSchema>;
export type ConfirmStoredData = z.infer<typeof confirmStoredDataSchema>;
export type TicketStoredData = z.infer<typeof ticketStoredDataSchema>;
export type StoredData = z.infer<typeof storedDataSchema>;

/** The stored data of a canvas these builders rendered; null for anything else (never throws). */
export function parseStoredData(value: unknown): StoredData | null {
  const result = storedDataSchema.safeParse(value);
  return result.success ? result.data : null;
}
