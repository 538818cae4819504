import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Canvas Kit signs every request: `X-Body-Signature` is the hex HMAC-SHA256 of the raw body,
 * keyed with the app's client secret. Several secrets are accepted so one can be rotated without
 * downtime. Comparison is constant-time and works on the exact bytes received.
 */
export function signBody(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifyBodySignature(
  body: string | Uint8Array,
  signature: string | undefined | null,
  secrets: readonly string[],
): boolean {
  if (!signature) return false;
  const given = signature.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  let ok = false;
  // Check every secret, not just until the first match, so timing does not reveal which one matched.
  for (const secret of secrets) ok = constantTimeEqual(signBody(body, secret), given) || ok;
  return ok;
}

/** Compares two strings in time independent of where they differ and of their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** True when `token` equals one of `accepted`; every candidate is compared. */
export function tokenMatches(token: string | null | undefined, accepted: readonly string[]): boolean {
  if (!token) return false;
  let ok = false;
  for (const candidate of accepted) ok = constantTimeEqual(token, candidate) || ok;
  return ok;
}
