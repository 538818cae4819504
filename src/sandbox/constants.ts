/**
 * Fixed values of the local sandbox. They are safe to publish: the fakes accept nothing else, and
 * nothing outside the sandbox accepts them. GET /sandbox/api/info serves them to the simulator.
 */
export const SANDBOX = {
  /** The only token the Notion, Slack and Intercom fakes accept. */
  token: 'sandbox',
  intercomAppId: 'sandbox',
  intercomClientSecret: 'sandbox-intercom-client-secret',
  /** SLACK_SIGNING_SECRET in the sandbox: the fake Slack signs its events and interactions with it. */
  slackSigningSecret: 'sandbox-slack-signing-secret',
  /** API_TOKEN in the sandbox (callers of /create-ticket and /ticket-done send it). */
  apiToken: 'sandbox-api-token-please-change',
  notionWebhookVerificationToken: 'secret_sandbox_notion_webhook_verification_token',
  notionDatabaseId: '5a9d1c3e-7b2f-4e8a-9c61-0d4f2b7e8a13',
  notionDataSourceId: '8e4b6f20-3c1d-4a7e-b5f9-62d0a1c9e347',
  /** The page the tickets database lives under (a setup command may create databases here). */
  notionParentPageId: 'c2f7a9e1-45b3-4d6c-8a0e-9b1d3f5e7c24',
  /** Intercom admin the app writes notes and replies as (Dana Whitfield, support lead). */
  adminId: '7310001',
  slackTeamId: 'T0SANDBOX',
  slackTeamUrl: 'https://sandbox.slack.com/',
  /** The app's own Slack bot user (auth.test `user_id`). */
  slackBotUserId: 'U0SBXBOT01',
} as const;
