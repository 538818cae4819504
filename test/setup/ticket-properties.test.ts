import { describe, expect, it } from 'vitest';
import { TICKET_PROPERTIES } from '../../src/services/notion/ticket-schema.js';
import { propertyConfig, statusOptions, ticketDatabaseProperties, type TicketDatabaseSpec } from '../../src/setup/ticket-properties.js';

const spec: TicketDatabaseSpec = {
  names: {
    id: 'ID',
    title: 'Title',
    description: 'Description',
    conversations: 'Intercom Conversations',
    slackChannel: 'Slack Channel',
    status: 'Status',
    resolutionNotified: 'Resolution Notified',
    customerReports: 'Customer Reports',
  },
  ticketPrefix: 'JMP',
  statusDone: 'Done',
  statusNew: null,
};

describe('the tickets schema setup creates', () => {
  it("gives every property the app expects its preferred type, under its configured name", () => {
    const properties = ticketDatabaseProperties(spec, 'status');

    expect(Object.keys(properties)).toEqual(TICKET_PROPERTIES.map((p) => spec.names[p.key]));
    for (const expected of TICKET_PROPERTIES) {
      expect(Object.keys(properties[spec.names[expected.key]]!), expected.key).toEqual([expected.types[0]]);
    }
    expect(properties.ID).toEqual({ unique_id: { prefix: 'JMP' } });
  });

  it("leaves Status to Notion's default options when they include the configured ones", () => {
    expect(statusOptions(spec)).toBeNull();
    expect(statusOptions({ ...spec, statusNew: 'Not started' })).toBeNull();
    expect(ticketDatabaseProperties(spec, 'status').Status).toEqual({ status: {} });
  });

  it('creates Status with no options, so Notion files its defaults in their groups, and adds configured names afterwards', () => {
    const custom = { ...spec, statusDone: 'Resolved', statusNew: 'Triage' };
    expect(statusOptions(custom)).toEqual(['Triage', 'Resolved']);
    expect(statusOptions({ ...spec, statusDone: 'Fixed', statusNew: 'Fixed' })).toEqual(['Fixed']);
    expect(ticketDatabaseProperties(custom, 'status').Status).toEqual({ status: {} });
  });

  it('makes the select fallback with the same options as the status property would have', () => {
    const status = TICKET_PROPERTIES.find((p) => p.key === 'status')!;

    expect(propertyConfig(status, spec, 'select')).toEqual({ select: { options: [{ name: 'Not started' }, { name: 'In progress' }, { name: 'Done' }] } });
    expect(propertyConfig(status, { ...spec, statusDone: 'Shipped' }, 'select')).toEqual({
      select: { options: [{ name: 'Not started' }, { name: 'In progress' }, { name: 'Done' }, { name: 'Shipped' }] },
    });
  });
});
