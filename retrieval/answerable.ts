/**
 * Whether the plans hold an answer at all, judged on the best candidate after re-ranking.
 */
import type { PassageInfo } from './lexical.ts';
import type { PreparedQuery } from './query.ts';
import { statesTime, type Ranked } from './rerank.ts';

export interface Verdict {
  answerable: boolean;
  refusal?: 'low_score' | 'empty';
}

/**
 * Least rarity-weighted coverage of the question by the best clause for an answer. Measured
 * with `dev-check.ts --calibrate` on the 51 dev questions: answerable ones bottom out at
 * 0.375, unanswerable ones in scope reach 0.298 (a third, 0.55, is caught by the time rule
 * below); 0.33 sits in that gap: refusal 1.00, false refusals 0.00 on the dev set.
 */
export const MIN_COVERAGE = 0.33;

/** Share of the question's own numbers ("24 mô hình") the best clause must contain. */
const MIN_NUMBERS = 0.5;

function numbersFound(query: PreparedQuery, passage: PassageInfo): number {
  if (query.numbers.length === 0) return 1;
  return query.numbers.filter((n) => passage.terms.has(n)).length / query.numbers.length;
}

export function answerability(query: PreparedQuery, top: Ranked | undefined, passages: ReadonlyMap<string, PassageInfo>): Verdict {
  const passage = top && passages.get(top.id);
  if (!top || !passage) return { answerable: false, refusal: 'empty' };
  if (top.coverage < MIN_COVERAGE || numbersFound(query, passage) < MIN_NUMBERS) return { answerable: false, refusal: 'low_score' };
  // A "by when" question whose best clause states no time at all has no answer in the plans.
  if (query.intents.includes('deadline') && !statesTime(passage)) return { answerable: false, refusal: 'low_score' };
  return { answerable: true };
}
