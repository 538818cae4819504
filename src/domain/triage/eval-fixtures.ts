import { z } from 'zod';

export interface LabelledTicket {
  id: string;
  title: string;
  description: string;
  status: 'open' | 'done';
}

export interface LabelledQuery {
  text: string;
  /** Ticket ids that are a right answer; empty when a new ticket is right. */
  expected: string[];
}

/** A fixture file that cannot be used, with the file and line to fix. */
export class FixtureError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${message}`);
    this.name = 'FixtureError';
  }
}

const ticketLine = z.strictObject({
  id: z.string().trim().min(1),
  title: z.string().trim().min(1),
  description: z.string(),
  status: z.enum(['open', 'done']),
});

const queryLine = z.strictObject({
  text: z.string().trim().min(1),
  expected: z.array(z.string().trim().min(1)),
});

export function parseTicketsJsonl(content: string, file: string): LabelledTicket[] {
  const tickets = parseJsonl(content, file, ticketLine);
  const seen = new Map<string, number>();
  tickets.forEach(({ value, line }) => {
    const first = seen.get(value.id.toUpperCase());
    if (first !== undefined) throw new FixtureError(file, line, `duplicate ticket id ${value.id} (first on line ${first})`);
    seen.set(value.id.toUpperCase(), line);
  });
  return tickets.map((t) => t.value);
}

/** Queries, each expected id checked against the tickets. */
export function parseQueriesJsonl(content: string, file: string, tickets: LabelledTicket[]): LabelledQuery[] {
  const ids = new Set(tickets.map((t) => t.id.toUpperCase()));
  return parseJsonl(content, file, queryLine).map(({ value, line }) => {
    const unknown = value.expected.find((id) => !ids.has(id.toUpperCase()));
    if (unknown) throw new FixtureError(file, line, `expected ticket ${unknown} is not in the tickets file`);
    return value;
  });
}

function parseJsonl<T>(content: string, file: string, schema: z.ZodType<T>): Array<{ value: T; line: number }> {
  const rows: Array<{ value: T; line: number }> = [];
  content.split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new FixtureError(file, i + 1, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new FixtureError(file, i + 1, `${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    rows.push({ value: parsed.data, line: i + 1 });
  });
  if (rows.length === 0) throw new FixtureError(file, null, 'no entries');
  return rows;
}
