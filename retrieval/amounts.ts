/**
 * Amounts a question asks for and a clause states: a share ("bao nhiêu %"), a sum of money
 * ("bao nhiêu tỷ đồng"), or any number of the clause's own. Used by the re-ranker (a "how
 * much" question prefers a clause stating the kind of amount asked) and by the refusal
 * decision (a clause stating none does not answer it).
 */

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
export const ASKS_MONEY = /(bao nhieu|may) ((ty|trieu|nghin) dong|von|kinh phi|ngan sach|tien)\b|(kinh phi|nguon von|ngan sach|so tien)\b.*\bbao nhieu|\bbao nhieu\b.*\b(kinh phi|ty dong|trieu dong)|how much (money|funding|budget)|\b(budget|funding|billion|vnd)\b.*\bhow much|how much\b.*\b(budget|funding|cost)/u;
const STATES_SHARE = /%|phần trăm|\bpercent/u;
const STATES_MONEY = /\d[\d.,]*\s*(tỷ|triệu|nghìn|ngàn)?\s*đồng|\d[\d.,]*\s*(tỷ|triệu)\b/u;

/** Whether a clause states the kind of amount asked for (any own number when the question says no kind). */
export function statesAmountAsked(askedFolded: string, text: string): boolean {
  const lower = text.toLowerCase().replace(CITATION, ' ');
  if (ASKS_MONEY.test(askedFolded)) return STATES_MONEY.test(lower);
  if (ASKS_SHARE.test(askedFolded)) return STATES_SHARE.test(lower);
  return OWN_NUMBER.test(lower);
}

/** Whether the question asks for a share or a sum of money (folded words of its own, scope words removed). */
export function asksAmountKind(askedFolded: string): boolean {
  return ASKS_SHARE.test(askedFolded) || ASKS_MONEY.test(askedFolded);
}
