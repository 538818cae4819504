import { describe, expect, it } from 'vitest';
import type { TicketSchema } from '../../src/ports.js';
import {
  automationPageToCheck,
  automationSchema,
  integrationEventSchema,
  pageToCheck,
} from '../../src/webhooks/notion-payloads.js';

const schema: TicketSchema = {
  databaseId: '11111111-1111-1111-1111-111111111111',
  dataSourceId: '22222222-2222-2222-2222-222222222222',
  propertyIds: { status: 'XGe@', resolutionNotified: 'abc' },
  botUserId: 'bot-1',
  customerReports: true,
};

function event(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return integrationEventSchema.parse({
    id: 'evt-1',
    type: 'page.properties_updated',
    timestamp: '2026-11-25T10:00:00.000Z',
    attempt_number: 1,
    entity: { id: '3c1d9e2a-5b4f-4a6e-8d7c-1f2e3d4c5b6a', type: 'page' },
    data: {
      parent: { id: schema.databaseId, type: 'database', data_source_id: schema.dataSourceId },
      updated_properties: ['XGe%40'],
      ...data,
    },
    ...overrides,
  });
}

describe('pageToCheck (integration webhook events)', () => {
  it('acts on a Status change of a page in the tickets data source', () => {
    expect(pageToCheck(event(), schema)).toEqual({ pageId: '3c1d9e2a-5b4f-4a6e-8d7c-1f2e3d4c5b6a' });
  });

  it('matches ids with or without dashes', () => {
    const parent = { id: 'x', type: 'database', data_source_id: schema.dataSourceId.replace(/-/g, '') };
    expect(pageToCheck(event({}, { parent }), schema)).toEqual({ pageId: '3c1d9e2a-5b4f-4a6e-8d7c-1f2e3d4c5b6a' });
  });

  it('ignores changes that do not touch Status', () => {
    expect(pageToCheck(event({}, { updated_properties: ['title', 'abc'] }), schema)).toEqual({ ignore: 'Status did not change' });
  });

  it('ignores pages of another data source', () => {
    const parent = { id: 'x', type: 'database', data_source_id: '33333333-3333-3333-3333-333333333333' };
    expect(pageToCheck(event({}, { parent }), schema)).toHaveProperty('ignore');
  });

  it('acts on a new page (it may be created Done)', () => {
    expect(pageToCheck(event({ type: 'page.created' }, { updated_properties: undefined }), schema)).toEqual({ pageId: '3c1d9e2a-5b4f-4a6e-8d7c-1f2e3d4c5b6a' });
  });

  it('ignores the echoes of the app’s own writes', () => {
    expect(pageToCheck(event({ authors: [{ id: 'bot-1', type: 'bot' }] }), schema)).toEqual({ ignore: 'written by this app' });
    expect(pageToCheck(event({ authors: [{ id: 'person-1', type: 'person' }] }), schema)).toEqual({ pageId: '3c1d9e2a-5b4f-4a6e-8d7c-1f2e3d4c5b6a' });
  });

  it('ignores other event types', () => {
    expect(pageToCheck(event({ type: 'comment.created' }), schema)).toEqual({ ignore: 'event type comment.created' });
  });
});

describe('automationPageToCheck (database automation "Send webhook")', () => {
  const payload = (parent: Record<string, string>) =>
    automationSchema.parse({
      source: { type: 'automation', automation_id: 'a', action_id: 'b', event_id: 'e', attempt: 1 },
      data: { object: 'page', id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', parent, properties: {} },
    });

  it('takes the page from a payload of the tickets database', () => {
    expect(automationPageToCheck(payload({ type: 'data_source_id', data_source_id: schema.dataSourceId }), schema)).toEqual({
      pageId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    });
  });

  it('ignores another database', () => {
    expect(automationPageToCheck(payload({ type: 'database_id', database_id: 'ffff' }), schema)).toHaveProperty('ignore');
  });
});
