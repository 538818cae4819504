import { createHash, randomUUID } from 'node:crypto';

/** A dashed UUID derived from `key`: seeded objects keep the same ids (and URLs) on every run. */
export function stableUuid(key: string): string {
  const hex = createHash('sha1').update(key).digest('hex');
  // join() gives a flat string: 50,000 seeded ids should not each hold a rope and the digest.
  return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

export function newUuid(): string {
  return randomUUID();
}

/** Notion accepts ids with or without dashes; stored ids are dashed and lower-case. */
export function normalizeUuid(value: string): string | null {
  const hex = value.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const SLACK_ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Slack-looking ids (`C` + 10 characters, e.g. `C07QH2M4KXB`) from a counter: unique within a
 * world and the same on every run. The multiplier spreads consecutive ids apart, as Slack's look.
 */
export function slackId(prefix: 'C' | 'G' | 'Bk', n: number): string {
  let rest = (n * 2_654_435_761 + 1_000_000_000_000) % SLACK_ID_ALPHABET.length ** 9;
  let out = '';
  for (let i = 0; i < 9; i += 1) {
    out = SLACK_ID_ALPHABET[rest % SLACK_ID_ALPHABET.length] + out;
    rest = Math.floor(rest / SLACK_ID_ALPHABET.length);
  }
  return `${prefix}0${out}`;
}
