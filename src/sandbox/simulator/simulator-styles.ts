/**
 * The simulator's stylesheet, served at /sandbox/assets/simulator.css. It lives in a module rather
 * than a .css file so it ships wherever the TypeScript does (tsc copies no assets to dist/).
 * The look follows Intercom's inbox (system font, 14px, grey borders, blue primary buttons, yellow
 * notes), Notion's table and Slack's channel view, closely enough to recognise each at a glance.
 */
export const SIMULATOR_CSS = String.raw`
:root {
  --text: #1a1a1a;
  --muted: #6b6f76;
  --border: #e3e4e8;
  --border-strong: #cfd1d6;
  --bg: #f6f6f7;
  --blue: #286efa;
  --blue-dark: #1b58d6;
  --blue-soft: #e9f0ff;
  --note-bg: #fef6d8;
  --note-border: #f3d77b;
  --red: #d93a3a;
  --green: #1f8a4c;
  --slack: #3f0e40;
}
* { box-sizing: border-box; }
html, body { height: 100%; }
body {
  margin: 0;
  display: grid;
  grid-template-rows: auto minmax(0, 55fr) minmax(0, 45fr);
  font: 14px/1.45 system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--text);
  background: #fff;
}
a { color: var(--blue); text-decoration: none; }
a:hover { text-decoration: underline; }
button, input, select, textarea { font: inherit; color: inherit; }
h2, h3 { margin: 0; font-size: 14px; font-weight: 600; }
.muted { color: var(--muted); }
[hidden] { display: none !important; }

/* Intro strip */
.intro {
  display: flex; align-items: center; gap: 16px; flex-wrap: wrap;
  padding: 7px 16px; background: #17181c; color: #e8e9ec; font-size: 13px;
}
.intro a { color: #9ec0ff; }
.intro .badge { background: #f5c451; color: #17181c; font-weight: 700; border-radius: 4px; padding: 1px 7px; font-size: 12px; }
.intro .spacer { flex: 1; }
.intro select { background: #2a2c33; color: #fff; border: 1px solid #454852; border-radius: 4px; padding: 2px 4px; }
.sync::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: #3ccf7a; margin-right: 6px; }
.sync.offline::before { background: var(--red); }

/* Panes */
.inbox { display: grid; grid-template-columns: 290px minmax(0, 1fr) 360px; min-height: 0; border-bottom: 1px solid var(--border-strong); }
.lower { display: grid; grid-template-columns: minmax(0, 1.7fr) minmax(0, 1fr); min-height: 0; }
.pane { display: flex; flex-direction: column; min-height: 0; min-width: 0; border-right: 1px solid var(--border); }
.pane:last-child { border-right: 0; }
.pane-head {
  display: flex; align-items: baseline; gap: 8px; padding: 10px 16px; min-height: 42px;
  border-bottom: 1px solid var(--border); background: #fff;
}
.pane-head .count { color: var(--muted); font-size: 13px; }
.pane-head .sub { color: var(--muted); font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.scroll { overflow: auto; min-height: 0; flex: 1; }

/* Conversation list */
.conv-list { list-style: none; margin: 0; padding: 6px; background: var(--bg); }
.conv-item { display: flex; gap: 10px; padding: 9px 10px; border-radius: 8px; cursor: pointer; }
.conv-item:hover { background: #ececef; }
.conv-item.selected { background: #fff; box-shadow: 0 0 0 1px var(--border-strong), 0 1px 2px rgba(0,0,0,.06); }
.avatar {
  flex: none; width: 30px; height: 30px; border-radius: 50%; display: grid; place-items: center;
  background: #dfe6f5; color: #3b4a6b; font-size: 12px; font-weight: 600;
}
.conv-main { min-width: 0; flex: 1; }
.conv-top { display: flex; justify-content: space-between; gap: 8px; }
.conv-name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.conv-time { color: var(--muted); font-size: 12px; flex: none; }
.conv-preview { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.conv-meta { display: flex; gap: 6px; margin-top: 3px; flex-wrap: wrap; }
.state { font-size: 11px; border-radius: 4px; padding: 0 6px; background: #e6f4ec; color: var(--green); text-transform: capitalize; }
.state-closed { background: #eceef1; color: var(--muted); }
.state-snoozed { background: #fff2d6; color: #8a5a00; }
.tag { font-size: 11px; border-radius: 4px; padding: 0 6px; background: var(--blue-soft); color: var(--blue-dark); font-weight: 600; }

/* Conversation */
.messages { list-style: none; margin: 0; padding: 16px 20px; display: flex; flex-direction: column; gap: 12px; background: #fff; }
.msg { max-width: 78%; }
.msg-user { align-self: flex-start; }
.msg-admin, .msg-note { align-self: flex-end; }
.msg-meta { font-size: 12px; color: var(--muted); margin: 0 4px 3px; }
.msg-admin .msg-meta, .msg-note .msg-meta { text-align: right; }
.msg-body { padding: 9px 12px; border-radius: 10px; background: #f1f2f4; overflow-wrap: anywhere; white-space: pre-wrap; }
.msg-body.rich { white-space: normal; }
.msg-body p { margin: 0 0 6px; }
.msg-body p:last-child { margin-bottom: 0; }
.msg-admin .msg-body { background: var(--blue-soft); }
.msg-note .msg-body { background: var(--note-bg); border: 1px solid var(--note-border); }
.note-label { font-weight: 600; color: #8a6a00; }
.event { align-self: center; color: var(--muted); font-size: 12px; }
.empty { padding: 24px; color: var(--muted); }

/* Conversation details and the app panel */
.details { background: var(--bg); }
.details-body { padding: 12px; display: flex; flex-direction: column; gap: 12px; }
.card { background: #fff; border: 1px solid var(--border); border-radius: 8px; }
.customer { padding: 10px 12px; display: grid; grid-template-columns: 96px 1fr; row-gap: 2px; font-size: 13px; }
.customer dt { color: var(--muted); }
.customer dd { margin: 0; overflow-wrap: anywhere; }
.app-card { position: relative; }
.app-card-head { display: flex; align-items: center; gap: 8px; padding: 9px 12px; border-bottom: 1px solid var(--border); font-weight: 600; }
.app-icon { width: 20px; height: 20px; border-radius: 5px; background: #111; color: #fff; display: grid; place-items: center; font-size: 11px; }
.canvas { padding: 12px; display: flex; flex-direction: column; min-height: 64px; }
.app-card.busy .canvas { opacity: .45; pointer-events: none; }
.spinner-overlay { position: absolute; inset: 40px 0 0; display: grid; place-items: center; }
.spinner { width: 26px; height: 26px; border: 3px solid #d6dcf0; border-top-color: var(--blue); border-radius: 50%; animation: spin .8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.app-error { margin: 12px 12px 0; padding: 8px 10px; border-radius: 6px; background: #fdecec; color: #a12626; font-size: 13px; overflow-wrap: anywhere; }
.app-error button { margin-top: 6px; }

/* Canvas Kit components */
.ck { margin: 0 0 10px; }
.ck:last-child { margin-bottom: 0; }
.ck-text { overflow-wrap: anywhere; white-space: pre-wrap; }
.ck-text.no-margin { margin-bottom: 0; }
.ck-text-header { font-size: 15px; font-weight: 600; }
.ck-text-muted { color: var(--muted); }
.ck-text-error { color: var(--red); }
.align-center { text-align: center; }
.align-right { text-align: right; }
.ck-button {
  display: block; width: 100%; padding: 8px 12px; border-radius: 6px; cursor: pointer; font-weight: 600;
  border: 1px solid var(--border-strong); background: #fff; text-align: center;
}
.ck-button:hover { background: #f4f5f7; }
.btn-primary { background: var(--blue); border-color: var(--blue); color: #fff; }
.btn-primary:hover { background: var(--blue-dark); }
.btn-link {
  width: auto; border: 0; background: none; padding: 2px 0; color: var(--blue); font-weight: 500; text-align: left;
}
.btn-link:hover { background: none; text-decoration: underline; }
.ck-button:disabled { opacity: .5; cursor: default; }
.ck-field label { display: block; font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.ck-field input, .ck-field textarea, .ck-field select {
  width: 100%; padding: 7px 9px; border: 1px solid var(--border-strong); border-radius: 6px; background: #fff;
}
.ck-field input:focus, .ck-field textarea:focus, .ck-field select:focus { outline: 2px solid #b9cdfd; border-color: var(--blue); }
.ck-field textarea { min-height: 96px; resize: vertical; }
.ck-field .invalid { border-color: var(--red); }
.ck-input-row { display: flex; gap: 6px; }
.ck-inline-btn { flex: none; border: 1px solid var(--border-strong); border-radius: 6px; background: #fff; cursor: pointer; padding: 0 10px; }
.ck-list { list-style: none; padding: 0; border: 1px solid var(--border); border-radius: 6px; }
.ck-list-item { padding: 8px 10px; border-bottom: 1px solid var(--border); }
.ck-list-item:last-child { border-bottom: 0; }
.ck-list-item.clickable { cursor: pointer; }
.ck-list-item.clickable:hover { background: #f4f6fb; }
.ck-item-title { font-weight: 600; }
.ck-item-sub, .ck-item-tertiary { color: var(--muted); font-size: 13px; }
.ck-data-table { display: grid; grid-template-columns: minmax(80px, auto) 1fr; column-gap: 12px; row-gap: 4px; font-size: 13px; }
.ck-data-table dt { color: var(--muted); }
.ck-data-table dd { margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ck-divider { border: 0; border-top: 1px solid var(--border); width: 100%; }
.ck-spacer.size-xs { height: 4px; }
.ck-spacer.size-s { height: 8px; }
.ck-spacer.size-m { height: 16px; }
.ck-spacer.size-l { height: 24px; }
.ck-spacer.size-xl { height: 32px; }

/* Canvas JSON */
.canvas-json summary { cursor: pointer; padding: 8px 12px; font-weight: 600; font-size: 13px; }
.canvas-json .json-body { padding: 0 12px 12px; }
.canvas-json h4 { margin: 8px 0 4px; font-size: 12px; color: var(--muted); font-weight: 600; }
.canvas-json pre {
  margin: 0; max-height: 260px; overflow: auto; padding: 8px; border-radius: 6px; background: #16181d; color: #d7dae0;
  font: 11.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere;
}

/* Notion */
.notion-table { width: 100%; min-width: 640px; border-collapse: collapse; table-layout: fixed; font-size: 13px; }
.notion-table .col-id { width: 74px; }
.notion-table .col-status { width: 140px; }
.notion-table .col-count { width: 110px; }
.notion-table .col-channel { width: 19%; }
.notion-table .col-when { width: 144px; }
.notion-table th {
  position: sticky; top: 0; z-index: 1; background: #fbfbfa; color: #787774; font-weight: 500; text-align: left;
  padding: 6px 8px; border-bottom: 1px solid #ebebea;
}
.notion-table th, .notion-table td { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.notion-table td { padding: 4px 8px; border-bottom: 1px solid #f0f0ef; vertical-align: middle; }
.notion-table tr.flash td { background: #fff7d1; transition: background .6s; }
.notion-table .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #787774; }
.notion-table .title { font-weight: 500; }
.notion-table .num { text-align: right; padding-right: 16px; }
.notion-table .when { color: #787774; }
.notion-table .status { width: 100%; }
.linklike { border: 0; background: none; padding: 0; color: var(--blue); cursor: pointer; text-align: left; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.linklike:hover { text-decoration: underline; }
.status { border: 0; border-radius: 4px; padding: 2px 4px; font-size: 12px; background: #e9e9e7; cursor: pointer; }
.status-in-progress { background: #d3e5ef; }
.status-done { background: #dbeddb; }
.status-triage, .status-waiting-on-customer { background: #fdecc8; }
.status-won-t-fix { background: #ffe2dd; }
.notion-note { padding: 6px 12px; font-size: 12px; color: var(--muted); }
.notion-error { padding: 6px 12px; font-size: 12px; color: var(--red); }

/* Slack */
.slack { flex-direction: row; }
.slack-sidebar { flex: none; width: 160px; background: var(--slack); color: #cfc3cf; display: flex; flex-direction: column; min-height: 0; }
.slack-workspace { padding: 10px 14px; color: #fff; font-weight: 700; border-bottom: 1px solid #5a2d5b; }
.slack-sidebar h3 { padding: 10px 14px 4px; font-size: 12px; font-weight: 500; color: #b9a9b9; }
.slack-channels { list-style: none; margin: 0; padding: 0 6px 8px; overflow: auto; }
.slack-channel button {
  display: flex; width: 100%; gap: 6px; align-items: center; border: 0; background: none; color: inherit; cursor: pointer;
  padding: 3px 8px; border-radius: 5px; text-align: left; font-size: 13px;
}
.slack-channel button:hover { background: #350d36; }
.slack-channel.selected button { background: #1164a3; color: #fff; }
.slack-channel.unread button { color: #fff; font-weight: 700; }
.slack-channel .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
.slack-channel .unread-count { background: #cd2553; color: #fff; border-radius: 9px; padding: 0 6px; font-size: 11px; }
.slack-main { flex: 1; min-width: 0; display: flex; flex-direction: column; min-height: 0; }
.slack-head { padding: 8px 16px; border-bottom: 1px solid var(--border); }
.slack-head .channel-name { font-weight: 700; font-size: 15px; overflow-wrap: anywhere; }
.slack-head .topic { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.slack-members { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; list-style: none; padding: 0; }
.slack-member { font-size: 11px; background: #f1f1f3; border-radius: 10px; padding: 0 8px; }
.slack-messages { list-style: none; margin: 0; padding: 8px 0; }
.slack-msg { display: flex; gap: 8px; padding: 5px 16px; }
.slack-msg:hover { background: #f8f8f8; }
.slack-avatar { flex: none; width: 32px; height: 32px; border-radius: 6px; background: #e8d5e8; color: #4a154b; display: grid; place-items: center; font-weight: 700; font-size: 12px; }
.slack-avatar.bot { background: #1d9bd1; color: #fff; }
.slack-meta { font-size: 13px; }
.slack-meta strong { margin-right: 6px; }
.slack-meta time { color: var(--muted); font-size: 12px; }
.slack-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.slack-msg.system { padding-top: 2px; padding-bottom: 2px; }
.slack-msg.system .slack-text { color: var(--muted); font-size: 13px; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
.slack-msg-body { flex: 1; min-width: 0; }
.slack-actions { display: flex; gap: 10px; font-size: 12px; }
.slack-thread { list-style: none; margin: 4px 0 0; padding: 2px 0 2px 10px; border-left: 2px solid var(--border); }
.slack-thread .slack-msg { padding-left: 0; padding-right: 0; }
.slack-thread .slack-avatar { width: 24px; height: 24px; font-size: 10px; }

/* Writing as people would: a reply box under the conversation and under a Slack thread. */
.composer { border-top: 1px solid var(--border); padding: 8px 12px; background: #fff; display: flex; flex-direction: column; gap: 6px; }
.composer-row { display: flex; gap: 8px; align-items: center; }
.composer textarea { flex: 1; min-width: 0; resize: vertical; border: 1px solid var(--border-strong); border-radius: 6px; padding: 6px 8px; }
.composer select { border: 1px solid var(--border-strong); border-radius: 6px; padding: 4px; max-width: 16em; }
.composer-note { font-size: 13px; color: var(--muted); display: flex; gap: 4px; align-items: center; }
.composer .ck-button { width: auto; flex: none; padding-left: 16px; padding-right: 16px; }
.composer-error { margin: 0; color: var(--red); font-size: 13px; }
#thread-composer-about { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; }

/* The New conversation form. */
.new-conv-bar { padding: 8px 8px 2px; background: var(--bg); }
.new-conv-bar .ck-button { padding: 6px 10px; font-size: 13px; }
.modal { position: fixed; inset: 0; background: rgba(0, 0, 0, .4); display: grid; place-items: center; z-index: 10; }
.modal-box { background: #fff; border-radius: 8px; width: min(560px, 92vw); max-height: 90vh; overflow: auto; padding: 16px 20px; box-shadow: 0 10px 40px rgba(0, 0, 0, .3); display: flex; flex-direction: column; gap: 10px; }
.modal-box h3, .modal-box p { margin: 0; }
.modal-actions { display: flex; justify-content: flex-end; gap: 8px; }
.modal-actions .ck-button { width: auto; }
.new-conv-customer { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.new-conv-customer label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; font-weight: 600; }
.new-conv-form input, .new-conv-form textarea, .new-conv-form select { border: 1px solid var(--border-strong); border-radius: 6px; padding: 6px 8px; font: inherit; font-weight: 400; }
.new-conv-messages { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.new-conv-message { display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; }
.new-conv-message select { justify-self: start; max-width: 20em; }
.new-conv-message textarea { grid-column: 1; resize: vertical; min-width: 0; }
.new-conv-message .linklike { grid-column: 2; grid-row: 1 / span 2; align-self: start; font-size: 18px; }

/* The Send to customer confirmation, as Slack draws a modal. */
.slack-modal { position: fixed; inset: 0; background: rgba(0, 0, 0, .4); display: grid; place-items: center; z-index: 10; }
.slack-modal-box { background: #fff; border-radius: 8px; width: min(520px, 92vw); padding: 16px 20px; box-shadow: 0 10px 40px rgba(0, 0, 0, .3); }
.slack-modal-box h3 { margin: 0 0 10px; }
.slack-modal-blocks { display: flex; flex-direction: column; gap: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.slack-modal-blocks .context { color: var(--muted); font-size: 12px; }
.slack-modal-actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }

@media (max-width: 1100px) {
  body { display: block; height: auto; }
  .inbox, .lower { grid-template-columns: 1fr; }
  .pane { max-height: 80vh; border-right: 0; border-bottom: 1px solid var(--border); }
}
`;
