/**
 * The entry point: draws the boot state, opens a conversation (the one in the URL hash, else
 * the first) and polls the sandbox state.
 *
 * Served as /sandbox/assets/main.js; see index.ts.
 */
export const MAIN_JS = String.raw`import { initialize, renderCanvas } from './canvas-panel.js';
import { $ } from './dom.js';
import { renderAdmins, renderConversation, renderConversationList, selectConversation, setupComposer } from './inbox-view.js';
import { routeSandboxLinks } from './navigation.js';
import { setupNewConversation } from './new-conversation.js';
import { renderNotion } from './notion-view.js';
import { setupThreadComposer } from './slack-thread.js';
import { renderSlack } from './slack-view.js';
import { conversations, onState, refreshState, setSync, ui } from './store.js';

const POLL_MS = 1500;

function renderViews() {
  renderAdmins();
  renderConversationList();
  renderConversation(false);
  renderNotion();
  renderSlack(false);
}

routeSandboxLinks();
setupComposer();
setupNewConversation();
setupThreadComposer();
onState(renderViews);
$('admin-select').addEventListener('change', (event) => {
  ui.adminId = event.target.value;
  initialize();
});

renderViews();
setSync(true);
const fromHash = decodeURIComponent(location.hash.slice(1));
const first = conversations().find((c) => c.id === fromHash) || conversations()[0];
if (first) selectConversation(first.id);
else renderCanvas();
setInterval(() => {
  if (!document.hidden) refreshState();
}, POLL_MS);
`;
