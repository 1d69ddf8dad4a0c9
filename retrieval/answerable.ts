/**
 * Whether the plans hold an answer at all, judged on the best candidate after re-ranking.
 */
import type { PassageInfo } from './lexical.ts';
import type { PreparedQuery } from './query.ts';
import { ASKS_AMOUNT, ASKS_MONEY, ASKS_SHARE, statesAmountAsked } from './amounts.ts';
import { expandAbbreviations } from './analyze.ts';
import { containsRun, fold, words } from './normalize.ts';
import { asksOccasion, statesTime, type Ranked, type TaskLookup } from './rerank.ts';
import { namedAgencies } from './subject.ts';

export interface Verdict {
  answerable: boolean;
  refusal?: 'low_score' | 'empty';
}

/**
 * Least rarity-weighted coverage of the question by the best clause for an answer (coverage
 * as rerank.ts computes it: rarity within the plans the question is scoped to when it names a
 * province or year, so the decision on such a question does not move when other provinces'
 * plans are loaded). Chosen with `npx tsx eval/calibrate.ts --sweep` on the tuning sets (dev,
 * extra, plans2025, plansmore; holdouts never looked at) over five libraries: the five samples,
 * the 17 plans of plans-2025, the 20 of plans-more, samples + plans-2025 (22), and all 42. At 0.62
 * (re-measured in session 3): false refusals 0.000 / 0.028 / 0.032 / 0.015 / 0.025, refusals
 * 0.789 / 0.833 / 0.941 / 0.814 / 0.833; 0.58 refused 0.05–0.11 fewer unanswerable questions on
 * every library for 0.01–0.02 fewer false refusals. The README's "Refusal decision" section has the table.
 */
export const MIN_COVERAGE = 0.62;

/** Share of the question's own numbers ("24 mô hình") the best clause must contain. */
const MIN_NUMBERS = 0.5;

function numbersFound(query: PreparedQuery, passage: PassageInfo): number {
  if (query.numbers.length === 0) return 1;
  return query.numbers.filter((n) => passage.terms.has(n)).length / query.numbers.length;
}

/** How many of the best candidates may supply an amount the top one lacks (the composer looks as deep), from the top one's plan. */
const AMOUNT_DEPTH = 3;

/** How many of the best candidates are searched for the agency an assignment question names. */
const AGENCY_DEPTH = 10;

/**
 * Whether the agency a Vietnamese question asks the duties of ("Công an tỉnh được giao nhiệm vụ
 * gì?") is named at all by the best candidates (their text, headings, or task): a plan that
 * never mentions it assigns it nothing.
 */
function agencyMentioned(query: PreparedQuery, ranked: readonly Ranked[], passages: ReadonlyMap<string, PassageInfo>, taskByClause?: TaskLookup): boolean {
  // A document number's "KH-UBND" reads as an agency too: any agency named will do.
  const runs = query.terms.english ? [] : namedAgencies(query.subjectWords);
  if (runs.length === 0) return true;
  return ranked.slice(0, AGENCY_DEPTH).some((r) => {
    const p = passages.get(r.id);
    if (!p) return false;
    const task = taskByClause?.(r.id);
    const texts = [p.text, ...p.breadcrumb, ...(task ? [...task.lead, ...task.coordinators] : [])];
    return texts.some((t) => {
      const ws = expandAbbreviations(words(t)).words.map(fold);
      return runs.some((run) => containsRun(ws, run));
    });
  });
}

export function answerability(
  query: PreparedQuery,
  ranked: readonly Ranked[],
  passages: ReadonlyMap<string, PassageInfo>,
  taskByClause?: TaskLookup,
): Verdict {
  const top = ranked[0];
  const passage = top && passages.get(top.id);
  if (!top || !passage) return { answerable: false, refusal: 'empty' };
  if (top.coverage < MIN_COVERAGE || numbersFound(query, passage) < MIN_NUMBERS) return { answerable: false, refusal: 'low_score' };
  // A "by when" question whose best clause states no time at all has no answer in the plans.
  if (query.intents.includes('deadline') && !statesTime(passage, asksOccasion(query.unscoped)) && !taskByClause?.(top.id)?.deadline) return { answerable: false, refusal: 'low_score' };
  if (query.intents.includes('assignment') && !agencyMentioned(query, ranked, passages, taskByClause)) return { answerable: false, refusal: 'low_score' };
  const asked = query.unscoped.join(' ');
  // Another plan's figure does not answer a question about this one ("KH 172 … bao nhiêu tỷ đồng?").
  const hasAmount = (r: Ranked) => {
    const p = passages.get(r.id);
    return r.coverage >= MIN_COVERAGE && p?.docId === passage.docId && statesAmountAsked(asked, p.text, query.countedUnit);
  };
  if ((ASKS_AMOUNT.test(asked) || ASKS_SHARE.test(asked) || ASKS_MONEY.test(asked)) && !ranked.slice(0, AMOUNT_DEPTH).some(hasAmount)) {
    return { answerable: false, refusal: 'low_score' };
  }
  return { answerable: true };
}
