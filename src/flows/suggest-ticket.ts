import { conversationText } from '../domain/conversation-text.js';
import { runTriage, type TriageResult } from '../domain/triage/run-triage.js';
import { recordTriage, step } from '../observability/activity.js';
import type { TriageRecord } from '../observability/triage-summary.js';
import type { FlowDeps } from './deps.js';
import { participantIds } from './participants.js';

export interface Suggestion {
  conversationId: string;
  participantIds: string[];
  triage: TriageResult;
  /** How much of the database the suggestion could see (the index may still be loading). */
  index: { complete: boolean; ticketsSeen: number };
}

/**
 * Reads the conversation and suggests a ticket: the existing one it duplicates, or a new one with
 * a drafted title and summary. Reads nothing from Notion: candidates come from the in-memory index,
 * and the model sees only the top few, so the cost is the same at 100 tickets or 50,000.
 */
export async function suggestTicket(
  deps: FlowDeps,
  input: { conversationId: string; adminId: string | null; extraText?: string },
): Promise<Suggestion> {
  const conversation = await step('Reading the conversation', () => deps.inbox.getConversation(input.conversationId));
  // The app's own notes and replies are left out: they would pull the suggestion towards the ticket
  // they name (even one unlinked since).
  const text = [input.extraText, conversationText(conversation, { ownAdminId: deps.settings.adminId })].filter(Boolean).join('\n\n');
  // "Link another ticket" must offer another ticket: the ones already linked are never suggested.
  const linked = new Set(deps.index.findByConversation(input.conversationId).map((t) => t.pageId));
  const triage = await step('Choosing a ticket', () =>
    runTriage({
      text,
      index: deps.index,
      model: deps.model,
      timeoutMs: deps.settings.triage.timeoutMs,
      candidates: deps.settings.triage.candidates,
      ticketLanguage: deps.settings.triage.ticketLanguage,
      exclude: linked,
    }),
  );
  const record = triageRecord(triage, deps.model?.name ?? null);
  recordTriage(record);
  deps.logger.info(
    {
      conversation_id: input.conversationId,
      triage: {
        decided_by: record.decidedBy,
        model: record.model,
        latency_ms: record.latencyMs,
        fallback: record.fallback,
        ...(record.fallbackDetail ? { fallback_detail: record.fallbackDetail } : {}),
        decision: record.decision,
      },
    },
    'suggestion made',
  );
  return {
    conversationId: input.conversationId,
    participantIds: participantIds(conversation, input.adminId),
    triage,
    index: { complete: deps.index.complete, ticketsSeen: deps.index.size },
  };
}

function triageRecord(triage: TriageResult, model: string | null): TriageRecord {
  const { madeBy } = triage;
  return {
    decidedBy: madeBy.kind,
    model,
    latencyMs: triage.modelCall?.latencyMs ?? null,
    fallback: madeBy.kind === 'offline' ? madeBy.why : null,
    ...(madeBy.kind === 'offline' && madeBy.detail ? { fallbackDetail: madeBy.detail } : {}),
    decision: triage.decision,
  };
}
