import { describe, expect, it } from 'vitest';
import {
  checkTicketSchema,
  ticketPropertyTypes,
  type DataSourceProperties,
} from '../../../src/services/notion/ticket-schema.js';
import { dataSourceProperties, NAMES } from './fixtures.js';

const options = { statusDone: 'Done', statusNew: 'Not started' };
const props = (edit: (p: Record<string, unknown>) => void = () => {}): DataSourceProperties => {
  const p = dataSourceProperties();
  edit(p);
  return p as unknown as DataSourceProperties;
};

describe('checkTicketSchema', () => {
  it('finds nothing wrong with the expected data source', () => {
    expect(checkTicketSchema(props(), NAMES, options)).toEqual([]);
  });

  it('accepts the alternative types: text Slack channel, select status, checkbox resolution', () => {
    const alt = props((p) => {
      p['Slack Channel'] = { id: 'a', name: 'Slack Channel', description: null, type: 'rich_text', rich_text: {} };
      p.Status = {
        id: 'b',
        name: 'Status',
        description: null,
        type: 'select',
        select: { options: [{ id: '1', name: 'Done', color: 'green', description: null }, { id: '2', name: 'Not started', color: 'gray', description: null }] },
      };
      p['Resolution Notified'] = { id: 'c', name: 'Resolution Notified', description: null, type: 'checkbox', checkbox: {} };
    });
    expect(checkTicketSchema(alt, NAMES, options)).toEqual([]);
    expect(ticketPropertyTypes(alt, NAMES)).toEqual({ slackChannel: 'rich_text', status: 'select', resolutionNotified: 'checkbox', customerReports: 'rich_text' });
  });

  it('names a missing property and how to add it or point the setting elsewhere', () => {
    const problems = checkTicketSchema(props((p) => delete p['Intercom Conversations']), NAMES, options);
    expect(problems).toEqual([
      {
        property: 'Intercom Conversations',
        problem: expect.stringContaining('does not exist'),
        fix: 'Add a Text property named "Intercom Conversations" to the data source, or set NOTION_PROP_CONVERSATIONS to the name of an existing Text property.',
      },
    ]);
  });

  it('names a property of the wrong type and the types that would do', () => {
    const problems = checkTicketSchema(
      props((p) => {
        p['Resolution Notified'] = { id: 'r', name: 'Resolution Notified', description: null, type: 'number', number: { format: 'number' } };
      }),
      NAMES,
      options,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ property: 'Resolution Notified', problem: expect.stringContaining('Date or Checkbox') });
    expect(problems[0]!.fix).toContain('NOTION_PROP_RESOLUTION_NOTIFIED');
  });

  it('points at the real title property when the configured one does not exist', () => {
    const problems = checkTicketSchema(
      props((p) => {
        delete p.Title;
        p.Name = { id: 'title', name: 'Name', description: null, type: 'title', title: {} };
      }),
      NAMES,
      options,
    );
    expect(problems).toEqual([
      expect.objectContaining({ property: 'Title', fix: 'Set NOTION_PROP_TITLE=Name, or rename "Name" to "Title" in Notion.' }),
    ]);
  });

  it('reports a Done or New status that is not one of the options, listing the options', () => {
    const problems = checkTicketSchema(props(), NAMES, { statusDone: 'Shipped', statusNew: 'Triage' });
    expect(problems.map((p) => p.problem)).toEqual([
      'has no option "Shipped" (options: "Not started", "In progress", "Done")',
      'has no option "Triage" (options: "Not started", "In progress", "Done")',
    ]);
    expect(problems[0]!.fix).toContain('NOTION_STATUS_DONE');
    expect(problems[1]!.fix).toContain('NOTION_STATUS_NEW');
  });

  it('reports two settings that name the same property', () => {
    const problems = checkTicketSchema(props(), { ...NAMES, conversations: 'Description' }, options);
    expect(problems).toContainEqual(
      expect.objectContaining({ property: 'Description', problem: 'is named by NOTION_PROP_DESCRIPTION and NOTION_PROP_CONVERSATIONS' }),
    );
  });
});
