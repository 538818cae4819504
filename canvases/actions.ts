import { isPageId } from './page-id.js';

/**
 * The contract between the canvases and the submit route: the `component_id` every submit button
 * (or clickable list item) sends, and the ids of the inputs whose values come back in
 * `input_values`.
 */

// Submit component ids.
export const FIND_OR_CREATE = 'find_or_create';
export const LINK_SUGGESTED = 'link_suggested';
/** Links the ticket chosen in the SELECTED_TICKET dropdown. */
export const LINK_SELECTED = 'link_selected';
/** `link:<pageId>`: links one named ticket (used when there is a single other candidate, too few for a dropdown). */
export const LINK_TICKET_PREFIX = 'link:';
export const CREATE_INSTEAD = 'create_instead';
/** Creates a ticket from the TICKET_TITLE and TICKET_DESCRIPTION inputs. */
export const CREATE_TICKET = 'create_ticket';
export const REFRESH = 'refresh';
/** `unlink:<pageId>`: asks to confirm. */
export const UNLINK_PREFIX = 'unlink:';
/** `confirm_unlink:<pageId>`: unlinks. */
export const CONFIRM_UNLINK_PREFIX = 'confirm_unlink:';
/** `confirm_link:<pageId>`: links a Done ticket once the teammate confirmed (the customer is told). */
export const CONFIRM_LINK_PREFIX = 'confirm_link:';
/** `finish_setup:<pageId>`: makes what a failed create or link left out (the channel, the note…). */
export const FINISH_SETUP_PREFIX = 'finish_setup:';
export const LINK_ANOTHER = 'link_another';
/** `ticket:<pageId>`: a row of the first canvas's list, opening that ticket in full. */
export const SHOW_TICKET_PREFIX = 'ticket:';
/** Repeats the action in the error canvas's stored `retry`. */
export const TRY_AGAIN = 'try_again';
/** Back to the initialize view. */
export const BACK = 'back';

// Input ids (keys of `input_values`).
/** Dropdown; its value is the chosen ticket's Notion page id. */
export const SELECTED_TICKET = 'selected_ticket';
export const TICKET_TITLE = 'ticket_title';
export const TICKET_DESCRIPTION = 'ticket_description';

export const ACTION_TYPES = [
  'find_or_create',
  'link_suggested',
  'link_selected',
  'link_ticket',
  'create_instead',
  'create_ticket',
  'refresh',
  'unlink',
  'confirm_unlink',
  'confirm_link',
  'finish_setup',
  'link_another',
  'show_ticket',
  'try_again',
  'back',
] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

/** The actions whose component id names a ticket (`<prefix><pageId>`). */
type TicketAction = 'link_ticket' | 'unlink' | 'confirm_unlink' | 'confirm_link' | 'finish_setup' | 'show_ticket';

export type ParsedAction = { type: Exclude<ActionType, TicketAction> } | { type: TicketAction; pageId: string };

const SIMPLE_ACTIONS: Record<string, Exclude<ActionType, TicketAction>> = {
  [FIND_OR_CREATE]: 'find_or_create',
  [LINK_SUGGESTED]: 'link_suggested',
  [LINK_SELECTED]: 'link_selected',
  [CREATE_INSTEAD]: 'create_instead',
  [CREATE_TICKET]: 'create_ticket',
  [REFRESH]: 'refresh',
  [LINK_ANOTHER]: 'link_another',
  [TRY_AGAIN]: 'try_again',
  [BACK]: 'back',
};

export function linkTicketId(pageId: string): string {
  return `${LINK_TICKET_PREFIX}${pageId}`;
}

export function unlinkId(pageId: string): string {
  return `${UNLINK_PREFIX}${pageId}`;
}

export function confirmUnlinkId(pageId: string): string {
  return `${CONFIRM_UNLINK_PREFIX}${pageId}`;
}

export function confirmLinkId(pageId: string): string {
  return `${CONFIRM_LINK_PREFIX}${pageId}`;
}

export function showTicketId(pageId: string): string {
  return `${SHOW_TICKET_PREFIX}${pageId}`;
}

export function finishSetupId(pageId: string): string {
  return `${FINISH_SETUP_PREFIX}${pageId}`;
}

/** The action a submit's `component_id` stands for; null for anything these canvases never render. */
export function parseAction(componentId: string): ParsedAction | null {
  const simple = Object.hasOwn(SIMPLE_ACTIONS, componentId) ? SIMPLE_ACTIONS[componentId] : undefined;
  if (simple) return { type: simple };
  for (const [prefix, type] of [
    [LINK_TICKET_PREFIX, 'link_ticket'],
    [UNLINK_PREFIX, 'unlink'],
    [CONFIRM_UNLINK_PREFIX, 'confirm_unlink'],
    [CONFIRM_LINK_PREFIX, 'confirm_link'],
    [FINISH_SETUP_PREFIX, 'finish_setup'],
    [SHOW_TICKET_PREFIX, 'show_ticket'],
  ] as const) {
    if (componentId.startsWith(prefix)) {
      const pageId = componentId.slice(prefix.length);
      return isPageId(pageId) ? { type, pageId } : null;
    }
  }
  return null;
}
