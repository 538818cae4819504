/**
 * Absolute dates for the inbox, formatted like Intercom's guidelines ("Jan 8, 2019 at 1:05 PM
 * UTC"): a canvas is never updated after it is rendered, so "2 minutes ago" would go stale. Always
 * UTC and built by hand, so the output does not depend on the server's locale, ICU data or zone.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Returns null for text that is not a date, so a caller can leave the line out. */
export function formatDate(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const hours24 = date.getUTCHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const meridiem = hours24 < 12 ? 'AM' : 'PM';
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} at ${hours12}:${minutes} ${meridiem} UTC`;
}
