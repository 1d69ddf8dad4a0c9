/**
 * Structure-aware re-ranking of fused candidates: how much of the question a clause covers
 * (weighted by rarity), whether it carries what the question asks for (a lead agency for
 * "who leads", a date for "by when", a number for "how many"), and whether an agency the
 * question names is the clause's own.
 */
import { ASKS_AMOUNT, asksAmountKind, statesAmount, statesAmountAsked } from './amounts.ts';
import { ALTERNATIVES, expandAbbreviations } from './analyze.ts';
import type { Fused } from './fusion.ts';
import type { PassageInfo, TermStats } from './lexical.ts';
import { containsRun, fold, words } from './normalize.ts';
import { PROVINCES, type ProvinceAlias } from './provinces.ts';
import { DUTY_WORDS, type Intent, type PreparedQuery } from './query.ts';
import { addressesLocalities } from './scope.ts';
import { asksBackMatter, structureFactor } from './structure.ts';
import { dutyFit, namesAgency, subjectFit } from './subject.ts';

export interface TaskAgencies {
  lead: string[];
  coordinators: string[];
  /** The task's deadline, which may be stated in a field beside the clause ("Thời gian thực hiện: …"). */
  deadline?: { text: string } | null;
}

export type TaskLookup = (clauseId: string) => TaskAgencies | undefined;

export interface RerankContext {
  query: PreparedQuery;
  passages: ReadonlyMap<string, PassageInfo>;
  /**
   * Term rarity: among the plans the question is scoped to when it names a province or year
   * (lexical.ts scopedStats), else over the whole library.
   */
  stats: TermStats;
  taskByClause?: TaskLookup | undefined;
  /** Plan kind of each document, for questions naming one ("KH CCHC"). */
  docKinds: ReadonlyMap<string, string | null>;
  /** National documents admitted to a province's question (scope.ts): only their clauses that address the provinces count. */
  national?: ReadonlySet<string>;
  /** Only the national clauses that name the province asked about count (it has no plan of its own: scope.ts placeOnly). */
  placeOnly?: boolean;
  /** Each document's own number ("2530"), for questions naming a plan by it ("theo QĐ 2530", "KH 144"). */
  docNumbers?: ReadonlyMap<string, string>;
  /** The terms of a document's name (title, number, year, period): questions name the plan by them. */
  planNameTerms?: (docId: string) => ((term: string) => boolean) | undefined;
}

export interface Ranked extends Fused {
  score: number;
  /** Rarity-weighted share of the question's words and bigrams the clause holds, in [0, 1]. */
  coverage: number;
}

/**
 * Multiplicative boosts, hand-set and checked on the dev questions (dev-check.ts, lexical
 * lane, no task lookup): halving or doubling coverage, intent, agency or kind moved hit@1 by
 * nothing (0.915); subject is the one that counts (0.15 or 0 → hit@1 0.894).
 */
const W = {
  coverage: 1.0,
  intent: 0.15,
  agency: 0.25,
  subject: 0.3,
  kind: 0.15,
  named: 0.3,
  organisation: 0.5,
};

/**
 * Coverage weighs as the cube of (1 + coverage): a clause holding all of the question's rare
 * words is ~2.4× one holding 60% of them, where the keyword score alone often has it the
 * other way round (long clauses repeating the plan's topic). Chosen on the tuning sets
 * (plans2025, plansmore, dev, extra; holdouts not looked at): powers 1 / 1.5 / 2 / 3 / 4 gave
 * hit@1 0.799 / 0.806 / 0.813 / 0.819 / 0.813 on plans2025 and 0.742 / 0.742 / 0.742 / 0.753 /
 * 0.753 on plansmore, the samples unchanged or better.
 */
const COVERAGE_POWER = 3;

/**
 * A ranked clause's score with coverage weighing once, as before COVERAGE_POWER: the scale
 * on which "near-equal answers" (provinces-choice.ts) were calibrated.
 */
export function linearScore(r: Ranked): number {
  return r.score / (1 + W.coverage * r.coverage) ** (COVERAGE_POWER - 1);
}

/**
 * A question naming an agency and asking what it must do: that agency's clause (dutyFit 1) is
 * raised, a clause tasking another agency (-1) lowered, one tasking nobody in particular (0) kept.
 */
const DUTY: Record<number, number> = { 1: 2, 0: 0.8, [-1]: 0.6 };

/**
 * Share of its score a national plan's clause keeps in a province's question: the province's
 * own plan answers first when it answers as well.
 */
