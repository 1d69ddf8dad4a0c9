import { containsEvidence, namesAllAgencies } from './matching.ts';
import { detectLang, expectsAnswer } from './questions.ts';
import type { EvalQuestion, Metrics, Miss, MissKind, QuestionScore, RunOutput, RunSummary } from './types.ts';

/**
 * The metrics of shared/eval/README.md, as pure functions over what a run returned.
 *
 * Definitions (denominators in brackets; a metric with an empty denominator is null):
 * - rank: 1-based position of the first of the top 10 hits whose text contains the evidence.
 *   A refused answerable question has no rank: the official sees "not in the documents", not
 *   a clause, so it counts as a miss for hit@k and MRR whatever its hits were. `hitRank` keeps
 *   the rank from the hits alone, reported as `retrieval` so refusal and retrieval errors can
 *   be told apart.
 * - hit@k [answerable]: share with rank <= k. MRR@10 [answerable]: mean of 1/rank, 0 without one.
 * - cite@1 [answerable]: the first citation contains the evidence (a refusal fails).
 * - agency [answerable with gold agencies]: the answer text names every gold agency (a refusal fails).
 * - refusal [unanswerable]: answered `answerable: false`.
 * - falseRefusal [answerable]: answered `answerable: false`.
 * - p50/p95 [every question]: nearest-rank percentiles of the per-question wall time.
 */

const TOP = 10;

export function firstEvidenceRank(hits: RunOutput['hits'], evidence: string): number | null {
  const i = hits.slice(0, TOP).findIndex((h) => containsEvidence(h.text, evidence));
  return i < 0 ? null : i + 1;
}

export function scoreQuestion(q: EvalQuestion, run: string, out: RunOutput): QuestionScore {
  const expectAnswerable = expectsAnswer(q);
  const evidence = expectAnswerable ? (q.evidence ?? '') : '';
  const hitRank = expectAnswerable ? firstEvidenceRank(out.hits, evidence) : null;
  const first = out.citations[0] ?? out.hits[0] ?? null;
  return {
    id: q.id,
    run,
    type: q.type ?? 'untyped',
    lang: detectLang(q.question),
    expectAnswerable,
    answerable: out.answerable,
    rank: out.answerable ? hitRank : null,
    hitRank,
    cite1: expectAnswerable ? out.answerable && out.citations[0] !== undefined && containsEvidence(out.citations[0].text, evidence) : null,
    agency: expectAnswerable && q.agencies.length > 0 ? out.answerable && namesAllAgencies(out.answer ?? '', q.agencies) : null,
    ms: out.ms,
    first: first ? { doc: first.doc, section: first.section, text: first.text } : null,
  };
}

/** Nearest-rank percentile (p in 0..1) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx] ?? null;
}

function share<T>(items: readonly T[], ok: (item: T) => boolean): number | null {
  return items.length === 0 ? null : items.filter(ok).length / items.length;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const hitAt = (rank: number | null, k: number) => rank !== null && rank <= k;
const reciprocal = (rank: number | null) => (rank === null ? 0 : 1 / rank);

export function computeMetrics(scores: readonly QuestionScore[]): Metrics {
  const answerable = scores.filter((s) => s.expectAnswerable);
  const unanswerable = scores.filter((s) => !s.expectAnswerable);
  const withAgencies = answerable.filter((s) => s.agency !== null);
  const ms = scores.map((s) => s.ms);
  return {
    hit1: share(answerable, (s) => hitAt(s.rank, 1)),
    hit3: share(answerable, (s) => hitAt(s.rank, 3)),
    hit5: share(answerable, (s) => hitAt(s.rank, 5)),
    hit10: share(answerable, (s) => hitAt(s.rank, 10)),
    mrr10: mean(answerable.map((s) => reciprocal(s.rank))),
    cite1: share(answerable, (s) => s.cite1 === true),
    agency: share(withAgencies, (s) => s.agency === true),
    refusal: share(unanswerable, (s) => !s.answerable),
    falseRefusal: share(answerable, (s) => !s.answerable),
    p50ms: percentile(ms, 0.5),
    p95ms: percentile(ms, 0.95),
  };
}

function retrievalOnly(scores: readonly QuestionScore[]): RunSummary['retrieval'] {
  const answerable = scores.filter((s) => s.expectAnswerable);
  return {
    hit1: share(answerable, (s) => hitAt(s.hitRank, 1)),
    hit5: share(answerable, (s) => hitAt(s.hitRank, 5)),
    hit10: share(answerable, (s) => hitAt(s.hitRank, 10)),
    mrr10: mean(answerable.map((s) => reciprocal(s.hitRank))),
  };
}

function breakdown(scores: readonly QuestionScore[], key: (s: QuestionScore) => string): Record<string, Metrics & { n: number }> {
  const groups = new Map<string, QuestionScore[]>();
  for (const s of scores) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
  return Object.fromEntries([...groups].map(([k, group]) => [k, { n: group.length, ...computeMetrics(group) }]));
}

/** Why a question counts against a run, most serious first; null when the run got it right. */
export function missKind(s: QuestionScore): MissKind | null {
  if (!s.expectAnswerable) return s.answerable ? 'answered_unanswerable' : null;
  if (!s.answerable) return 'false_refusal';
  if (s.rank === null) return 'not_in_top10';
  if (s.rank > 1) return 'below_top1';
  if (s.agency === false) return 'agency_missing';
  return null;
}

export function listMisses(questions: readonly EvalQuestion[], scores: readonly QuestionScore[]): Miss[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const misses: Miss[] = [];
  for (const s of scores) {
    const kind = missKind(s);
    const q = byId.get(s.id);
    if (kind === null || q === undefined) continue;
    misses.push({
      id: s.id,
      run: s.run,
      kind,
      type: s.type,
      question: q.question,
      expected: { doc: q.doc, section: q.section },
      rank: s.rank,
      got: s.first,
    });
  }
  return misses;
}

export function summarizeRun(name: string, questions: readonly EvalQuestion[], scores: readonly QuestionScore[]): RunSummary {
  const answerable = scores.filter((s) => s.expectAnswerable);
  return {
    name,
    ...computeMetrics(scores),
    counts: {
      questions: scores.length,
      answerable: answerable.length,
      unanswerable: scores.length - answerable.length,
      withAgencies: answerable.filter((s) => s.agency !== null).length,
    },
    retrieval: retrievalOnly(scores),
    byType: breakdown(scores, (s) => s.type),
    byLang: breakdown(scores, (s) => s.lang),
    misses: listMisses(questions, scores),
    latencies: scores.map((s) => s.ms),
  };
}
