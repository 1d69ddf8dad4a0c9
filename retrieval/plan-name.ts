/**
 * How a question names the plan it is about ("theo KH CCHC 2022", "KH thực hiện NQ 02",
 * "under the 2022 CCHC plan"): the plan kinds named, and the words that only name the plan.
 * Those words are taken out of the search terms, or they would pull up the title block of
 * every plan instead of the clause asked about.
 */
import kindData from './data/plan-kinds.json' with { type: 'json' };
import { fold } from './normalize.ts';

export type Span = [start: number, end: number];

/** Cue words folded as question words are ("02" → "2"), so "NQ 02" meets the question's tokens. */
const phrases = (list: readonly string[]) => list.map((p) => p.split(' ').map(fold));
const KIND_CUES: Array<[string, string[][]]> = Object.entries(kindData.kinds).map(([k, v]) => [k, phrases(v)]);
/** Kinds whose cue is a resolution's name ("NQ 02"): it names the plan wherever it stands. */
const ALWAYS_A_NAME = new Set(kindData.alwaysName);
/** Words for "plan", folded. */
const PLAN_WORDS = phrases(['kh', 'ke hoach', 'plan', 'ke hoach thuc hien', 'kh thuc hien', 'ke hoach hanh dong', 'action plan']);
/** Words before "plan" that mark it as the plan asked about, not a plan as a topic. */
const PLAN_LEADS = new Set(['theo', 'under', 'cua', 'in', 'trong', 'the']);

function occurrences(folded: readonly string[], phrase: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i + phrase.length <= folded.length; i++) {
    if (phrase.every((w, j) => folded[i + j] === w)) spans.push([i, i + phrase.length]);
  }
  return spans;
}

function longestAt(folded: readonly string[], list: readonly string[][]): Span[] {
  return list.flatMap((p) => occurrences(folded, p)).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

export interface PlanName {
  kinds: string[];
  /** Token spans that only name the plan. */
  spans: Span[];
}

/** `scope` are spans already known to name the plan's province or year. */
export function planName(folded: readonly string[], scope: readonly Span[]): PlanName {
  const kinds: string[] = [];
  const kindSpans: Array<{ kind: string; span: Span }> = [];
  for (const [kind, cues] of KIND_CUES) {
    const found = longestAt(folded, cues);
    if (found.length === 0) continue;
    kinds.push(kind);
    kindSpans.push(...found.map((span) => ({ kind, span })));
  }
  const plans = longestAt(folded, PLAN_WORDS);
  const touches = (a: Span, b: Span) => a[1] === b[0] || b[1] === a[0];
  const spans: Span[] = [];
  for (const { kind, span } of kindSpans) {
    const named = ALWAYS_A_NAME.has(kind) || plans.some((p) => touches(p, span)) || folded[span[1]] === 'plan';
    if (named) spans.push(span);
  }
  for (const p of plans) {
    const anchored = [...spans, ...scope].some((s) => touches(p, s)) || PLAN_LEADS.has(folded[p[0] - 1] ?? '');
    if (anchored) spans.push(p);
  }
  return { kinds, spans };
}