const NATIONAL_FACTOR = 0.85;

/** Dates and periods: "ngày 01/12/2022", "trước ngày 15/12", "tháng 6", "định kỳ", "hằng quý", "trong năm 2024". */
const DATE = /\d{1,2}\/\d{1,2}(\/\d{2,4})?|trước ngày|từ ngày|chậm nhất|tháng \d|quý [iv\d]|định kỳ|(hằng|hàng) (quý|tháng|năm|tuần)|thời hạn|thời gian (thực hiện|hoàn thành)|(trong|trước|đến|cuối|hoàn thành|từ|sau) (năm|quý|tháng) |giai đoạn (19|20)\d\d|năm (19|20)\d\d|(19|20)\d\d\s*[-–]\s*(19|20)\d\d|sau khi|thường xuyên|kịp thời|hằng năm|hàng năm/u;
/** Quantities: "80%", "tối thiểu 60", "ít nhất 02 cuộc", "không quá 01 lần". */
const QUANTITY = /\d\s*%|tối thiểu|tối đa|ít nhất|không quá|dưới \d|trên \d|\d+ (lần|cuộc|ngày|tỉnh|người)|nhóm \d+/u;
const LEAD = /chủ trì|đầu mối|làm đầu mối|chịu trách nhiệm|được giao|giao /u;
const COORDINATE = /phối hợp|cùng với/u;

/** The highest score rerank() can give (every factor at its maximum): hit scores are divided by it. */
export const MAX_SCORE = (1 + W.coverage) ** COVERAGE_POWER * (1 + W.intent) * (1 + W.agency) * (1 + W.subject) * (1 + W.kind) * (1 + W.named) * (1 + W.organisation);

export function idf(stats: TermStats, term: string): number {
  const df = stats.df(term);
  return Math.log(1 + (stats.passages - df + 0.5) / (df + 0.5));
}

/**
 * One thing a question says, weighted by rarity: a word, or the Vietnamese renderings of one
 * English phrase (alternatives, any of which says it), or a syllable pair.
 */
export interface Slot {
  /** Alternatives, each a list of terms with their weights; a plain word is one alternative of one term. */
  alternatives: ReadonlyArray<ReadonlyArray<readonly [string, number]>>;
  weight: number;
}

/** A question's telling words and bigrams with their weights: computed once per query, not per candidate. */
export interface CoverageTerms {
  words: readonly Slot[];
  bigrams: readonly Slot[];
}

/**
 * How much a syllable pair is one word: its document frequency over that of its rarer
 * syllable. "chủ trì", "chiến lược" are near 1; two words that merely meet in a question
 * ("trì việc", "soát lại", "dữ liệu của") are near 0. A chance pair is rare, so its rarity
 * weight alone would count it as a telling term that every clause lacks, and more so the more
 * plans are loaded (each new plan may hold the odd pair once): cohesion keeps the refusal
 * decision from depending on which plans happen to be loaded.
 */
export function cohesion(stats: TermStats, bigram: string): number {
  const [a, b] = bigram.split('_');
  if (!a || !b) return 0;
  const least = Math.min(stats.df(a), stats.df(b));
  return least > 0 ? Math.min(1, stats.df(bigram) / least) : 0;
}

const single = (term: string, weight: number): Slot => ({ alternatives: [[[term, weight]]], weight });

/**
 * Terms that count towards coverage: telling ones (not duty words), minus those no passage
 * can hold. A bigram found nowhere in the index is mostly two words side by side across a
 * word boundary ("nghiep_fdi"), and an English word the glossary missed says nothing of the
 * plans; both would only dilute every candidate's coverage alike. A Vietnamese word found
 * nowhere still counts: the plans not knowing it is what refusals rest on.
 */
