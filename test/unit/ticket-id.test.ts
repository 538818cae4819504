import { describe, expect, it } from 'vitest';
import { formatTicketId, parseTicketId } from '../../src/domain/ticket-id.js';

describe('ticket ids', () => {
  it('formats Notion unique ids', () => {
    expect(formatTicketId('JMP', 123)).toBe('JMP-123');
    expect(formatTicketId(null, 7)).toBe('7');
    expect(formatTicketId('JMP', null)).toBeNull();
  });

  it.each([
    ['JMP-123', { prefix: 'JMP', number: 123 }],
    ['jmp-5', { prefix: 'JMP', number: 5 }],
    [' JMP 42 ', { prefix: 'JMP', number: 42 }],
    ['JMP-', null],
    ['123', null],
    ['JMP-12a', null],
  ])('parses %j', (text, expected) => {
    expect(parseTicketId(text)).toEqual(expected);
  });
});
