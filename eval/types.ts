/**
 * Shapes the evaluation harness works with. A `Runner` is one configuration compared (the full
 * assistant, one retrieval lane, the peer baseline); everything downstream of it is pure.
 */

/** A passage as a run returned it: enough to apply the matching rule and show a miss. */
export interface RunPassage {
  text: string;
  doc: string;
  section: string;
}

export interface RunOutput {
  answerable: boolean;
  /** Plain-text answer; retrieval-only runs answer with their top passage's text. */
  answer?: string;
  citations: RunPassage[];
  /** Retrieved candidates, best first (only the first 10 count). */
  hits: RunPassage[];
  /** Wall time of this question inside the process, as the runner measured it around its call. */
  ms: number;
}

export interface Runner {
  name: string;
  run(question: string): Promise<RunOutput>;
  /** Set when this configuration cannot run here (e.g. no embedding model): why. Never faked. */
  skipped?: string;
}

export type QuestionType =
  | 'lead_agency'
  | 'coordination'
  | 'deadline'
  | 'target'
  | 'assignment'
  | 'fact'
  | 'unanswerable';

/** One line of a question set (shared/eval/README.md). */
export interface EvalQuestion {
  id: string;
  question: string;
  type: QuestionType | null;
  province: string | null;
  year: number | null;
  doc: string | null;
  section: string | null;
  evidence: string | null;
  answer: string | null;
  agencies: string[];
}

/** How the question is written, detected from its text. */
export type QuestionLang = 'vi' | 'vi-nodiacritics' | 'en';

/** What one run did with one question, after the matching rule. */
export interface QuestionScore {
  id: string;
  run: string;
  type: string;
  lang: QuestionLang;
  /** Gold: the corpus holds the answer. */
  expectAnswerable: boolean;
  /** What the run said. */
  answerable: boolean;
  /**
   * 1-based rank of the first of the top 10 hits containing the evidence; null when none does,
   * when the question is unanswerable, or when the run refused it (a refusal shows no clause).
   */
  rank: number | null;
  /** The same rank ignoring the refusal: what retrieval alone found. */
  hitRank: number | null;
  /** First citation contains the evidence (false when refused); null for unanswerable questions. */
  cite1: boolean | null;
  /** Every gold agency named in the answer (false when refused); null when the question lists none. */
  agency: boolean | null;
  ms: number;
  /** What the run put first: first citation, else first hit. */
  first: RunPassage | null;
}

export type MissKind = 'false_refusal' | 'not_in_top10' | 'below_top1' | 'answered_unanswerable' | 'agency_missing';

export interface Miss {
  id: string;
  run: string;
  kind: MissKind;
  type: string;
  question: string;
  expected: { doc: string | null; section: string | null };
  rank: number | null;
  /** What came first instead (null when the run returned nothing). */
  got: RunPassage | null;
}

/** Headline metrics; null when the metric has no question to count (e.g. no unanswerable one). */
export interface Metrics {
  hit1: number | null;
  hit3: number | null;
  hit5: number | null;
  hit10: number | null;
  mrr10: number | null;
  cite1: number | null;
  agency: number | null;
  refusal: number | null;
  falseRefusal: number | null;
  p50ms: number | null;
  p95ms: number | null;
}

export interface Counts {
  questions: number;
  answerable: number;
  unanswerable: number;
  withAgencies: number;
}

export interface RunSummary extends Metrics {
  name: string;
  counts: Counts;
  /** hit@k and MRR@10 from the hits alone, refusals ignored. */
  retrieval: { hit1: number | null; hit5: number | null; hit10: number | null; mrr10: number | null };
  byType: Record<string, Metrics & { n: number }>;
  byLang: Record<string, Metrics & { n: number }>;
  misses: Miss[];
  /** Every question's latency, in set order, for the report's distribution chart. */
  latencies: number[];
}

/** The `--json` output of a question-set evaluation (contract: `eval` command). */
export interface EvalReport {
  set: string;
  n: number;
  runs: RunSummary[];
  questions: Array<{ id: string; run: string; rank: number | null; answerable: boolean; hitRank: number | null; cite1: boolean | null; agency: boolean | null; ms: number }>;
  skipped: Array<{ name: string; reason: string }>;
}