export function coverageTerms(query: PreparedQuery, stats: TermStats): CoverageTerms {
  const untranslated = new Set(query.terms.untranslated);
  const telling = (term: string) => !term.split('_').some((w) => DUTY_WORDS.has(w));
  const known = (term: string) => stats.df(term) > 0;
  const counted = (t: string) => telling(t) && (known(t) || !untranslated.has(t));
  const words: Slot[] = [];
  const seen = new Set<string>();
  // English phrase → alternative → its terms.
  const phrases = new Map<number, Map<number, Array<readonly [string, number]>>>();
  query.terms.content.forEach((t, i) => {
    if (!counted(t)) return;
    const group = query.terms.contentGroups[i] ?? -1;
    if (group < 0) {
      if (!seen.has(t)) words.push(single(t, idf(stats, t)));
      seen.add(t);
      return;
    }
    const phrase = Math.floor(group / ALTERNATIVES);
    const alternatives = phrases.get(phrase) ?? new Map<number, Array<readonly [string, number]>>();
    phrases.set(phrase, alternatives);
    const terms = alternatives.get(group) ?? [];
    if (!terms.some(([x]) => x === t)) terms.push([t, idf(stats, t)] as const);
    alternatives.set(group, terms);
  });
  // An English phrase weighs as its plainest rendering's words do, on average.
  for (const alternatives of phrases.values()) {
    const list = [...alternatives.values()];
    const mean = (terms: ReadonlyArray<readonly [string, number]>) => terms.reduce((s, [, w]) => s + w, 0) / terms.length;
    words.push({ alternatives: list, weight: Math.min(...list.map(mean)) });
  }
  const bigrams = [...new Set(query.terms.bigrams.filter((t) => telling(t) && known(t)))]
    .map((t) => single(t, idf(stats, t) * cohesion(stats, t)))
    .filter((slot) => slot.weight > 0);
  return { words, bigrams };
}

/**
 * How much of a slot a passage says: a word, all or nothing; an English phrase, its best
 * alternative, where half of its words is enough (glossary entries may still run two synonyms
 * together: "mục tiêu phấn đấu"; with every word required, false refusals of English questions
 * on plans-2025 went from 0.069 to 0.090 with no refusal gained).
 */
function slotFound(slot: Slot, has: (term: string) => boolean): number {
  let best = 0;
  for (const terms of slot.alternatives) {
    let total = 0;
    let found = 0;
    for (const [t, w] of terms) {
      total += w;
      if (has(t)) found += w;
    }
    if (total > 0) best = Math.max(best, Math.min(1, (2 * found) / total));
    if (best === 1) break;
  }
  return best;
}

/**
 * What a question asks of a task in the words of a plan's table columns ("do ai chủ trì", "phối
 * hợp với ai", "thời gian thực hiện"), folded: a table row says them by its columns, not in its
 * text, so a row holds them all.
 */
const ROLE_TERMS = new Set(['chu', 'tri', 'chu_tri', 'phoi', 'hop', 'phoi_hop', 'thoi', 'gian', 'thoi_gian', 'han', 'thoi_han', 'dau', 'moi', 'dau_moi']);

/**
 * The words of a question asking a bound ("tối đa bao nhiêu", "tối thiểu mấy lần"), folded: a
 * clause saying "dưới 50%", "không quá", "ít nhất" says them in its figure. ("Tỷ lệ" is not
 * taken as said by any "%": that answered questions about a rate the plans do not set, from a
 * clause setting another: refusals 0.79 → 0.75 on plans2025.)
 */
const BOUND_TERMS = new Set(['toi', 'da', 'thieu', 'toi_da', 'toi_thieu']);
const BOUND = /tối đa|tối thiểu|ít nhất|không quá|không dưới|(dưới|trên|vượt) \d|[≥≤<>]/u;

/** Whether a passage says a question's term, in its words or, for role and bound words, in its form. */
function says(passage: PassageInfo): (term: string) => boolean {
  const row = passage.kind === 'row';
  let bound: boolean | undefined;
  return (t) => {
    if (passage.terms.has(t) || (row && ROLE_TERMS.has(t))) return true;
    if (BOUND_TERMS.has(t)) return (bound ??= BOUND.test(passage.text.toLowerCase()));
    return false;
  };
}

/**
 * Rarity-weighted share of the slots found in the passage. A slot the passage lacks but its
 * plan's own name holds ("KH 308", "kinh tế số" of the plan on the digital economy) names the
 * plan asked about, not something the clause must say: it counts neither way.
 */
function share(slots: readonly Slot[], passage: PassageInfo, named?: (term: string) => boolean): number {
  let total = 0;
  let found = 0;
  const has = says(passage);
  for (const slot of slots) {
    const f = slotFound(slot, has);
    if (f === 0 && named && slotFound(slot, named) > 0) continue;
    total += slot.weight;
    found += slot.weight * f;
  }
  return total > 0 ? found / total : 0;
}

/** Rarity-weighted share of the question's words (0.6) and bigrams (0.4) found in the passage; `named`: the terms of its plan's name. */
export function coverage(terms: CoverageTerms, passage: PassageInfo, named?: (term: string) => boolean): number {
  const uni = share(terms.words, passage, named);
  return terms.bigrams.length > 0 ? 0.6 * uni + 0.4 * share(terms.bigrams, passage, named) : uni;
}

