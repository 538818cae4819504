import type { AuthTestResponse } from '@slack/web-api';
import { HINTS } from '../config/env-schema.js';
import type { Config } from '../config/load-config.js';
import { createSlackClient } from '../services/slack/slack-client.js';
import { classifySlackError } from '../services/slack/slack-errors.js';
import { callFailure, failedCall } from './call-failure.js';
import { fail, ok, warn, type CheckGroup } from './checks.js';
import { SLACK_BOT_SCOPES } from './manifest.js';
import { ONCE, quietLogger, serviceCall } from './service-call.js';

const BASE_URL = 'SLACK_API_URL';
const SCOPES_PAGE = 'api.slack.com/apps > your app > OAuth & Permissions';

/** The bot token, the scopes it was granted, and whether it may create channels. */
export function slackChecks(config: Config, timeoutMs: number): CheckGroup {
  const client = createSlackClient({ token: config.slack.token, apiUrl: config.slack.apiUrl, timeoutMs, logger: quietLogger });
  const call = <T>(method: string, fn: () => Promise<T>) => serviceCall('slack', method, ONCE, classifySlackError, fn);
  let identity: AuthTestResponse | undefined;

  return {
    name: 'Slack',
    checks: [
      {
        id: 'slack.token',
        title: 'Bot token (SLACK_API_TOKEN)',
        uses: ['SLACK_API_TOKEN', BASE_URL],
        async run() {
          try {
            identity = await call('auth.test', () => client.auth.test());
          } catch (err) {
            const failure = callFailure(err);
            if (failure.kind === 'auth') {
              return fail(`Slack refused the token (${failure.code ?? failure.message})`, `Set SLACK_API_TOKEN to ${HINTS.SLACK_API_TOKEN}.`);
            }
            return failedCall(err, 'Slack', BASE_URL);
          }
          const team = identity.team ? ` in ${identity.team}${identity.team_id ? ` (${identity.team_id})` : ''}` : '';
          return ok(`valid; bot @${identity.user ?? identity.user_id ?? '?'}${team}`);
        },
      },
      {
        id: 'slack.scopes',
        title: 'Bot token scopes',
        needs: 'slack.token',
        async run() {
          // The SDK exposes the X-OAuth-Scopes header of every answer here.
          const granted = (identity?.response_metadata?.scopes ?? []).filter(Boolean);
          if (granted.length === 0) {
            return warn('Slack did not say which scopes the token has', `Check by hand that ${SCOPES_PAGE} > Bot Token Scopes lists ${SLACK_BOT_SCOPES.join(', ')}.`);
          }
          const missing = SLACK_BOT_SCOPES.filter((s) => !granted.includes(s));
          if (missing.length === 0) return ok(`all ${SLACK_BOT_SCOPES.length} needed (${SLACK_BOT_SCOPES.join(', ')})`);
          return fail(
            `missing ${missing.join(', ')}`,
            `Add ${missing.join(', ')} under ${SCOPES_PAGE} > Bot Token Scopes, then reinstall the app to the workspace (Slack asks to, at the top of that page).`,
          );
        },
      },
      {
        id: 'slack.create-channel',
        title: 'Can create channels',
        needs: 'slack.token',
        async run() {
          // Nothing is created: Slack checks the token's scope before the name, and an empty name
          // is refused after that. Workspace rules on who may create channels can still refuse
          // the real call; the app then says so in the inbox.
          try {
            await call('conversations.create', () => client.conversations.create({ name: '' }));
          } catch (err) {
            const failure = callFailure(err);
            if (emptyNameRefused(failure.code)) return ok('conversations.create accepts the token (probed with an empty name, nothing created)');
            if (failure.code === 'missing_scope') {
              return fail('the token may not create channels', `Add channels:manage under ${SCOPES_PAGE} > Bot Token Scopes, then reinstall the app.`);
            }
            if (failure.code === 'restricted_action') {
              return fail(
                'the workspace does not let the app create channels',
                'In Slack: Workspace settings > Permissions > Channel management: let members (and apps) create public channels.',
              );
            }
            return failedCall(err, 'Slack', BASE_URL);
          }
          return warn('Slack accepted a channel with an empty name', 'Look for a stray channel in Slack and archive it.');
        },
      },
    ],
  };
}

/**
 * Slack's answers to `conversations.create` with an empty name that mean the token got past the
 * scope check: `invalid_name*`, and for an empty name also `no_channel` or `missing_argument`.
 */
export function emptyNameRefused(code: string | null | undefined): boolean {
  return typeof code === 'string' && (code.startsWith('invalid_name') || code === 'no_channel' || code === 'missing_argument');
}
