import { z } from 'zod';

export const MAX_TITLE_CHARS = 80;

/**
 * The shape the model must answer in, as zod. Field order is the order the model writes them:
 * it states the issue (title, summary) and compares it with the candidates (reason) before it
 * commits to a decision. `ticket_id` is an enum of the candidate ids, so the model cannot invent
 * one; with no candidates the only possible answer is "new" with a null id.
 */
export function triageAnswerSchema(candidateIds: string[]) {
  const [first, ...rest] = candidateIds;
  const ticketId = first === undefined ? z.null() : z.enum([first, ...rest]).nullable();
  const decision = first === undefined ? z.enum(['new']) : z.enum(['existing', 'new']);
  return z.object({
    title: z.string().describe(`Ticket title for the underlying issue, at most ${MAX_TITLE_CHARS} characters.`),
    summary: z.string().describe('The problem for engineers in 2 to 4 sentences: what happens, where, errors, impact.'),
    reason: z.string().describe('One sentence for the support agent explaining the decision.'),
    decision: decision.describe('"existing" when a candidate ticket is the same underlying issue, else "new".'),
    ticket_id: ticketId.describe('The id of that candidate when decision is "existing", else null.'),
    confidence: z.number().min(0).max(1).describe('How sure you are of the decision, from 0 to 1.'),
  });
}

/**
 * The schema as JSON Schema for Gemini's `responseJsonSchema`, with `propertyOrdering` (Gemini
 * otherwise orders properties alphabetically) and without `$schema`, which is not in the subset
 * Gemini documents.
 */
export function triageResponseJsonSchema(candidateIds: string[]): Record<string, unknown> {
  const schema = triageAnswerSchema(candidateIds);
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { ...json, propertyOrdering: Object.keys(schema.shape) };
}
