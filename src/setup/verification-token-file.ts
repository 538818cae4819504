import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the token of Notion's subscription verification request is kept for the operator: a file
 * in STATE_DIR readable by its owner only, rather than the log (the request is unauthenticated, so
 * its values never go into the log). Written whole and renamed into place, so concurrent requests
 * leave one complete token, the latest.
 */
export function verificationTokenFile(stateDir: string): (token: string) => Promise<string> {
  const path = join(stateDir, 'notion-verification-token');
  return async (token) => {
    await mkdir(stateDir, { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${token}\n`, { mode: 0o600 });
    await rename(temporary, path);
    return path;
  };
}
