/**
 * Every operation the fakes implement, named the way the adapters name their external calls
 * (src/services/http/external-call.ts): Notion by SDK method, Slack by Web API method, Intercom
 * by HTTP method and path template. Fault rules and the request counter use these names.
 */
export const NOTION_OPERATIONS = [
  'databases.retrieve',
  'databases.create',
  'dataSources.retrieve',
  'dataSources.update',
  'dataSources.query',
  'pages.create',
  'pages.retrieve',
  'pages.update',
  'users.me',
  'blocks.children.list',
] as const;

export const SLACK_OPERATIONS = [
  'auth.test',
  'users.list',
  'users.lookupByEmail',
  'users.info',
  'conversations.create',
  'conversations.list',
  'conversations.info',
  'conversations.join',
  'conversations.invite',
  'conversations.setTopic',
  'conversations.history',
  'conversations.replies',
  'conversations.members',
  'conversations.archive',
  'chat.postMessage',
  'bookmarks.add',
  'bookmarks.list',
  'views.open',
] as const;

export const INTERCOM_OPERATIONS = [
  'GET /conversations/{id}',
  'GET /admins',
  'GET /admins/{id}',
  'GET /me',
  'POST /conversations/{id}/reply',
  'POST /conversations/{id}/parts',
] as const;

export const FAKE_SERVICES = ['notion', 'slack', 'intercom'] as const;
export type FakeService = (typeof FAKE_SERVICES)[number];

export type NotionOperation = (typeof NOTION_OPERATIONS)[number];
export type SlackOperation = (typeof SLACK_OPERATIONS)[number];
export type IntercomOperation = (typeof INTERCOM_OPERATIONS)[number];

export const OPERATIONS: Record<FakeService, readonly string[]> = {
  notion: NOTION_OPERATIONS,
  slack: SLACK_OPERATIONS,
  intercom: INTERCOM_OPERATIONS,
};
