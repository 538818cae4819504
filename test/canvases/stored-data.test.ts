import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredData } from '../../canvases/stored-data.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import { pageId } from './helpers.js';

const valid: Record<StoredData['canvas'], StoredData> = {
  initialize: { v: 1, canvas: 'initialize', conversationId: '1', linkedPageIds: [pageId(1)] },
  suggestion: {
    v: 1,
    canvas: 'suggestion',
    conversationId: '1',
    participants: ['7'],
    suggestion: {
      decision: 'existing',
      pageId: pageId(1),
      ticketId: 'JMP-1',
      reason: 'same',
      confidence: 0.5,
      madeBy: { kind: 'offline', why: 'invalid_answer' },
    },
    draft: { title: 't', description: 'd' },
    candidates: [{ pageId: pageId(1), ticketId: 'JMP-1', title: 't', status: 's' }],
    index: { complete: false, ticketsSeen: 10 },
  },
  result: { v: 1, canvas: 'result', conversationId: '1', pageId: pageId(1) },
  error: { v: 1, canvas: 'error', conversationId: '1', retry: { action: 'link', pageId: pageId(1) } },
  confirm: { v: 1, canvas: 'confirm', conversationId: '1', pageId: pageId(1) },
  ticket: { v: 1, canvas: 'ticket', conversationId: '1', pageId: pageId(1) },
};

describe('parseStoredData', () => {
  it.each(Object.entries(valid))('returns %s stored data unchanged', (_kind, data) => {
    expect(parseStoredData(JSON.parse(JSON.stringify(data)))).toEqual(data);
  });

  it.each([
    { action: 'refresh' },
    { action: 'find_or_create' },
    { action: 'unlink', pageId: pageId(2) },
    { action: 'show_ticket', pageId: pageId(2) },
    { action: 'finish_setup', pageId: pageId(2), participants: ['1'] },
    { action: 'create_ticket', title: 'T', description: 'D', participants: ['1'] },
  ])('accepts the retry %j', (retry) => {
    expect(parseStoredData({ ...valid.error, retry })).toEqual({ ...valid.error, retry });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'stored'],
    ['an empty object', {}],
    ['another version', { ...valid.result, v: 2 }],
    ['an unknown canvas', { ...valid.result, canvas: 'settings' }],
    ['a missing conversation id', { v: 1, canvas: 'result', pageId: pageId(1) }],
    ['a confidence above 1', { ...valid.suggestion, suggestion: { ...(valid.suggestion as { suggestion: object }).suggestion, confidence: 2 } }],
    ['a link retry without a page id', { ...valid.error, retry: { action: 'link' } }],
    ['an unknown retry action', { ...valid.error, retry: { action: 'delete_everything' } }],
  ])('returns null for %s', (_name, value) => {
    expect(parseStoredData(value)).toBeNull();
  });

  it('never throws, whatever Intercom sends back', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => parseStoredData(value)).not.toThrow();
      }),
    );
  });
});