/**
 * Spans whose dates are not the clause's own: quoted titles ("Đề án “... giai đoạn 2022 -
 * 2025”") and the signing dates of documents cited ("Nghị quyết số 43/2022/NQ-HĐND ngày 09/12/2022").
 */
const CITED =
  /“[^”]*”|"[^"]*"|số\s+[\p{L}\p{N}/.-]+\s+ngày\s+(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})|(?:bộ luật|luật)\s[^.;,]{0,80}?năm\s+\d{4}/gu;

/** "Khi nào …?", "lúc nào …?" (folded words): asked of an event, answered by its occasion ("khi VN_AQI ≥ 300") as well as by a date. */
export function asksOccasion(folded: readonly string[]): boolean {
  return folded.some((w, i) => w === 'nao' && (folded[i - 1] === 'khi' || folded[i - 1] === 'luc'));
}

const OCCASION = /(?<![\p{L}])khi\s/u;

/** Whether a clause states a time of its own: a date, a period, a recurring schedule; `occasion`: or the event that sets it off. */
export function statesTime(passage: PassageInfo, occasion = false): boolean {
  const own = passage.text.toLowerCase().replace(CITED, ' ');
  // A table row states its time in a column of its own: a bare "2025" or "2026-2030".
  return DATE.test(own) || (passage.kind === 'row' && /(?<![\d/.])(19|20)\d\d(?![\d/])/.test(own)) || (occasion && OCCASION.test(own));
}

/** `askedKind`: the question's own folded words when it asks for a share or a sum of money (amounts.ts). */
function intentFit(intent: Intent, passage: PassageInfo, task: TaskAgencies | undefined, askedKind: string | undefined, asksCount: boolean, occasion: boolean): number {
  const text = passage.text.toLowerCase();
  switch (intent) {
    case 'lead':
      return task && task.lead.length > 0 ? 1 : LEAD.test(text) ? 0.7 : 0;
    case 'coordinate':
      return task && task.coordinators.length > 0 ? 1 : COORDINATE.test(text) ? 0.8 : 0;
    case 'deadline':
      return statesTime(passage, occasion) ? 1 : 0;
    case 'target':
      // "Bao nhiêu %", "bao nhiêu tỷ đồng": a clause stating another kind of number ("Kế hoạch số 64") is a weaker fit.
      if (askedKind !== undefined && !statesAmountAsked(askedKind, passage.text)) return 0.3;
      // A table row holds its figure in a column ("% Tối thiểu 85"); a group row without one only names the indicator.
      // "Bao nhiêu thủ tục?" is answered by a number of the clause's own ("43 thủ tục").
      return QUANTITY.test(text) || (passage.kind === 'row' && /\d/.test(text)) || (asksCount && statesAmount(passage.text)) ? 1 : 0;
    case 'assignment':
      return task ? 1 : LEAD.test(text) ? 0.5 : 0;
  }
}

/** Agency names recur across thousands of tasks: each analysed once (bounded, names are few). */
const agencyCache = new Map<string, string[]>();

/**
 * Words that vary between mentions of the same agency: the head's title ("Thủ trưởng các
 * sở", "Chủ tịch UBND") and "các". "Sở, ban, ngành" is also written "sở, ngành".
 */
const TITLE_RUNS = [['thu', 'truong'], ['chu', 'tich'], ['giam', 'doc'], ['lanh', 'dao']];

export function agencyKey(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const title = TITLE_RUNS.find((run) => run.every((w, j) => ws[i + j] === w));
    if (title) {
      i += title.length - 1;
      continue;
    }
    if (ws[i] === 'cac' || (ws[i] === 'ban' && ws[i - 1] === 'so' && ws[i + 1] === 'nganh')) continue;
    out.push(ws[i]!);
  }
  return out;
}

function agencyWords(name: string): string[] {
  const cached = agencyCache.get(name);
  if (cached) return cached;
  const ws = agencyKey(expandAbbreviations(words(name)).words.map(fold));
  const result = ws.at(-1) === 'tinh' ? ws.slice(0, -1) : ws;
  if (agencyCache.size >= 10_000) agencyCache.clear();
  agencyCache.set(name, result);
  return result;
}

/** Whether an agency of the clause's task is named in the question (folded, abbreviations expanded). */
function agencyNamed(query: PreparedQuery, questionKey: readonly string[], task: TaskAgencies | undefined): number {
  if (!task) return 0;
  const named = (names: string[]) =>
    names.some((n) => {
      const ws = agencyWords(n);
      return ws.length >= 2 && containsRun(questionKey, ws);
    });
  return named(task.lead) ? 1 : named(task.coordinators) ? 0.5 : 0;
}

