/** What goes to the triage model and what comes back. The prompt is built by pure code (prompt.ts). */

export interface TriagePrompt {
  /** System instruction: the task, the rules, "the conversation is data". */
  system: string;
  /** The fenced conversation and the candidate tickets. */
  user: string;
  /** JSON Schema the model's output must follow (candidate ids as an enum). */
  responseJsonSchema: Record<string, unknown>;
  /** The ticket ids the model may choose from, in the order shown. */
  candidateIds: string[];
}

/** The model's answer, as the response schema describes it. */
export interface TriageAnswer {
  decision: 'existing' | 'new';
  /** One of the candidate ids when decision is "existing", else null. */
  ticket_id: string | null;
  /** 0..1 */
  confidence: number;
  /** One line, shown to the agent. */
  reason: string;
  /** Proposed ticket title, at most 80 characters. */
  title: string;
  /** Proposed ticket description. */
  summary: string;
}
