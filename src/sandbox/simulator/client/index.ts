/**
 * The simulator's browser code: native ES modules (ES2022) for any current browser, with no
 * framework, no build step and no network beyond this origin. Each lives in a TypeScript module
 * as a string, so it ships wherever the server does (tsc copies no assets to dist/); they are
 * written without template literals so they can sit inside String.raw.
 *
 * What they do, as Intercom would: opening a conversation POSTs a signed Canvas Kit `initialize`
 * to the app's real /canvas/initialize; a click on a submit component POSTs a signed `submit` with
 * `input_values` and `current_canvas`. Around the panel they poll /sandbox/api/state and redraw
 * the conversation, the Notion table and the Slack channels as the app changes them. The reply
 * boxes, the New conversation form and the Slack shortcut write through /sandbox/api as people
 * would.
 *
 * Every element is built with the DOM API and every piece of content is set as text, so ticket
 * titles and messages never become markup; the formatted exceptions are parsed in rich-text.js.
 */
import { CANVAS_COMPONENTS_JS } from './canvas-components.js';
import { CANVAS_PANEL_JS } from './canvas-panel.js';
import { DOM_JS } from './dom.js';
import { INBOX_VIEW_JS } from './inbox-view.js';
import { MAIN_JS } from './main.js';
import { NAVIGATION_JS } from './navigation.js';
import { NEW_CONVERSATION_JS } from './new-conversation.js';
import { NOTION_VIEW_JS } from './notion-view.js';
import { RICH_TEXT_JS } from './rich-text.js';
import { SLACK_THREAD_JS } from './slack-thread.js';
import { SLACK_VIEW_JS } from './slack-view.js';
import { STORE_JS } from './store.js';

/** Source by file name under /sandbox/assets/; main.js is the page's entry point. */
export const CLIENT_MODULES: Readonly<Record<string, string>> = {
  'canvas-components.js': CANVAS_COMPONENTS_JS,
  'canvas-panel.js': CANVAS_PANEL_JS,
  'dom.js': DOM_JS,
  'inbox-view.js': INBOX_VIEW_JS,
  'main.js': MAIN_JS,
  'navigation.js': NAVIGATION_JS,
  'new-conversation.js': NEW_CONVERSATION_JS,
  'notion-view.js': NOTION_VIEW_JS,
  'rich-text.js': RICH_TEXT_JS,
  'slack-thread.js': SLACK_THREAD_JS,
  'slack-view.js': SLACK_VIEW_JS,
  'store.js': STORE_JS,
};
