import { z } from 'zod';
import { escapeSlack } from '../slack-messages.js';

/**
 * The modals of the `Send to customer` message shortcut: the confirmation (nothing is sent until
 * its Send button), or why the message cannot be sent. Pure: view JSON in, view JSON out.
 */

/** The shortcut's callback id, as configured in the Slack app (intercom-app.json). */
export const SEND_TO_CUSTOMER_CALLBACK = 'send_to_customer';
/** The confirmation modal's callback id: its submission is the confirmation. */
export const CONFIRM_SEND_CALLBACK = 'send_to_customer_confirm';

/** What the confirmation carries to its submission (Slack hands `private_metadata` back as is). */
export const confirmationSchema = z.object({ channel: z.string().min(1).max(40), ts: z.string().regex(/^\d+\.\d+$/), root: z.string().regex(/^\d+\.\d+$/) }).strict();
export type Confirmation = z.infer<typeof confirmationSchema>;

const PREVIEW_MAX = 2800;

export function confirmSendView(input: {
  confirmation: Confirmation;
  conversationUrl: string;
  authorName: string;
  /** The message's mrkdwn, as Slack gave it. */
  text: string;
}): Record<string, unknown> {
  const preview = input.text.length > PREVIEW_MAX ? `${input.text.slice(0, PREVIEW_MAX)}…` : input.text;
  return {
    type: 'modal',
    callback_id: CONFIRM_SEND_CALLBACK,
    private_metadata: JSON.stringify(input.confirmation),
    title: { type: 'plain_text', text: 'Send to customer' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Send this message to the customer as a reply in the <${escapeSlack(input.conversationUrl)}|Intercom conversation>, signed *${escapeSlack(input.authorName)}*?`,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: preview || ' ' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'The customer sees it. It is sent once; later edits in Slack are not.' }] },
    ],
  };
}

export function cannotSendView(reason: string): Record<string, unknown> {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Send to customer' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(reason) } }],
  };
}

export const CANNOT_SEND = {
  notInThread: 'Only a reply in the thread of an Intercom conversation can be sent to its customer.',
  fromApp: "This message comes from the app or another bot: only a person's reply can be sent to the customer.",
  notLinked: 'This thread is not synced with an Intercom conversation (it was never linked, or it was unlinked).',
} as const;
