/**
 * "Are you sure?" before an action that cannot be taken back: what will happen, the one button
 * that does it, and Back. Nothing is written until the button is clicked.
 */
import { BACK } from './actions.js';
import { divider, submitButton, text } from './component-helpers.js';
import type { CanvasResponse } from './components.js';
import { canvasResponse } from './components.js';
import type { ConfirmStoredData } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { TEXT_MAX, escapeMarkdown, truncate } from './text.js';
import type { ConfirmView } from './view-models.js';

export function confirmCanvas(view: ConfirmView): CanvasResponse {
  const storedData: ConfirmStoredData = {
    v: STORED_DATA_VERSION,
    canvas: 'confirm',
    conversationId: view.conversationId,
    pageId: view.pageId,
    ...(view.participants ? { participants: view.participants } : {}),
  };
  return canvasResponse(
    [
      text(escapeMarkdown(truncate(view.question, TEXT_MAX.message, { singleLine: true })), 'header'),
      text(escapeMarkdown(truncate(view.detail, TEXT_MAX.message)), 'muted'),
      submitButton(view.confirmId, truncate(view.confirmLabel, 40, { singleLine: true }), 'primary'),
      divider(),
      submitButton(BACK, 'Back', 'link'),
    ],
    storedData,
  );
}
