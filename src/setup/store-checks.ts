import type { Config } from '../config/load-config.js';
import { storeStatus } from '../store/store-status.js';
import { fail, ok, skip, warn, type CheckGroup } from './checks.js';

/** The store the app keeps its journal, webhook ids and activity in: reachable, writable, migrated. */
export function storeChecks(config: Config, options: { sandbox: boolean; timeoutMs: number }): CheckGroup {
  return {
    name: 'Store',
    checks: [
      {
        id: 'store',
        title: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (STATE_DIR)',
        uses: ['DATABASE_URL', 'STATE_DIR'],
        async run() {
          if (options.sandbox) return skip('the sandbox keeps its state in memory unless STATE_DIR is set');
          const status = await storeStatus(config, options.timeoutMs);
          if (status.kind === 'postgres') {
            if (!status.reachable) return fail(`cannot connect: ${status.error}`, 'Check DATABASE_URL (host, port, user, password, database) and that PostgreSQL accepts connections from here.');
            if (status.migration < status.latest) {
              return warn(`reachable, at migration ${status.migration} of ${status.latest}`, 'Run `npm run migrate` (the app also migrates when it starts).');
            }
            const background = status.leader ? `background work on ${status.leader}` : 'no replica holds the background lease (none running?)';
            return ok(`reachable, migrated (${status.latest} of ${status.latest}), ${background}`);
          }
          if (!status.writable) {
            return fail(
              `${config.stateDir} is not writable (${status.error})`,
              'Set STATE_DIR to a writable directory on a persistent volume, or DATABASE_URL to a PostgreSQL database.',
            );
          }
          const where = status.exists ? `${status.dataDir}` : `${status.dataDir} (created on first start)`;
          return ok(status.inUseBy ? `${where}, open in the running app (pid ${status.inUseBy})` : where);
        },
      },
    ],
  };
}
