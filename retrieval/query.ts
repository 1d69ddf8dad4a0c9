/**
 * Query understanding: which province, plan year and plan kind a question names (with or
 * without diacritics, in Vietnamese or English), what it asks for (who leads, a deadline, a
 * target...), and the search terms left once the scope words are taken out.
 */
import intentData from './data/intents.json' with { type: 'json' };
import { mayBeAcronym, type AcronymToken, type Span } from './acronyms.ts';
import { countedUnit } from './amounts.ts';
import { ALTERNATIVES, expandAbbreviations, questionTerms, type QuestionTerms } from './analyze.ts';
import { initialsSpans, type ProvinceInitials } from './initials.ts';
import { canonicalTone, containsRun, fold, hasDiacritics, nfc } from './normalize.ts';
import { planName } from './plan-name.ts';
import { PROVINCES, type ProvinceName } from './provinces.ts';
import type { QueryFilters } from './types.ts';

export type Intent = 'lead' | 'coordinate' | 'deadline' | 'target' | 'assignment';

export interface PreparedQuery {
  question: string;
  filters: QueryFilters;
  intents: Intent[];
  terms: QuestionTerms;
  /** Numbers the question states besides its plan year ("24 mô hình"): an answer should contain them. */
  numbers: string[];
  /** Folded words of the question as typed, the province, year and plan name taken out ("which bac giang department" → "which department"). */
  unscoped: string[];
  /** Numbers the question names a document by ("KH 144", "QĐ 2530", "144/KH-UBND"), leading zeros dropped. */
  docNumbers: string[];
  /** The question turns to a national plan itself ("Thủ tướng", "quốc gia", "QĐ-TTg"). */
  nationalCue: boolean;
  /**
   * Folded words in which an agency the question names is matched against a clause's subject:
   * the whole question with abbreviations expanded, place words kept ("công an tp Cần Thơ" →
   * "cong an thanh pho can tho": the agency is "Công an thành phố"); English as translated.
   */
  subjectWords: string[];
  /** What a "bao nhiêu …" question counts ("tấn", "xã"), folded (amounts.ts countedUnit); null when nothing in particular. */
  countedUnit: string | null;
  /** Words that may be acronyms no table knows ("KTS", "BVDLCN"): the retriever spells them out from the plans (acronyms.ts). */
  acronyms: AcronymToken[];
}

interface Token {
  word: string;
  folded: string;
  raw: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

function tokenize(text: string): Token[] {
  return Array.from(nfc(text).matchAll(TOKEN), (m) => {
    const word = canonicalTone(m[0].toLowerCase());
    return { word, folded: fold(word), raw: m[0], start: m.index, end: m.index + m[0].length };
  });
}

/** Words naming the kind of place just before a province name: removed with it, and they make an ambiguous name count. */
const PLACE_WORDS = new Set(['tỉnh', 'tinh', 'tp', 'thành', 'thanh', 'phố', 'pho', 'province', 'city']);

function isCapitalised(tokens: readonly Token[]): boolean {
  return tokens.every((t) => /^\p{Lu}/u.test(t.raw));
}

/** Where the question names `province`: spans of token indexes, the place word before it included. */
function provinceSpans(tokens: readonly Token[], province: ProvinceName, typedWithDiacritics: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const alias of province.aliases) {
    for (let i = 0; i + alias.words.length <= tokens.length; i++) {
      const slice = tokens.slice(i, i + alias.words.length);
      const exact = slice.every((t, j) => t.word === alias.words[j]);
      // Folded matching only where the typist left the words bare ("nam dinh"), so that
      // "diễn biến" never reads as "Điện Biên".
      const bare = slice.every((t, j) => t.folded === alias.folded[j] && (!typedWithDiacritics || !hasDiacritics(t.word)));
      if (!exact && !bare) continue;
      const before = tokens[i - 1];
      const placed = before !== undefined && PLACE_WORDS.has(before.word);
      if (province.ambiguous && !placed && !isCapitalised(slice)) continue;
      spans.push([placed ? i - 1 : i, i + alias.words.length]);
    }
  }
  return spans;
}

/** Plan-year words: "năm 2024", "in 2024", "2024". */
const YEAR = /^(19|20)\d\d$/;
/**
 * Words before a year that make it a horizon or a comparison, not the plan's year: "đến năm
 * 2025", "so với năm 2023", "by 2025", "giai đoạn 2021-2025".
 */
const HORIZON_BEFORE = /(?:^|\s)(den|toi|so voi|truoc|sau|tu|giai doan|by|until|to|through|than|compared with|compared to|since|vs)(\s+nam)?$/;

