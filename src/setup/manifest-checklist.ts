import { slackAppManifest, type AppManifest } from './manifest.js';

/**
 * The manifest as the steps a person follows in each console, in order, with the URLs (filled
 * from PUBLIC_URL) and the values to copy back into .env named where they appear.
 */
export function manifestChecklist(m: AppManifest): string[] {
  const required = m.env.filter((v) => v.required);
  const optional = m.env.filter((v) => !v.required);
  const [createTicket, ticketDone] = m.api;
  return [
    `${m.name}: ${m.description}`,
    '',
    '1. Intercom (Settings > Integrations > Developer Hub)',
    `   [ ] Create an app named "${m.name}" for your workspace.`,
    `   [ ] Authentication: give it the permissions ${quoted(m.intercom.permissions)}.`,
    `       (Canvas Kit also selects ${quoted(m.intercom.permissions_added_by_canvas_kit)}.)`,
    '       Copy the access token into INTERCOM_API_KEY.',
    '   [ ] Basic information: copy the client secret into INTERCOM_CLIENT_SECRET.',
    '   [ ] Copy the workspace id from your Intercom URL (app.intercom.com/a/apps/<id>/…) into INTERCOM_APP_ID.',
    `   [ ] Canvas Kit, ${m.intercom.canvas_kit.location}:`,
    `         Initialize flow webhook URL: ${m.intercom.canvas_kit.initialize_url}`,
    `         Submit flow webhook URL:     ${m.intercom.canvas_kit.submit_url}`,
    `       ${m.intercom.canvas_kit.signature}`,
    '   [ ] Install the app, then add it to the Inbox conversation details panel.',
    '   [ ] INTERCOM_ADMIN_ID: the teammate the app writes as (`npm run doctor` lists them).',
    `   [ ] Webhooks: ${m.intercom.webhooks.use}`,
    `         Endpoint URL: ${m.intercom.webhooks.url}`,
    `         Topics:       ${m.intercom.webhooks.topics.join(', ')}`,
    `       ${m.intercom.webhooks.signature}`,
    '',
    '2. Notion (notion.so/profile/integrations)',
    `   [ ] New integration, type ${m.notion.integration_type}, named "${m.name}".`,
    `       Capabilities: ${quoted(m.notion.capabilities.content)}; user capabilities: "${m.notion.capabilities.user_information}"` +
      `${m.notion.capabilities.comments.length === 0 ? '; no comment capabilities.' : `; ${quoted(m.notion.capabilities.comments)}.`}`,
    '       Copy the Internal Integration Secret into NOTION_API_KEY.',
    '   [ ] Share the page that will hold the tickets with the integration (page ••• > Connections), then run',
    '         npm run setup -- notion --parent <page URL>',
    '       and copy the NOTION_DATABASE_ID line it prints into .env.',
    '   [ ] Webhooks tab > Create a subscription:',
    `         URL:    ${m.notion.webhook.url}`,
    `         Events: ${m.notion.webhook.events.join(', ')}`,
    '       Notion sends a verification token to that URL; the server writes it to',
    '       STATE_DIR/notion-verification-token: paste it into Notion (Verify) and into',
    '       NOTION_WEBHOOK_VERIFICATION_TOKEN, then restart the server.',
    `       ${m.notion.webhook.auth}`,
    `   [ ] Optional: ${m.notion.automation.use}`,
    `         URL:     ${m.notion.automation.url}`,
    ...Object.entries(m.notion.automation.headers).map(([k, v]) => `         Header:  ${k}: ${v}`),
    '',
    '3. Slack (api.slack.com/apps)',
    '   [ ] Create New App > From a manifest, pick the workspace, and paste:',
    ...JSON.stringify(slackAppManifest(m), null, 2)
      .split('\n')
      .map((l) => `         ${l}`),
    `       (or From scratch: the bot token scopes ${m.slack.bot_scopes.join(', ')};`,
    `       Event Subscriptions: ${m.slack.events.request_url}, bot events ${m.slack.events.bot_events.join(', ')};`,
    `       Interactivity & Shortcuts: ${m.slack.interactivity.request_url}, ${m.slack.shortcuts.map((s) => `a ${s.type} shortcut "${s.name}" with callback ID ${s.callback_id}`).join(', ')}).`,
    '   [ ] Install to Workspace, then copy the Bot User OAuth Token (xoxb-…) into SLACK_API_TOKEN.',
    `   [ ] Basic Information > App Credentials: copy the Signing Secret into SLACK_SIGNING_SECRET. ${m.slack.events.use}`,
    `       ${m.slack.signature}`,
    '       Slack verifies the Event Subscriptions URL once the server runs with that secret at PUBLIC_URL.',
    '',
    '4. This server',
    '   [ ] API_TOKEN: a long random string (`openssl rand -hex 32`). Callers of the API send it:',
    ...(createTicket ? apiLines(createTicket) : []),
    ...(ticketDone ? apiLines(ticketDone) : []),
    '   [ ] Then run `npm run doctor`: it checks every setting against the real services.',
    '',
    'Environment variables (required first):',
    ...[...required, ...optional].flatMap((v) => [
      `  ${v.name}${v.required ? ' (required)' : v.default !== undefined ? ` (default: ${v.default})` : ' (optional)'}`,
      `      ${v.description}`,
    ]),
  ];
}

function apiLines(route: AppManifest['api'][number]): string[] {
  return [`         ${route.method} ${route.url}  ${JSON.stringify(route.body)}`, `           ${route.does}`, `           ${route.auth}`];
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
