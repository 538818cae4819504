/**
 * Notion page ids are UUIDs, dashed or not; the sandbox uses the same shape. Anything else in a
 * component id or stored data did not come from these canvases.
 */
export const PAGE_ID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isPageId(value: string): boolean {
  return PAGE_ID_PATTERN.test(value);
}

/** The same page id however it is written (dashes, letter case). */
export function samePageId(a: string, b: string): boolean {
  return a.replaceAll('-', '').toLowerCase() === b.replaceAll('-', '').toLowerCase();
}
