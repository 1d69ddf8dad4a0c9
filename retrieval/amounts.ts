/**
 * Amounts a question asks for and a clause states: a share ("bao nhiêu %"), a sum of money
 * ("bao nhiêu tỷ đồng"), or any number of the clause's own. Used by the re-ranker (a "how
 * much" question prefers a clause stating the kind of amount asked) and by the refusal
 * decision (a clause stating none does not answer it).
 */

import { expandAbbreviations } from './analyze.ts';
import { fold, words } from './normalize.ts';

/** Questions that ask for an amount ("bao nhiêu", "mấy lần", "how many"): folded word runs. */
export const ASKS_AMOUNT = /\b(bao nhieu|may (lan|cuoc|ngay|tinh)|how (many|much)|what (percentage|share|proportion))\b/u;
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
export const ASKS_SHARE = /(bao nhieu|may) (%|phan tram)|ty le\b.*\bbao nhieu|\bbao nhieu\b.*\bty le|what( \w+){0,2} (percentage|share|proportion|rate)\b|how (high|large) a share|\bpercent/u;
export const ASKS_MONEY = /(bao nhieu|may) ((ty|trieu|nghin) dong|von|kinh phi|ngan sach|tien)\b|(kinh phi|nguon von|ngan sach|so tien)\b.*\bbao nhieu|\bbao nhieu\b.*\b(kinh phi|ty dong|trieu dong)|how much (money|funding|budget)|\b(budget|funding|billion|vnd)\b.*\bhow much|how much\b.*\b(budget|funding|cost)|\bwhat( \w+){0,2} (budget|funding|total cost)\b/u;
const STATES_SHARE = /%|phần trăm|\bpercent/u;
const STATES_MONEY = /\d[\d.,]*\s*(tỷ|triệu|nghìn|ngàn)?\s*đồng|\d[\d.,]*\s*(tỷ|triệu)\b/u;

/** "bao nhiêu …", "mấy …": "may" typed without marks is as often "máy" (a machine) as "mấy", so only "mấy" counts. */
const COUNTED = /(?:^|[^\p{L}])(?:bao\s+nhi[eê]u|mấy)\s+([^\s?.,;:!]+)/u;
const NOT_COUNTED = new Set(['la', 'thi', 'va', 'cua', 'duoc', 'de', 'o', 'tai', 'trong', 'den', 'phan', 'von', 'kinh', 'ngan', 'tien', 'ty', 'trieu', 'nghin', 'nam', 'thang', 'ngay', 'gio', 'muc', 'so', 'chi', 'tieu']);

/** Small numbers written out, folded ("một lần", "hai đợt"). */
const NUMBER_WORDS = new Set(['mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi']);

/**
 * What a Vietnamese "how many" counts, folded: the word after "bao nhiêu"/"mấy" in the
 * question as typed ("bao nhiêu tấn" → "tan", "bao nhiêu DN" → "doanh", "mấy lần" → "lan");
 * null when none is said or it is no unit ("bao nhiêu %", "bao nhiêu là", a sum of money,
 * which have rules of their own).
 */
export function countedUnit(question: string): string | null {
  const word = COUNTED.exec(question.normalize('NFC').toLowerCase())?.[1];
  if (!word || !/^\p{L}+$/u.test(word)) return null;
  const unit = expandAbbreviations([word]).words.map(fold)[0] ?? null;
  return unit && !NOT_COUNTED.has(unit) ? unit : null;
}

/**
 * Whether a clause states the kind of amount asked for (any own number when the question says
 * no kind). A count of something ("bao nhiêu tấn") needs a number and the thing counted: "sản
 * lượng khai thác … tăng 5%" does not say how many tonnes.
 */
export function statesAmountAsked(askedFolded: string, text: string, unit: string | null = null): boolean {
  const lower = text.toLowerCase().replace(CITATION, ' ');
  if (ASKS_MONEY.test(askedFolded)) return STATES_MONEY.test(lower);
  if (ASKS_SHARE.test(askedFolded)) return STATES_SHARE.test(lower);
  // "may lần" typed without marks is still a count of times: ASKS_AMOUNT takes it as one.
  unit ??= /\bmay (lan|cuoc)\b/u.exec(askedFolded)?.[1] ?? null;
  if (unit === null) return OWN_NUMBER.test(lower);
  // The clause's abbreviations expanded as the question's are ("DN" → doanh nghiệp).
  const folded = expandAbbreviations(words(lower)).words.map(fold);
  // "1lần/năm": a number glued to its unit; "tối thiểu một lần/năm": a number in words before it.
  const units = folded.flatMap((w, i) => (w.replace(/^\d+/, '') === unit ? [i] : []));
  return units.length > 0 && (OWN_NUMBER.test(lower) || units.some((i) => NUMBER_WORDS.has(folded[i - 1] ?? '')));
}

/** Whether the question asks for a share or a sum of money (folded words of its own, scope words removed). */
export function asksAmountKind(askedFolded: string): boolean {
  return ASKS_SHARE.test(askedFolded) || ASKS_MONEY.test(askedFolded);
}
