/**
 * Whether the plans hold an answer at all, judged on the best candidate after re-ranking.
 */
import type { PassageInfo } from './lexical.ts';
import type { PreparedQuery } from './query.ts';
import { statesTime, type Ranked, type TaskLookup } from './rerank.ts';

export interface Verdict {
  answerable: boolean;
  refusal?: 'low_score' | 'empty';
}

/**
 * Least rarity-weighted coverage of the question by the best clause for an answer (coverage
 * as rerank.ts computes it: rarity within the plans the question is scoped to when it names a
 * province or year, so the decision on such a question does not move when other provinces'
 * plans are loaded). Chosen with `npx tsx eval/calibrate.ts --sweep` on the tuning sets (dev,
 * extra, plans2025; holdouts never looked at) over four libraries: the five samples, the 17
 * plans of plans-2025, both (22), and those with plans-more (42). At 0.62:
 *   false refusals 0.000 / 0.063 / 0.034 / 0.053, refusals 0.789 / 0.750 / 0.767 / 0.837;
 * 0.58 refused 0.04–0.09 fewer unanswerable questions on every library for 0.01–0.02 fewer
 * false refusals. The README's "Refusal decision" section has the table.
 */
export const MIN_COVERAGE = 0.62;

/** Share of the question's own numbers ("24 mô hình") the best clause must contain. */
const MIN_NUMBERS = 0.5;

function numbersFound(query: PreparedQuery, passage: PassageInfo): number {
  if (query.numbers.length === 0) return 1;
  return query.numbers.filter((n) => passage.terms.has(n)).length / query.numbers.length;
}

/** Questions that ask for an amount ("bao nhiêu", "mấy lần", "how many"): folded word runs. */
const ASKS_AMOUNT = /\b(bao nhieu|may (lan|cuoc|ngay|tinh)|how (many|much)|what (percentage|share|proportion))\b/u;
/** A number of the clause's own: not a year, not part of a cited document's number or date. */
const OWN_NUMBER = /(?<![\d/.-])(?!(19|20)\d\d(?!\d))\d+(?![\d/])/u;
const CITATION = /(số|so)\s+[\p{L}\p{N}/.-]+|\d{1,2}\/\d{1,2}(\/\d{2,4})?|giai đoạn \d{4}\s*-\s*\d{4}/gu;

/** An amount asked of a clause that states none has no answer in the plans ("SIPAS đạt bao nhiêu %?"). */
export function statesAmount(text: string): boolean {
  return OWN_NUMBER.test(text.toLowerCase().replace(CITATION, ' '));
}

/**
 * The kind of amount asked for, when the question says: a share ("bao nhiêu %", "tỷ lệ …
 * bao nhiêu", "what percentage") or a sum of money ("bao nhiêu tỷ đồng", "kinh phí … bao
 * nhiêu", "how much funding"). A clause stating some other number does not answer it: "tổng
 * kinh phí bao nhiêu tỷ đồng" is not answered by "80% doanh nghiệp".
 */
const ASKS_SHARE = /(bao nhieu|may) (%|phan tram)|ty le\b.*\bbao nhieu|\bbao nhieu\b.*\bty le|what (percentage|share|proportion|rate)|how (high|large) a share|\bpercent/u;
const ASKS_MONEY = /(bao nhieu|may) (ty|trieu|nghin) dong|(kinh phi|nguon von|ngan sach|so tien)\b.*\bbao nhieu|\bbao nhieu\b.*\b(kinh phi|ty dong|trieu dong)|how much (money|funding|budget)|\b(budget|funding|billion|vnd)\b.*\bhow much|how much\b.*\b(budget|funding|cost)/u;
const STATES_SHARE = /%|phần trăm|\bpercent/u;
const STATES_MONEY = /\d[\d.,]*\s*(tỷ|triệu|nghìn|ngàn)?\s*đồng|\d[\d.,]*\s*(tỷ|triệu)\b/u;

/** Whether a clause states the kind of amount asked for (any own number when the question says no kind). */
export function statesAmountAsked(askedFolded: string, text: string): boolean {
  const lower = text.toLowerCase().replace(CITATION, ' ');
  if (ASKS_MONEY.test(askedFolded)) return STATES_MONEY.test(lower);
  if (ASKS_SHARE.test(askedFolded)) return STATES_SHARE.test(lower);
  return OWN_NUMBER.test(lower);
}

/** How many of the best candidates may supply an amount the top one lacks (the composer looks as deep). */
const AMOUNT_DEPTH = 3;

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
  if (query.intents.includes('deadline') && !statesTime(passage) && !taskByClause?.(top.id)?.deadline) return { answerable: false, refusal: 'low_score' };
  const asked = query.unscoped.join(' ');
  const hasAmount = (r: Ranked) => r.coverage >= MIN_COVERAGE && statesAmountAsked(asked, passages.get(r.id)?.text ?? '');
  if ((ASKS_AMOUNT.test(asked) || ASKS_SHARE.test(asked) || ASKS_MONEY.test(asked)) && !ranked.slice(0, AMOUNT_DEPTH).some(hasAmount)) {
    return { answerable: false, refusal: 'low_score' };
  }
  return { answerable: true };
}
