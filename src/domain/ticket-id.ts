/** Ticket ids such as "JMP-123": Notion's unique_id property (prefix + number) as text. */

export function formatTicketId(prefix: string | null, number: number | null): string | null {
  if (number === null) return null;
  return prefix ? `${prefix}-${number}` : String(number);
}

/** "JMP-123", "jmp-123", " JMP 123 " -> { prefix: "JMP", number: 123 }; anything else -> null. */
export function parseTicketId(text: string): { prefix: string; number: number } | null {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)[-\s]?(\d{1,9})\s*$/.exec(text);
  if (!match) return null;
  return { prefix: match[1]!.toUpperCase(), number: Number(match[2]) };
}
