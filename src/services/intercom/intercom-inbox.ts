import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { Inbox, WrittenPart } from '../../ports.js';
import { CREATE, externalCall, IDEMPOTENT_WRITE, READ, type RetryPolicy } from '../http/external-call.js';
import type { RequestEvent } from '../http/service-fetch.js';
import { toConversation, toTeammate, writtenPartId } from './conversation-mapping.js';
import { createIntercomClient, withTransportCause } from './intercom-client.js';
import { classifyIntercomError } from './intercom-errors.js';

export interface IntercomInboxOptions {
  token: string;
  baseUrl: string | null;
  timeoutMs?: number;
  onRequest?: (e: RequestEvent) => void;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export function createIntercomInbox(o: IntercomInboxOptions): Inbox {
  const client = createIntercomClient({ ...o, timeoutMs: o.timeoutMs ?? 10_000 });

  const call = <T>(method: string, policy: RetryPolicy, fn: () => Promise<T>): Promise<T> =>
    externalCall(
      { service: 'intercom', method, policy, classify: classifyIntercomError, logger: o.logger, sleep: o.sleep },
      () => withTransportCause(fn),
    );

  /** A reply or a note: never repeated after an ambiguous failure, a customer would get it twice. */
  const post = async (conversationId: string, adminId: string, body: string, messageType: 'comment' | 'note'): Promise<WrittenPart> => {
    const conversation = await call('POST /conversations/{id}/reply', CREATE, () =>
      client.conversations.reply({
        conversation_id: conversationId,
        body: { message_type: messageType, type: 'admin', admin_id: adminId, body },
      }),
    );
    return { partId: writtenPartId(conversation, adminId, messageType) };
  };

  return {
    async getConversation(conversationId, options = {}) {
      try {
        const conversation = await call('GET /conversations/{id}', READ, () =>
          client.conversations.find({ conversation_id: conversationId, ...(options.html ? {} : { display_as: 'plaintext' }) }),
        );
        return toConversation(conversation);
      } catch (err) {
        if (isAppError(err) && err.details?.failure === 'not_found') {
          throw new AppError('conversation_not_found', 404, `Intercom has no conversation ${conversationId}`, {
            details: { conversationId },
            cause: err,
          });
        }
        throw err;
      }
    },

    async listAdmins() {
      const list = await call('GET /admins', READ, () => client.admins.list());
      return (list.admins ?? []).flatMap((a) => (a ? [toTeammate(a)] : []));
    },

    async whoAmI() {
      const me = await call('GET /me', READ, () => client.admins.identify());
      if (!me?.id) {
        throw new AppError('upstream_rejected', 502, 'Intercom GET /me did not say which admin the token belongs to', {
          details: { service: 'intercom', method: 'GET /me' },
        });
      }
      return { ...toTeammate(me), appId: me.app?.id_code ?? null };
    },

    addNote: (conversationId, adminId, body) => post(conversationId, adminId, body, 'note'),

    reply: (conversationId, adminId, body) => post(conversationId, adminId, body, 'comment'),

    async reopen(conversationId, adminId) {
      // Opening an open conversation changes nothing, so this one may be repeated.
      await call('POST /conversations/{id}/parts', IDEMPOTENT_WRITE, () =>
        client.conversations.manage({ conversation_id: conversationId, body: { message_type: 'open', admin_id: adminId } }),
      );
    },
  };
}
