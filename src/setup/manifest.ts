import { z } from 'zod';
import committed from '../../intercom-app.json' with { type: 'json' };

/**
 * intercom-app.json, the committed description of what the app needs from each console. It is
 * validated here so a bad edit fails loudly, and it is where the doctor's list of required Slack
 * scopes comes from.
 */

const PLACEHOLDER = '{PUBLIC_URL}';

const envVariable = z.strictObject({
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  required: z.boolean(),
  default: z.string().optional(),
  description: z.string().min(1),
});

const manifestSchema = z.strictObject({
  $comment: z.string(),
  name: z.string().min(1),
  description: z.string().min(1),
  intercom: z.strictObject({
    canvas_kit: z.strictObject({
      location: z.string(),
      initialize_url: z.string(),
      submit_url: z.string(),
      signature: z.string(),
    }),
    permissions: z.array(z.string()).min(1),
    permissions_added_by_canvas_kit: z.array(z.string()),
    webhooks: z.strictObject({ use: z.string(), url: z.string(), topics: z.array(z.string()).min(1), signature: z.string() }),
  }),
  notion: z.strictObject({
    integration_type: z.string(),
    capabilities: z.strictObject({
      content: z.array(z.string()),
      comments: z.array(z.string()),
      user_information: z.string(),
    }),
    webhook: z.strictObject({ url: z.string(), events: z.array(z.string()).min(1), auth: z.string() }),
    automation: z.strictObject({ use: z.string(), url: z.string(), headers: z.record(z.string(), z.string()) }),
  }),
  slack: z.strictObject({
    bot_display_name: z.string().min(1),
    bot_scopes: z.array(z.string().regex(/^[a-z]+(:[a-z.]+)?$/)).min(1),
    events: z.strictObject({ use: z.string(), request_url: z.string(), bot_events: z.array(z.string()).min(1) }),
    interactivity: z.strictObject({ request_url: z.string() }),
    shortcuts: z.array(
      z.strictObject({ name: z.string().min(1).max(24), type: z.enum(['message', 'global']), callback_id: z.string().min(1), description: z.string().min(1).max(80) }),
    ),
    signature: z.string(),
  }),
  api: z.array(
    z.strictObject({
      method: z.enum(['GET', 'POST']),
      url: z.string(),
      auth: z.string(),
      body: z.record(z.string(), z.string()),
      does: z.string(),
    }),
  ),
  env: z.array(envVariable).min(1),
});

export type AppManifest = z.infer<typeof manifestSchema>;
export type EnvVariableDoc = z.infer<typeof envVariable>;

export const APP_MANIFEST: AppManifest = manifestSchema.parse(committed);

/** The bot token scopes the app calls Slack with; the doctor checks the token has each. */
export const SLACK_BOT_SCOPES: readonly string[] = APP_MANIFEST.slack.bot_scopes;

/** The manifest with every `{PUBLIC_URL}` replaced by `publicUrl` (without a trailing slash). */
export function fillManifest(manifest: AppManifest, publicUrl: string): AppManifest {
  const base = publicUrl.replace(/\/+$/, '');
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replaceAll(PLACEHOLDER, base);
    if (Array.isArray(value)) return value.map(fill);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return manifestSchema.parse(fill(manifest));
}

/**
 * The app as a Slack app manifest, for api.slack.com/apps > Create New App > From a manifest:
 * the name, a bot user and its scopes, the message events of the threads, and the
 * `Send to customer` shortcut with the interactivity it needs.
 */
export function slackAppManifest(manifest: AppManifest): Record<string, unknown> {
  const { slack } = manifest;
  return {
    display_information: { name: manifest.name },
    features: { bot_user: { display_name: slack.bot_display_name, always_online: false }, shortcuts: slack.shortcuts },
    oauth_config: { scopes: { bot: slack.bot_scopes } },
    settings: {
      event_subscriptions: { request_url: slack.events.request_url, bot_events: slack.events.bot_events },
      interactivity: { is_enabled: true, request_url: slack.interactivity.request_url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
