import { describe, expect, it } from 'vitest';
import {
  ACTION_TYPES,
  BACK,
  CREATE_INSTEAD,
  CREATE_TICKET,
  FIND_OR_CREATE,
  LINK_ANOTHER,
  LINK_SELECTED,
  LINK_SUGGESTED,
  REFRESH,
  SELECTED_TICKET,
  TICKET_DESCRIPTION,
  TICKET_TITLE,
  TRY_AGAIN,
  confirmLinkId,
  confirmUnlinkId,
  finishSetupId,
  linkTicketId,
  parseAction,
  showTicketId,
  unlinkId,
} from '../../canvases/actions.js';

const PAGE = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('parseAction', () => {
  it.each([
    [FIND_OR_CREATE, { type: 'find_or_create' }],
    [LINK_SUGGESTED, { type: 'link_suggested' }],
    [LINK_SELECTED, { type: 'link_selected' }],
    [CREATE_INSTEAD, { type: 'create_instead' }],
    [CREATE_TICKET, { type: 'create_ticket' }],
    [REFRESH, { type: 'refresh' }],
    [LINK_ANOTHER, { type: 'link_another' }],
    [TRY_AGAIN, { type: 'try_again' }],
    [BACK, { type: 'back' }],
    [unlinkId(PAGE), { type: 'unlink', pageId: PAGE }],
    [linkTicketId(PAGE), { type: 'link_ticket', pageId: PAGE }],
    [confirmUnlinkId(PAGE), { type: 'confirm_unlink', pageId: PAGE }],
    [finishSetupId(PAGE), { type: 'finish_setup', pageId: PAGE }],
    [confirmLinkId(PAGE), { type: 'confirm_link', pageId: PAGE }],
    [showTicketId(PAGE), { type: 'show_ticket', pageId: PAGE }],
    [unlinkId(PAGE.replaceAll('-', '')), { type: 'unlink', pageId: PAGE.replaceAll('-', '') }],
  ])('parses %j', (componentId, expected) => {
    expect(parseAction(componentId)).toEqual(expected);
  });

  it('covers every action type', () => {
    const ids = [FIND_OR_CREATE, LINK_SUGGESTED, LINK_SELECTED, CREATE_INSTEAD, CREATE_TICKET, REFRESH, LINK_ANOTHER, TRY_AGAIN, BACK];
    const types = [...ids, unlinkId(PAGE), linkTicketId(PAGE), confirmUnlinkId(PAGE), confirmLinkId(PAGE), finishSetupId(PAGE), showTicketId(PAGE)].map((id) => parseAction(id)?.type);
    expect(new Set(types)).toEqual(new Set(ACTION_TYPES));
  });

  it.each([
    '',
    'unknown',
    'REFRESH',
    ' refresh',
    'unlink:',
    'unlink:not-a-page',
    `unlink:${PAGE}/extra`,
    'link:',
    `open_notion:${PAGE}`,
    SELECTED_TICKET,
    TICKET_TITLE,
    TICKET_DESCRIPTION,
    'constructor',
    '__proto__',
    'toString',
  ])('returns null for %j', (componentId) => {
    expect(parseAction(componentId)).toBeNull();
  });

  it('keeps submit and input ids distinct', () => {
    const ids = [FIND_OR_CREATE, LINK_SUGGESTED, LINK_SELECTED, CREATE_INSTEAD, CREATE_TICKET, REFRESH, LINK_ANOTHER, TRY_AGAIN, BACK, SELECTED_TICKET, TICKET_TITLE, TICKET_DESCRIPTION];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