function isPlanYear(text: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const prevChar = text[t.start - 1] ?? ' ';
  const nextChar = text[t.end] ?? ' ';
  // A year inside a document number ("01/2023/TT-VPCP", "02/2021") or a range ("2021-2025").
  if (/[/\-.]/.test(prevChar) || nextChar === '/' || /^-\d/.test(text.slice(t.end, t.end + 2))) return false;
  const before = tokens.slice(Math.max(0, i - 3), i).map((x) => x.folded).join(' ');
  return !HORIZON_BEFORE.test(before);
}

function yearSpans(text: string, tokens: readonly Token[]): { years: number[]; spans: Array<[number, number]> } {
  const years: number[] = [];
  const spans: Array<[number, number]> = [];
  tokens.forEach((t, i) => {
    if (!YEAR.test(t.word) || !isPlanYear(text, tokens, i)) return;
    years.push(Number(t.word));
    const before = tokens[i - 1];
    spans.push([before && ['nam', 'in', 'for'].includes(before.folded) ? i - 1 : i, i + 1]);
  });
  return { years: [...new Set(years)], spans };
}

/**
 * A year glued to a plan's name by a slash ("NQ02/2024", "KH CCHC/2022") is that plan's
 * year, though a slash before a year otherwise marks a cited document's number.
 */
function gluedYears(text: string, tokens: readonly Token[], planSpans: ReadonlyArray<[number, number]>) {
  const years: number[] = [];
  const spans: Array<[number, number]> = [];
  for (const [, end] of planSpans) {
    const last = tokens[end - 1];
    const next = tokens[end];
    if (!last || !next || !YEAR.test(next.word) || text.slice(last.end, next.start).trim() !== '/') continue;
    years.push(Number(next.word));
    spans.push([end, end + 1]);
  }
  return { years, spans };
}

const phraseList = (list: readonly string[]): string[][] => list.map((p) => p.split(' '));
const INTENTS: readonly Intent[] = ['lead', 'coordinate', 'deadline', 'target', 'assignment'];
const INTENT_CUES = INTENTS.map((k) => [k, intentData[k]] as [Intent, string[]]);
/** Folded words that only say a task is asked about ("được giao làm gì"); not counted in coverage. */
export const DUTY_WORDS: ReadonlySet<string> = new Set(intentData.duty);
const INTENT_PHRASES: Array<[Intent, string[][]]> = INTENT_CUES.map(([k, v]) => [k, phraseList(v)]);

export function detectIntents(folded: readonly string[]): Intent[] {
  return INTENT_PHRASES.filter(([, cues]) => cues.some((c) => containsRun(folded, c))).map(([k]) => k);
}

function detectProvinces(tokens: readonly Token[], typedWithDiacritics: boolean) {
  const provinces: string[] = [];
  const spans: Array<[number, number]> = [];
  for (const province of PROVINCES) {
    const found = provinceSpans(tokens, province, typedWithDiacritics);
    if (found.length === 0) continue;
    provinces.push(province.name);
    spans.push(...found);
  }
  return { provinces, spans };
}

/** Words around a number that make it part of a document's name ("NQ 02", "02/NQ-CP", "Kế hoạch số 79"). */
const DOC_NAME_WORDS = new Set(['nq', 'kh', 'qd', 'nd', 'ct', 'tt', 'so', 'quyet', 'dinh', 'hoach', 'resolution', 'decision', 'plan', 'decree', 'no', 'cp', 'ubnd', 'thi', 'cd', 'dien', 'cv', 'directive', 'dispatch', 'letter', 'telegram', 'circular']);

/** Numbers the question states itself, not as its plan year nor as part of a document's name. */
function statedNumbers(text: string, tokens: readonly Token[], removed: ReadonlySet<number>): string[] {
  return tokens
    .filter((t, i) => {
      // Years name a plan's period or a horizon ("2026-2030", "đến 2030"): scope, not an amount the answer must state.
      if (removed.has(i) || !/^\d+$/.test(t.word) || YEAR.test(t.word)) return false;
      if (text[t.start - 1] === '/' || text[t.end] === '/') return false;
      const near = [tokens[i - 1], tokens[i + 1]].filter((x): x is Token => x !== undefined);
      return !near.some((x) => DOC_NAME_WORDS.has(x.folded));
    })
    .map((t) => t.folded);
}

