import type { Intercom } from 'intercom-client';
import { HINTS } from '../config/env-schema.js';
import type { Config } from '../config/load-config.js';
import { createIntercomClient, withTransportCause } from '../services/intercom/intercom-client.js';
import { classifyIntercomError } from '../services/intercom/intercom-errors.js';
import { callFailure, failedCall } from './call-failure.js';
import { fail, ok, warn, type CheckGroup } from './checks.js';
import { ONCE, serviceCall } from './service-call.js';

const BASE_URL = 'INTERCOM_API_BASE_URL';

/** The access token, the admin the app writes as, and that both belong to INTERCOM_APP_ID. */
export function intercomChecks(config: Config, timeoutMs: number): CheckGroup {
  const { apiKey, baseUrl, adminId, appId } = config.intercom;
  const client = createIntercomClient({ token: apiKey, baseUrl, timeoutMs });
  const call = <T>(method: string, fn: () => Promise<T>) =>
    serviceCall('intercom', method, ONCE, classifyIntercomError, () => withTransportCause(fn));
  let me: Intercom.AdminWithApp | undefined;

  return {
    name: 'Intercom',
    checks: [
      {
        id: 'intercom.token',
        title: 'Access token (INTERCOM_API_KEY)',
        uses: ['INTERCOM_API_KEY', BASE_URL],
        async run() {
          try {
            me = await call('GET /me', () => client.admins.identify());
          } catch (err) {
            const failure = callFailure(err);
            if (failure.status === 401) {
              return fail('Intercom refused the token (401 unauthorized)', `Set INTERCOM_API_KEY to ${HINTS.INTERCOM_API_KEY}.`);
            }
            return failedCall(err, 'Intercom', BASE_URL);
          }
          return ok(`valid; it belongs to ${me?.name ?? 'an admin'}${me?.email ? ` <${me.email}>` : ''}`);
        },
      },
      {
        id: 'intercom.admin',
        title: 'Admin the app writes as (INTERCOM_ADMIN_ID)',
        uses: ['INTERCOM_ADMIN_ID'],
        needs: 'intercom.token',
        async run() {
          let admins;
          try {
            admins = ((await call('GET /admins', () => client.admins.list())).admins ?? []).flatMap((a) => (a ? [a] : []));
          } catch (err) {
            if (callFailure(err).status === 403) {
              return fail('the token may not list admins', 'In the Developer Hub, give the app the "Read admins" permission (Authentication > Edit scopes).');
            }
            return failedCall(err, 'Intercom', BASE_URL);
          }
          const admin = admins.find((a) => a.id === adminId);
          if (admin) return ok(`${adminId} is ${admin.name}${admin.email ? ` <${admin.email}>` : ''}`);
          return fail(
            `there is no admin ${adminId} in this workspace`,
            'Set INTERCOM_ADMIN_ID to the teammate the app should write notes and replies as. The admins this token can see:',
            ...admins.map((a) => `  ${a.id}  ${a.name}${a.email ? ` <${a.email}>` : ''}`),
          );
        },
      },
      {
        id: 'intercom.workspace',
        title: 'Workspace (INTERCOM_APP_ID)',
        uses: ['INTERCOM_APP_ID'],
        needs: 'intercom.token',
        async run() {
          const tokenApp = me?.app?.id_code;
          if (!tokenApp) {
            return warn('Intercom did not say which workspace the token belongs to', `Check INTERCOM_APP_ID by hand: ${HINTS.INTERCOM_APP_ID}.`);
          }
          if (tokenApp === appId) return ok(`the token belongs to the workspace ${appId}${me?.app?.name ? ` ("${me.app.name}")` : ''}`);
          return fail(
            `INTERCOM_APP_ID is ${appId}, but the token belongs to the workspace ${tokenApp}`,
            `Set INTERCOM_APP_ID=${tokenApp}, or use an access token of the workspace ${appId}.`,
          );
        },
      },
    ],
  };
}
