import { REQUIRED_CREDENTIALS } from './env-schema.js';
import { hasNoCredentials } from './load-config.js';

export type StartMode =
  | { kind: 'sandbox'; reason: 'forced' | 'no_credentials' }
  | { kind: 'configured' }
  | { kind: 'refuse'; problems: string[] };

/**
 * Sandbox or the real services? The sandbox when asked for (`--sandbox`, SANDBOX=1) or when no
 * service credential at all is set, so `npm start` on a fresh machine shows the app working.
 * Never in production: there, missing credentials are an error, not a reason to pretend.
 */
export function decideStartMode(env: Record<string, string | undefined>, argv: readonly string[]): StartMode {
  const wantsSandbox = argv.includes('--sandbox') || ['1', 'true', 'yes'].includes((env.SANDBOX ?? '').toLowerCase());
  const production = env.NODE_ENV === 'production';
  if (wantsSandbox && production) {
    return {
      kind: 'refuse',
      problems: ['The sandbox cannot run with NODE_ENV=production: unset SANDBOX / --sandbox, or NODE_ENV.'],
    };
  }
  if (wantsSandbox) return { kind: 'sandbox', reason: 'forced' };
  if (hasNoCredentials(env)) {
    if (!production) return { kind: 'sandbox', reason: 'no_credentials' };
    return {
      kind: 'refuse',
      problems: [`NODE_ENV=production but no credentials are set: set ${REQUIRED_CREDENTIALS.join(', ')} (see .env.example).`],
    };
  }
  return { kind: 'configured' };
}