/** Words that name a document by its number right after them: "KH 144", "Quyết định số 2530", "plan No. 308". */
const NUMBERED_BY = new Set(['kh', 'hoach', 'nq', 'qd', 'dinh', 'ct', 'thi', 'cd', 'dien', 'cv', 'van', 'so', 'plan', 'decision', 'directive', 'no', 'resolution', 'dispatch', 'letter', 'telegram', 'circular']);

/** Indexes of the tokens that name a document by number; `afterPlace`: indexes of the tokens right after a province's name. */
function documentNumberTokens(text: string, tokens: readonly Token[], afterPlace: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (!/^\d{2,5}$/.test(t.word)) return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const byWord = before !== undefined && NUMBERED_BY.has(before.folded) && text[t.start - 1] !== '/';
    // "144/KH-UBND": the number before a slash and a document code.
    const byCode = text[t.end] === '/' && after !== undefined && /^(kh|qd|ct|cd|cv|nq)$/.test(after.folded);
    // "Bắc Ninh 141", "HCM 2842": a province's plan by its number (a year there is the plan's year).
    const byPlace = afterPlace.has(i) && !YEAR.test(t.word);
    if (byWord || byCode || byPlace) out.add(i);
  });
  return out;
}

/** Folded runs by which a question turns to a national plan. */
const NATIONAL_CUES = [['thu', 'tuong'], ['ttg'], ['hoach', 'quoc', 'gia'], ['dong', 'quoc', 'gia'], ['national'], ['prime', 'minister']];

/**
 * `initials`: the province initials the indexed documents allow ("BG" for Bắc Giang), see
 * initials.ts; `spelled`: where acronyms were spelled out (acronyms.ts): each phrase counts as one term.
 */
export function prepareQuery(question: string, initials: ProvinceInitials = new Map(), spelled: readonly Span[] = []): PreparedQuery {
  const text = nfc(question);
  const tokens = tokenize(text);
  const folded = tokens.map((t) => t.folded);
  const named = detectProvinces(tokens, hasDiacritics(text));
  const initialed = initialsSpans(text, tokens, initials);
  const place = { provinces: [...new Set([...named.provinces, ...initialed.provinces])], spans: [...named.spans, ...initialed.spans] };
  const time = yearSpans(text, tokens);
  const plan = planName(folded, [...place.spans, ...time.spans]);
  const glued = gluedYears(text, tokens, plan.spans);
  const numbered = documentNumberTokens(text, tokens, new Set(place.spans.map(([, b]) => b)));
  const removed = new Set<number>();
  for (const [a, b] of [...place.spans, ...time.spans, ...plan.spans, ...glued.spans]) for (let i = a; i < b; i++) removed.add(i);
  const kept = tokens.filter((_, i) => !removed.has(i));
  const rest = kept.map((t) => t.word);
  // "bao nhiêu %": the sign is no word, but it is what is asked (amounts.ts ASKS_SHARE).
  const unscoped = kept.flatMap((t) => (/^\s*%/.test(text.slice(t.end)) && (t.folded === 'nhieu' || t.folded === 'may') ? [t.folded, 'phan', 'tram'] : [t.folded]));
  const years = [...new Set([...time.years, ...glued.years])];
  const phraseOf = (t: Token) => {
    const phrase = spelled.findIndex((s) => s.start <= t.start && t.end <= s.end);
    return phrase < 0 ? -1 : phrase * ALTERNATIVES;
  };
  const terms = questionTerms(rest, spelled.length > 0 ? kept.map(phraseOf) : undefined);
  const subjectWords = terms.english ? terms.sequence : expandAbbreviations(tokens.map((t) => t.word)).words.map(fold);
  return {
    question: text,
    filters: { provinces: place.provinces, years, kinds: plan.kinds },
    // Scope words may split a cue ("Which Bac Giang department"): cues are looked for both ways.
    intents: [...new Set([...detectIntents(folded), ...detectIntents(unscoped)])],
    terms,
    numbers: statedNumbers(text, tokens, new Set([...removed, ...numbered])),
    unscoped,
    docNumbers: [...new Set([...numbered].map((i) => String(Number(tokens[i]!.word))))],
    // Abbreviations expanded too: "KHHĐ quốc gia".
    nationalCue: NATIONAL_CUES.some((cue) => containsRun(folded, cue) || containsRun(subjectWords, cue)),
    subjectWords,
    countedUnit: countedUnit(text),
    acronyms: tokens.flatMap((t, i) => (!removed.has(i) && mayBeAcronym(t.raw) ? [{ folded: t.folded, letters: t.raw.toLowerCase(), start: t.start, end: t.end }] : [])),
  };
}
