/**
 * When an action fails: which step, what went wrong, in plain words, and a Try again that
 * repeats exactly the failed action (kept in stored_data) rather than starting over. It may be the
 * first canvas (the initialize request itself failed), so it has no primary button.
 */
import { BACK, TRY_AGAIN } from './actions.js';
import { divider, submitButton, text } from './component-helpers.js';
import type { CanvasComponent, CanvasResponse } from './components.js';
import { canvasResponse } from './components.js';
import type { ErrorStoredData, StoredRetry } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { TEXT_MAX, escapeMarkdown, truncate } from './text.js';
import type { ErrorView } from './view-models.js';

export function errorCanvas(view: ErrorView): CanvasResponse {
  const step = truncate(view.step ?? '', TEXT_MAX.step, { singleLine: true });
  const message = truncate(view.message, TEXT_MAX.message, { singleLine: true }) || 'Something went wrong.';
  const made = truncate(view.made ?? '', TEXT_MAX.message, { singleLine: true });
  const components: CanvasComponent[] = [
    ...(made ? [text(escapeMarkdown(made))] : []),
    text(step ? `${escapeMarkdown(step)} failed.` : 'Something went wrong.'),
    text(escapeMarkdown(message), 'muted'),
    submitButton(TRY_AGAIN, 'Try again', 'secondary'),
  ];
  // Mid-flow there is somewhere to go back to; a failed initialize has only Try again.
  if (view.retry && view.retry.action !== 'refresh') {
    components.push(divider(), submitButton(BACK, 'Back', 'link'));
  }
  const storedData: ErrorStoredData = {
    v: STORED_DATA_VERSION,
    canvas: 'error',
    conversationId: view.conversationId,
    retry: view.retry ? cappedRetry(view.retry) : null,
  };
  return canvasResponse(components, storedData);
}

/** The same caps as the suggestion canvas, so a retried create keeps the text the agent submitted. */
function cappedRetry(retry: StoredRetry): StoredRetry {
  if (retry.action !== 'create_ticket') return retry;
  return {
    ...retry,
    title: truncate(retry.title, TEXT_MAX.title, { singleLine: true }),
    description: truncate(retry.description, TEXT_MAX.description),
  };
}
