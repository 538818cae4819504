/** Drops repeats of a page id, keeping the first: component ids are built from page ids and must be unique. */
export function uniqueByPageId<T extends { pageId: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.pageId) && seen.add(item.pageId));
}
