import { describe, expect, it } from 'vitest';
import { FixtureError, parseQueriesJsonl, parseTicketsJsonl } from '../../../src/domain/triage/eval-fixtures.js';

const tickets = '{"id":"JMP-1","title":"A","description":"d","status":"open"}\n\n{"id":"JMP-2","title":"B","description":"","status":"done"}\n';

function errorOf(fn: () => unknown): FixtureError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FixtureError) return err;
    throw err;
  }
  throw new Error('expected a FixtureError');
}

describe('parseTicketsJsonl', () => {
  it('reads one ticket a line, skipping blank lines', () => {
    expect(parseTicketsJsonl(tickets, 't.jsonl').map((t) => t.id)).toEqual(['JMP-1', 'JMP-2']);
  });

  it('names the file and line of a line that is not JSON', () => {
    const err = errorOf(() => parseTicketsJsonl(`${tickets}{"id": oops}\n`, 'tickets.jsonl'));
    expect(err.message).toMatch(/^tickets\.jsonl:4: not valid JSON/);
    expect(err.line).toBe(4);
  });

  it('names the field of a line with the wrong shape', () => {
    expect(errorOf(() => parseTicketsJsonl('{"id":"JMP-1","title":"A","description":"d","status":"closed"}', 'f')).message).toMatch(/^f:1: status: /);
    expect(errorOf(() => parseTicketsJsonl('{"id":"JMP-1","title":"A","description":"d","status":"open","x":1}', 'f')).message).toMatch(/^f:1: /);
    expect(errorOf(() => parseTicketsJsonl('[1,2]', 'f')).message).toMatch(/^f:1: /);
  });

  it('rejects duplicate ids and empty files', () => {
    expect(errorOf(() => parseTicketsJsonl(`${tickets}{"id":"jmp-1","title":"C","description":"","status":"open"}`, 'f')).message).toBe(
      'f:4: duplicate ticket id jmp-1 (first on line 1)',
    );
    expect(errorOf(() => parseTicketsJsonl('\n\n', 'empty.jsonl')).message).toBe('empty.jsonl: no entries');
  });
});

describe('parseQueriesJsonl', () => {
  const known = parseTicketsJsonl(tickets, 't');

  it('reads queries whose expected tickets exist, an empty list meaning "new"', () => {
    const queries = parseQueriesJsonl('{"text":"hello","expected":["JMP-2"]}\n{"text":"other","expected":[]}', 'q', known);
    expect(queries).toEqual([
      { text: 'hello', expected: ['JMP-2'] },
      { text: 'other', expected: [] },
    ]);
  });

  it('names the line of a query that expects an unknown ticket, or has no text', () => {
    expect(errorOf(() => parseQueriesJsonl('{"text":"a","expected":[]}\n{"text":"b","expected":["JMP-9"]}', 'q.jsonl', known)).message).toBe(
      'q.jsonl:2: expected ticket JMP-9 is not in the tickets file',
    );
    expect(errorOf(() => parseQueriesJsonl('{"text":"  ","expected":[]}', 'q.jsonl', known)).message).toMatch(/^q\.jsonl:1: text: /);
  });
});
