import { z } from 'zod';
import type { TicketSchema } from '../ports.js';

/**
 * What arrives at /webhooks/notion: the one-time verification request of an integration webhook
 * subscription, signed integration events, and database automations' "Send webhook" action.
 * Events carry no property values (and may be merged or reordered), so all we take from them is
 * which page to re-read.
 */

/** Notion ids are UUIDs, with or without dashes; anything else cannot name a page. */
const notionId = z.string().regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, 'a Notion id (UUID)');

export const verificationSchema = z.strictObject({ verification_token: z.string().min(1).max(500) });

export const integrationEventSchema = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  timestamp: z.string().max(100).optional(),
  attempt_number: z.number().optional(),
  authors: z.array(z.looseObject({ id: z.string().max(100), type: z.string().max(50) })).max(100).optional(),
  entity: z.looseObject({ id: notionId, type: z.string().max(50) }),
  data: z
    .looseObject({
      parent: z.looseObject({ id: z.string().max(100), type: z.string().max(50), data_source_id: z.string().max(100).optional() }).optional(),
      updated_properties: z.array(z.string().max(200)).max(1000).optional(),
    })
    .optional(),
});

/** Automations send the page (with the properties the automation chose) under `data`. */
export const automationSchema = z.looseObject({
  source: z.looseObject({ type: z.literal('automation'), event_id: z.string().max(200).optional() }).optional(),
  data: z.looseObject({
    object: z.literal('page'),
    id: notionId,
    parent: z.looseObject({ data_source_id: z.string().max(100).optional(), database_id: z.string().max(100).optional() }).optional(),
  }),
});

/**
 * The page an automation body of an unexpected shape still names, if any: where Notion puts it
 * (`data.id`) or where a hand-made body might (`page_id`, `id`, `data.page_id`, `entity.id`).
 * Only a well-formed Notion id counts; it is re-read, so the body is never believed about it.
 */
export function pageIdNamedIn(body: unknown): string | null {
  const at = (value: unknown, key: string): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const data = at(body, 'data');
  for (const candidate of [at(data, 'id'), at(data, 'page_id'), at(body, 'page_id'), at(body, 'id'), at(at(body, 'entity'), 'id')]) {
    if (notionId.safeParse(candidate).success) return candidate as string;
  }
  return null;
}

export type IntegrationEvent = z.infer<typeof integrationEventSchema>;
export type AutomationPayload = z.infer<typeof automationSchema>;

const PAGE_EVENTS = new Set(['page.properties_updated', 'page.created', 'page.undeleted']);

/**
 * The page an integration event asks us to look at, or why it does not: another data source, an
 * event type we do not act on, or a property change that did not touch Status.
 */
export function pageToCheck(event: IntegrationEvent, schema: TicketSchema): { pageId: string } | { ignore: string } {
  if (!PAGE_EVENTS.has(event.type)) return { ignore: `event type ${event.type}` };
  const authors = event.authors ?? [];
  if (schema.botUserId && authors.length > 0 && authors.every((a) => sameId(a.id, schema.botUserId!))) {
    // Echoes of the app's own writes (it never changes Status itself).
    return { ignore: 'written by this app' };
  }
  if (event.entity.type !== 'page') return { ignore: `entity type ${event.entity.type}` };
  const parent = event.data?.parent;
  const source = parent?.data_source_id ?? (parent?.type === 'data_source' ? parent.id : undefined);
  const database = parent?.type === 'database' ? parent.id : undefined;
  const ours =
    (source !== undefined && sameId(source, schema.dataSourceId)) ||
    (source === undefined && database !== undefined && sameId(database, schema.databaseId));
  if (!ours) return { ignore: 'a page of another database' };
  if (event.type === 'page.properties_updated') {
    const touched = (event.data?.updated_properties ?? []).map(decodeId);
    if (!touched.includes(decodeId(schema.propertyIds.status))) return { ignore: 'Status did not change' };
  }
  return { pageId: event.entity.id };
}

export function automationPageToCheck(payload: AutomationPayload, schema: TicketSchema): { pageId: string } | { ignore: string } {
  const parent = payload.data.parent;
  const source = parent?.data_source_id;
  const database = parent?.database_id;
  if (source && !sameId(source, schema.dataSourceId)) return { ignore: 'a page of another data source' };
  if (!source && database && !sameId(database, schema.databaseId)) return { ignore: 'a page of another database' };
  return { pageId: payload.data.id };
}

/** Notion ids with or without dashes, any case. */
export function sameId(a: string, b: string): boolean {
  return a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
}

/** Property ids come URL-encoded in events ("XGe%40") and sometimes decoded elsewhere. */
function decodeId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