/** Documents the question names by number: "KH 144", "QĐ 2530", "Kế hoạch số 308". */
export function namedDocuments(query: PreparedQuery, numbers: ReadonlyMap<string, string> | undefined): Set<string> {
  const named = new Set<string>();
  if (!numbers || query.docNumbers.length === 0) return named;
  for (const [doc, n] of numbers) if (query.docNumbers.includes(n)) named.add(doc);
  return named;
}

/**
 * Whether a national document's clause may answer a province's question: always when the
 * question names the document, else only a clause turned to the provinces. A clause that names
 * the province asked about ("vùng phát thải thấp tại Hà Nội và Thành phố Hồ Chí Minh", "các
 * tỉnh xung quanh Hà Nội (… Bắc Ninh …)") is the national plan's word to that province and
 * ranks above its clauses for every province.
 */
function nationalFit(passage: PassageInfo, ctx: RerankContext, named: ReadonlySet<string>, asked: readonly ProvinceAlias[]): number {
  if (!ctx.national?.has(passage.docId)) return 1;
  if (asked.length > 0 && namesPlace(passage.text, asked)) return NAMES_PROVINCE;
  if (ctx.placeOnly) return 0;
  if (named.has(passage.docId) || ctx.query.nationalCue) return 1;
  return addressesLocalities(passage.text, passage.breadcrumb) ? NATIONAL_FACTOR : 0;
}

/** A national clause naming the province asked about: its score is raised by this factor. */
const NAMES_PROVINCE = 1.2;

function namesPlace(text: string, aliases: readonly ProvinceAlias[]): boolean {
  const folded = words(text).map(fold);
  return aliases.some((a) => a.folded.length > 1 && containsRun(folded, a.folded));
}

/** Every way of writing the provinces a question is scoped to (multi-word ones: "HN" would match too much). */
function askedAliases(query: PreparedQuery): ProvinceAlias[] {
  const wanted = new Set(query.filters.provinces);
  return PROVINCES.filter((p) => wanted.has(p.name)).flatMap((p) => p.aliases);
}

/** Share of the question's word weight that the plan's own name holds: near 1, the question is about the plan as a whole. */
export function planNameShare(slots: readonly Slot[], named: ((term: string) => boolean) | undefined): number {
  if (!named) return 0;
  let total = 0;
  let inName = 0;
  for (const slot of slots) {
    total += slot.weight;
    if (slotFound(slot, named) > 0) inName += slot.weight;
  }
  return total > 0 ? inName / total : 0;
}

/** "IV. TỔ CHỨC THỰC HIỆN": the part of a plan that says who leads, monitors and reports on it. */
const ORGANISATION = ['to', 'chuc', 'thuc', 'hien'];
const PLAN_ITSELF = /kế hoạch|chương trình|đề án|cơ quan chủ trì|cơ quan thường trực|đầu mối/u;

/**
 * A question whose words are mostly the plan's own name and that asks who ("cơ quan nào chủ
 * trì KH triển khai QĐ 06 …", "who monitors the plan") asks about the plan itself: its answer is
 * in the organisation part ("Sở Tài chính (cơ quan chủ trì): chủ trì … theo dõi, đôn đốc thực
 * hiện Kế hoạch"), which its other clauses outscore on the plan's name alone.
 */
export function organisationFit(passage: PassageInfo, planShare: number, intents: readonly Intent[]): number {
  if (planShare < PLAN_LEVEL_SHARE || !(asksWhoOrWhat(intents))) return 0;
  const inOrganisation = passage.breadcrumb.some((h) => containsRun(words(h).map(fold), ORGANISATION));
  return inOrganisation && PLAN_ITSELF.test(passage.text.toLowerCase()) ? 1 : 0;
}

const PLAN_LEVEL_SHARE = 0.6;
const asksWhoOrWhat = (intents: readonly Intent[]) => intents.includes('lead') || intents.includes('coordinate') || intents.includes('assignment');

