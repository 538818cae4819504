import { describe, expect, it } from 'vitest';
import { computeMetrics, decidedRight, type EvalCase } from '../../../src/domain/triage/eval-metrics.js';

const hitFirst: EvalCase = { expected: ['JMP-1'], ranked: ['JMP-1', 'JMP-2'], decision: 'existing', suggested: 'JMP-1' };
const hitThird: EvalCase = { expected: ['JMP-5'], ranked: ['JMP-1', 'JMP-2', 'JMP-5'], decision: 'new', suggested: null };
const hitSeventh: EvalCase = { expected: ['JMP-7', 'JMP-70'], ranked: ['a', 'b', 'c', 'd', 'e', 'f', 'JMP-70'], decision: 'existing', suggested: 'a' };
const missed: EvalCase = { expected: ['JMP-9'], ranked: ['JMP-1'], decision: 'existing', suggested: 'JMP-1' };
const rightNew: EvalCase = { expected: [], ranked: ['JMP-1'], decision: 'new', suggested: null };
const wrongNew: EvalCase = { expected: [], ranked: ['JMP-1'], decision: 'existing', suggested: 'JMP-1' };

describe('computeMetrics', () => {
  it('computes recall@k and MRR over the queries that have an expected ticket', () => {
    const m = computeMetrics([hitFirst, hitThird, hitSeventh, missed, rightNew, wrongNew]);
    expect(m.recall_at_1).toBe(1 / 4);
    expect(m.recall_at_5).toBe(2 / 4);
    expect(m.recall_at_10).toBe(3 / 4);
    expect(m.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 7 + 0) / 4, 10);
    expect(m).toMatchObject({ queries: 6, queries_with_ticket: 4, queries_new: 2 });
  });

  it('counts a decision right only when it is "new" for a new issue, or the expected existing ticket', () => {
    expect([hitFirst, hitThird, hitSeventh, missed, rightNew, wrongNew].map(decidedRight)).toEqual([true, false, false, false, true, false]);
    const m = computeMetrics([hitFirst, hitThird, hitSeventh, missed, rightNew, wrongNew]);
    expect(m.decision_accuracy).toBe(2 / 6);
    expect(m.existing_accuracy).toBe(1 / 4);
    expect(m.new_accuracy).toBe(1 / 2);
  });

  it('reports zeros rather than NaN for an empty group', () => {
    const m = computeMetrics([rightNew]);
    expect(m).toMatchObject({ recall_at_1: 0, recall_at_10: 0, mrr: 0, existing_accuracy: 0, decision_accuracy: 1, new_accuracy: 1 });
    expect(computeMetrics([]).decision_accuracy).toBe(0);
  });
});

describe('computeMetrics with an unsure triage', () => {
  it('counts "uncertain" right when new is right or an expected ticket is among the 3 shown, and counts false links', () => {
    const m = computeMetrics([
      { expected: ['A'], ranked: ['B', 'C', 'A', 'D'], decision: 'uncertain', suggested: null },
      { expected: ['A'], ranked: ['B', 'C', 'D', 'A'], decision: 'uncertain', suggested: null },
      { expected: [], ranked: ['B'], decision: 'uncertain', suggested: null },
      { expected: [], ranked: ['B'], decision: 'existing', suggested: 'B' },
      { expected: ['A'], ranked: ['B', 'A'], decision: 'existing', suggested: 'B' },
      { expected: ['A'], ranked: ['A'], decision: 'existing', suggested: 'A' },
    ]);
    expect(m.decision_accuracy).toBeCloseTo(3 / 6);
    expect(m.uncertain_rate).toBeCloseTo(3 / 6);
    expect(m.false_link_rate).toBeCloseTo(2 / 6);
  });
});
