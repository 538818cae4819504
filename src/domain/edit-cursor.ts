/**
 * Where a "tickets edited since" query starts. Notion rounds last_edited_time down to the minute,
 * so a ticket edited later in the minute of a cursor taken at 12:00:30 shows 12:00:00 and an
 * `on_or_after 12:00:30` filter skips it. Starting at the minute before the cursor's covers that
 * minute and a minute of clock difference between this host and Notion; what is read twice is
 * harmless (the index replaces by page id, the journal announces a resolution once).
 */
const MINUTE_MS = 60_000;

export function editedSinceCursor(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS).toISOString();
}
