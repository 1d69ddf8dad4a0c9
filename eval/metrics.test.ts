import { describe, expect, it } from 'vitest';
import { computeMetrics, listMisses, missKind, percentile, scoreQuestion, summarizeRun } from './metrics.ts';
import type { EvalQuestion, RunOutput, RunPassage } from './types.ts';

const EVIDENCE = 'Sở Công Thương làm đầu mối theo dõi chỉ số Tiếp cận điện năng';
const GOOD: RunPassage = { doc: 'ls.txt', section: 'II.1.a', text: `${EVIDENCE}.` };
const OTHER: RunPassage = { doc: 'ls.txt', section: 'II.1.b', text: 'Sở Tư pháp làm đầu mối theo dõi chỉ số Thiết chế pháp lý.' };

function question(over: Partial<EvalQuestion> = {}): EvalQuestion {
  return {
    id: 'q1', question: 'Ở Lạng Sơn, cơ quan nào theo dõi chỉ số tiếp cận điện năng?', type: 'lead_agency', province: 'Lạng Sơn', year: 2021,
    doc: 'ls.txt', section: 'II.1.a', evidence: EVIDENCE, answer: 'Sở Công Thương.', agencies: ['Sở Công Thương'], ...over,
  };
}
const UNANSWERABLE = question({ id: 'u1', type: 'unanswerable', doc: null, section: null, evidence: null, agencies: [] });

function output(over: Partial<RunOutput> = {}): RunOutput {
  return { answerable: true, answer: 'Sở Công Thương chủ trì.', citations: [GOOD], hits: [GOOD], ms: 10, ...over };
}

describe('scoreQuestion', () => {
  it('ranks the first hit containing the evidence; with ties the earlier one wins', () => {
    const s = scoreQuestion(question(), 'r', output({ hits: [OTHER, GOOD, GOOD] }));
    expect(s.rank).toBe(2);
    expect(s.hitRank).toBe(2);
  });

  it('only the first 10 hits count', () => {
    const hits = [...Array<RunPassage>(10).fill(OTHER), GOOD];
    expect(scoreQuestion(question(), 'r', output({ hits })).rank).toBeNull();
  });

  it('empty hits and no citations: no rank, cite@1 fails', () => {
    const s = scoreQuestion(question(), 'r', output({ hits: [], citations: [] }));
    expect([s.rank, s.cite1, s.first]).toEqual([null, false, null]);
  });

  it('a missing answer names no agency', () => {
    const s = scoreQuestion(question(), 'r', output({ answer: undefined }));
    expect(s.agency).toBe(false);
    expect(s.rank).toBe(1);
  });

  it('a refused answerable question has no rank but keeps its retrieval rank', () => {
    const s = scoreQuestion(question(), 'r', output({ answerable: false }));
    expect([s.rank, s.hitRank, s.cite1, s.agency]).toEqual([null, 1, false, false]);
  });

  it('unanswerable questions have no rank, cite or agency score', () => {
    const s = scoreQuestion(UNANSWERABLE, 'r', output());
    expect([s.expectAnswerable, s.rank, s.hitRank, s.cite1, s.agency]).toEqual([false, null, null, null, null]);
  });

  it('shows the first citation, else the first hit, as what came first', () => {
    expect(scoreQuestion(question(), 'r', output({ citations: [], hits: [OTHER] })).first).toEqual(OTHER);
  });
});

describe('computeMetrics', () => {
  const qs = [question({ id: 'a' }), question({ id: 'b' }), question({ id: 'c', agencies: [] }), UNANSWERABLE, { ...UNANSWERABLE, id: 'u2' }];
  const outs = [
    output({ ms: 5 }), // hit@1, cite, agency
    output({ hits: [OTHER, OTHER, GOOD], citations: [OTHER], answer: 'Sở Tư pháp.', ms: 20 }), // rank 3
    output({ answerable: false, ms: 30 }), // false refusal
    output({ ms: 40 }), // unanswerable answered
    output({ answerable: false, hits: [], citations: [], ms: 100 }), // correct refusal
  ];
  const scores = qs.map((q, i) => scoreQuestion(q, 'r', outs[i]!));
  const m = computeMetrics(scores);

  it('computes every headline metric over its own denominator', () => {
    expect(m.hit1).toBeCloseTo(1 / 3);
    expect(m.hit3).toBeCloseTo(2 / 3);
    expect(m.hit10).toBeCloseTo(2 / 3);
    expect(m.mrr10).toBeCloseTo((1 + 1 / 3 + 0) / 3);
    expect(m.cite1).toBeCloseTo(1 / 3);
    expect(m.agency).toBeCloseTo(1 / 2);
    expect(m.refusal).toBeCloseTo(1 / 2);
    expect(m.falseRefusal).toBeCloseTo(1 / 3);
    expect([m.p50ms, m.p95ms]).toEqual([30, 100]);
  });

  it('reports null, not 0 or 1, when a metric has nothing to count', () => {
    const only = computeMetrics([scores[3]!]);
    expect([only.hit1, only.mrr10, only.agency, only.falseRefusal, only.refusal]).toEqual([null, null, null, null, 0]);
    expect(computeMetrics([]).p50ms).toBeNull();
  });

  it('summarizes with retrieval-only ranks, breakdowns and the list of misses', () => {
    const run = summarizeRun('r', qs, scores);
    expect(run.retrieval.hit1).toBeCloseTo(2 / 3);
    expect(run.counts).toEqual({ questions: 5, answerable: 3, unanswerable: 2, withAgencies: 2 });
    expect(run.byType.lead_agency?.n).toBe(3);
    expect(run.byType.unanswerable?.hit1).toBeNull();
    expect(run.byLang.vi?.n).toBe(5);
    expect(run.misses.map((x) => [x.id, x.kind])).toEqual([['b', 'below_top1'], ['c', 'false_refusal'], ['u1', 'answered_unanswerable']]);
    expect(run.misses[0]?.got).toEqual(OTHER);
    expect(run.misses[0]?.expected).toEqual({ doc: 'ls.txt', section: 'II.1.a' });
  });
});

describe('missKind', () => {
  it('flags a right clause with a wrong agency', () => {
    const s = scoreQuestion(question(), 'r', output({ answer: 'Sở Tư pháp.' }));
    expect(missKind(s)).toBe('agency_missing');
    expect(listMisses([question()], [s])).toHaveLength(1);
  });

  it('flags an answerable question found nowhere in the top 10', () => {
    expect(missKind(scoreQuestion(question(), 'r', output({ hits: [OTHER] })))).toBe('not_in_top10');
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect([percentile(ten, 0.5), percentile(ten, 0.95), percentile([7], 0.95)]).toEqual([5, 10, 7]);
  });
});