export function rerank(candidates: readonly Fused[], ctx: RerankContext): Ranked[] {
  const { query } = ctx;
  const kinds = new Set(query.filters.kinds);
  const named = namedDocuments(query, ctx.docNumbers);
  const terms = coverageTerms(query, ctx.stats);
  const wantsBack = asksBackMatter(query.terms.sequence);
  const questionKey = agencyKey(query.terms.sequence);
  const asked = ctx.national && ctx.national.size > 0 ? askedAliases(query) : [];
  const ownWords = query.unscoped.join(' ');
  const askedKind = asksAmountKind(ownWords) ? ownWords : undefined;
  const asksCount = ASKS_AMOUNT.test(ownWords);
  const occasion = asksOccasion(query.unscoped);
  const asksDuty = query.intents.includes('assignment') && namesAgency(query.subjectWords);
  const ranked: Ranked[] = [];
  for (const c of candidates) {
    const passage = ctx.passages.get(c.id);
    if (!passage) continue;
    const national = nationalFit(passage, ctx, named, asked);
    if (national === 0) continue;
    const task = ctx.taskByClause?.(c.id);
    const planName = ctx.planNameTerms?.(passage.docId);
    const cov = coverage(terms, passage, planName);
    const intents = query.intents.map((i) => intentFit(i, passage, task, askedKind, asksCount, occasion));
    const agency = agencyNamed(query, questionKey, task);
    const intent = intents.length > 0 ? intents.reduce((a, b) => a + b, 0) / intents.length : 0;
    const kind = kinds.size > 0 && kinds.has(ctx.docKinds.get(passage.docId) ?? '') ? 1 : 0;
    const score =
      c.fused *
      (1 + W.coverage * cov) ** COVERAGE_POWER *
      (1 + W.intent * intent) *
      (1 + W.agency * agency) *
      (1 + W.subject * subjectFit(query, passage)) *
      (asksDuty ? DUTY[dutyFit(query, passage, task, agency)]! : 1) *
      (1 + W.kind * kind) *
      (1 + W.named * (named.has(passage.docId) ? 1 : 0)) *
      (1 + W.organisation * organisationFit(passage, planNameShare(terms.words, planName), query.intents)) *
      national *
      structureFactor(passage, query.intents, wantsBack, asksDuty);
    ranked.push({ ...c, score, coverage: cov, lanes: { ...c.lanes, rerank: score, coverage: cov } });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

/** Best candidates whose heading may say who leads them (see withDutyHeadings). */
const DUTY_HEADING_DEPTH = 3;
/** A heading longer than this is a clause of its own, not a line naming who leads the points below. */
const DUTY_HEADING_CHARS = 400;

/**
 * Of the best candidates for a "who leads / who coordinates" question, the parents whose text
 * may say it for them: the candidate names no lead or partner of its own.
 */
export function dutyHeadingIds(ranked: readonly Ranked[], passages: ReadonlyMap<string, PassageInfo>, intents: readonly Intent[]): string[] {
  // "Sở X được giao gì?" asks what is done: the heading naming who does it adds nothing.
  if ((!intents.includes('lead') && !intents.includes('coordinate')) || intents.includes('assignment')) return [];
  return ranked.slice(0, DUTY_HEADING_DEPTH).flatMap((r) => {
    const p = passages.get(r.id);
    return p?.parentId && !LEAD.test(p.text.toLowerCase()) && !COORDINATE.test(p.text.toLowerCase()) ? [p.parentId] : [];
  });
}

/**
 * "2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, …:" over its
 * points: a point that matches the question says what is done, the heading above it who leads
 * and who coordinates. The heading is placed right after the point (keeping the point first),
 * so the answer cites both. `parents`: the candidates' parents as re-ranking reads them.
 */
export function withDutyHeadings(ranked: readonly Ranked[], parents: ReadonlyMap<string, PassageInfo>, ids: readonly string[], passages: ReadonlyMap<string, PassageInfo>): Ranked[] {
  let out = [...ranked];
  for (const id of new Set(ids)) {
    const heading = parents.get(id);
    if (!heading || heading.text.length > DUTY_HEADING_CHARS || !(LEAD.test(heading.text.toLowerCase()) || COORDINATE.test(heading.text.toLowerCase()))) continue;
    const child = out.findIndex((r) => passages.get(r.id)?.parentId === id);
    const own = out.findIndex((r) => r.id === id);
    if (child < 0 || (own >= 0 && own < child)) continue;
    const lifted: Ranked = own >= 0 ? out[own]! : { id, fused: 0, lanes: {}, score: 0, coverage: 0 };
    // Removing the heading from below its point leaves the point where it was.
    out = out.filter((r) => r.id !== id);
    out.splice(child + 1, 0, { ...lifted, score: out[child]!.score, coverage: Math.max(lifted.coverage, out[child]!.coverage) });
  }
  return out;
}
