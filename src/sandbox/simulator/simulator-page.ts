import { html, raw } from 'hono/html';
import type { SandboxInfo } from '../fakes/world.js';
import type { SandboxState } from '../fakes/sandbox-state.js';

/** What the page's script starts from, so the first paint needs no round trip. */
export interface SimulatorBoot {
  info: SandboxInfo;
  state: SandboxState;
}

/** Where simulator-routes.ts serves the assets (it is mounted at /sandbox). */
export const ASSETS_PATH = '/sandbox/assets';

/**
 * JSON for a `<script type="application/json">` block. Escaping every `<` keeps a ticket title
 * such as "</script><script>…" from ending the block early; JSON.parse reads `\u003c` back as `<`.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The inbox simulator's HTML: the fixed frame of the three inbox columns, the Notion table and the
 * Slack channel view. The browser modules (client/) fill them in from the boot data and keep
 * them current.
 */
export function simulatorPage(boot: SimulatorBoot) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Inbox simulator · intercom-slack-notion sandbox</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${ASSETS_PATH}/simulator.css" />
  </head>
  <body>
    <header class="intro" data-testid="intro">
      <span class="badge">Sandbox</span>
      <span>Sandbox — fakes of Intercom, Notion and Slack; nothing leaves this machine.</span>
      <a href="/sandbox/api/info" target="_blank" rel="noopener">Sandbox info (/sandbox/api/info)</a>
      <a href="/">App home (/)</a>
      <span class="spacer"></span>
      <label>Viewing as <select id="admin-select" data-testid="admin-select" aria-label="Teammate"></select></label>
      <span class="sync" id="sync-status" data-testid="sync-status" aria-live="polite">Live</span>
    </header>

    <main class="inbox">
      <section class="pane conversations" aria-label="Conversations">
        <div class="pane-head"><h2>Inbox</h2><span class="count" id="conversation-count"></span></div>
        <div class="new-conv-bar">
          <button type="button" class="ck-button" id="new-conversation" data-testid="new-conversation" aria-haspopup="dialog">New conversation</button>
        </div>
        <ul class="conv-list scroll" id="conversation-list" data-testid="conversation-list"></ul>
      </section>

      <section class="pane conversation" aria-label="Conversation" data-testid="conversation-view">
        <div class="pane-head" id="conversation-head"><h2>Select a conversation</h2></div>
        <ol class="messages scroll" id="messages" data-testid="messages"></ol>
        <form class="composer" id="composer" data-testid="composer" aria-label="Write in the conversation" hidden>
          <div class="composer-row">
            <select id="composer-author" data-testid="composer-author" aria-label="Write as">
              <option value="customer">as the customer</option>
              <option value="admin">as the teammate you are viewing as</option>
            </select>
            <label class="composer-note"><input type="checkbox" id="composer-note" data-testid="composer-note" /> Internal note</label>
          </div>
          <div class="composer-row">
            <textarea id="composer-body" data-testid="composer-body" rows="2" placeholder="Write a reply…" aria-label="Message"></textarea>
            <button type="submit" class="ck-button btn-primary" data-testid="composer-send">Send</button>
          </div>
          <p class="composer-error" id="composer-error" data-testid="composer-error" role="alert" hidden></p>
        </form>
      </section>

      <aside class="pane details" aria-label="Conversation details">
        <div class="pane-head"><h2>Conversation details</h2></div>
        <div class="details-body scroll">
          <dl class="card customer" id="customer-card" data-testid="customer-card"></dl>
          <section class="card app-card" id="app-panel" data-testid="app-panel" aria-label="Notion tickets app" aria-busy="false">
            <header class="app-card-head"><span class="app-icon" aria-hidden="true">N</span>Notion tickets</header>
            <div class="app-error" id="panel-error" data-testid="panel-error" role="alert" hidden></div>
            <div class="canvas" id="canvas" data-testid="canvas"></div>
            <div class="spinner-overlay" id="panel-spinner" data-testid="panel-spinner" hidden>
              <span class="spinner" role="progressbar" aria-label="Waiting for the app"></span>
            </div>
          </section>
          <details class="card canvas-json" data-testid="canvas-json">
            <summary>Canvas JSON</summary>
            <div class="json-body" id="canvas-json-body"><p class="muted">No request yet.</p></div>
          </details>
        </div>
      </aside>
    </main>

    <section class="lower">
      <section class="pane notion" aria-label="Notion" data-testid="notion-view">
        <div class="pane-head"><h2>Notion · Tickets</h2><span class="count" id="notion-count"></span></div>
        <div class="notion-error" id="notion-error" data-testid="notion-error" role="alert" hidden></div>
        <div class="scroll">
          <table class="notion-table">
            <colgroup>
              <col class="col-id" /><col /><col class="col-status" /><col class="col-count" /><col class="col-channel" /><col class="col-when" />
            </colgroup>
            <thead>
              <tr><th>ID</th><th>Title</th><th>Status</th><th>Conversations</th><th>Slack channel</th><th>Resolution Notified</th></tr>
            </thead>
            <tbody id="notion-rows"></tbody>
          </table>
          <p class="notion-note" id="notion-note" hidden></p>
        </div>
      </section>

      <section class="pane slack" aria-label="Slack" data-testid="slack-view">
        <nav class="slack-sidebar" aria-label="Slack channels">
          <div class="slack-workspace">Sandbox Slack</div>
          <h3>Channels</h3>
          <ul class="slack-channels" id="slack-channels" data-testid="slack-channels"></ul>
        </nav>
        <div class="slack-main" id="slack-channel-view" data-testid="slack-channel-view">
          <header class="slack-head" id="slack-channel-head"><span class="muted">No channel selected.</span></header>
          <ol class="slack-messages scroll" id="slack-messages"></ol>
          <form class="composer slack-composer" id="thread-composer" data-testid="thread-composer" aria-label="Reply in a thread" hidden>
            <div class="composer-row">
              <select id="thread-composer-user" data-testid="thread-composer-user" aria-label="Reply as"></select>
              <span class="muted" id="thread-composer-about" data-testid="thread-composer-about"></span>
              <button type="button" class="linklike" id="thread-composer-cancel" aria-label="Stop replying in this thread">×</button>
            </div>
            <div class="composer-row">
              <textarea id="thread-composer-text" data-testid="thread-composer-text" rows="2" placeholder="Reply in the thread…" aria-label="Reply"></textarea>
              <button type="submit" class="ck-button btn-primary" data-testid="thread-composer-send">Reply</button>
            </div>
            <p class="composer-error" id="thread-composer-error" data-testid="thread-composer-error" role="alert" hidden></p>
          </form>
        </div>
        <div class="slack-modal" id="slack-modal" data-testid="slack-modal" role="dialog" aria-modal="true" aria-labelledby="slack-modal-title" hidden>
          <div class="slack-modal-box">
            <h3 id="slack-modal-title" data-testid="slack-modal-title"></h3>
            <div class="slack-modal-blocks" id="slack-modal-blocks" data-testid="slack-modal-blocks"></div>
            <div class="slack-modal-actions">
              <button type="button" class="ck-button" id="slack-modal-close" data-testid="slack-modal-close"></button>
              <button type="button" class="ck-button btn-primary" id="slack-modal-submit" data-testid="slack-modal-submit"></button>
            </div>
          </div>
        </div>
      </section>
    </section>

    <div class="modal" id="new-conversation-dialog" data-testid="new-conversation-dialog" role="dialog" aria-modal="true" aria-labelledby="new-conversation-title" hidden>
      <form class="modal-box new-conv-form" id="new-conversation-form" data-testid="new-conversation-form" novalidate>
        <h3 id="new-conversation-title">New conversation</h3>
        <p class="muted">Write a conversation of your own: it goes to the fake Intercom and opens here, and the app reads it like any other.</p>
        <div class="new-conv-customer">
          <label>Customer name <input id="new-conv-name" data-testid="new-conv-name" maxlength="100" autocomplete="off" /></label>
          <label>Email <input id="new-conv-email" data-testid="new-conv-email" type="email" maxlength="254" autocomplete="off" /></label>
        </div>
        <ol class="new-conv-messages" id="new-conv-messages" data-testid="new-conv-messages" aria-label="Messages"></ol>
        <button type="button" class="linklike" id="new-conv-add" data-testid="new-conv-add">+ Add a message</button>
        <p class="composer-error" id="new-conv-error" data-testid="new-conv-error" role="alert" hidden></p>
        <div class="modal-actions">
          <button type="button" class="ck-button" id="new-conv-cancel" data-testid="new-conv-cancel">Cancel</button>
          <button type="submit" class="ck-button btn-primary" id="new-conv-create" data-testid="new-conv-create">Create and open</button>
        </div>
      </form>
    </div>

    <script type="application/json" id="boot">${raw(scriptSafeJson(boot))}</script>
    <script type="module" src="${ASSETS_PATH}/main.js"></script>
  </body>
</html>`;
}
