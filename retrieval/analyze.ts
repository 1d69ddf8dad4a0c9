/**
 * Text → index terms, the same way for passages and questions so they meet: abbreviations
 * expanded (the abbreviation kept too), every word indexed with and without diacritics,
 * and folded syllable bigrams, because Vietnamese words span syllables ("thủ tục").
 * Questions additionally lose stop words and, when typed in English, go through the glossary.
 */
import {
  ABBREVIATIONS,
  ASKED_CATEGORY_EN,
  ASKED_CATEGORY_VI,
  EN_STOP,
  GLOSSARY,
  GLOSSARY_PREFIXES,
  GLOSSARY_VOCABULARY,
  QUESTION_FINAL,
  QUESTION_WORDS,
  VI_STOP,
  VI_STOP_FOLDED,
  longestMatch,
} from './lexicon.ts';
import { fold, hasDiacritics, isAscii, words } from './normalize.ts';

export interface Expanded {
  /** Words in order with abbreviations replaced by their expansion. */
  words: string[];
  /** The abbreviations themselves, folded and joined ("tn&mt" → "tnmt"), indexed as extra terms. */
  extras: string[];
}

/**
 * Abbreviations are written without tone or vowel marks ("VAT", "QĐ", "KH&CN"): a word that
 * has them is a word, not an abbreviation, whatever it folds to ("vật tư" is no "VAT tư").
 */
const unmarked = (w: string): boolean => /^[\x00-\x7f]*$/.test(w.toLowerCase().replace(/đ/g, 'd'));

export function expandAbbreviations(input: readonly string[]): Expanded {
  const keys = input.map(fold);
  const out: string[] = [];
  const extras: string[] = [];
  for (let i = 0; i < input.length; ) {
    const match = longestMatch(ABBREVIATIONS, keys, i);
    if (!match || !input.slice(i, i + match.length).every(unmarked)) {
      out.push(input[i]!);
      i += 1;
      continue;
    }
    for (const alternative of match.alternatives) out.push(...alternative);
    extras.push(keys.slice(i, i + match.length).join(''));
    i += match.length;
  }
  return { words: out, extras };
}

/** Suffix strippings that may lead from an inflected English word to its glossary form. */
const REDUCTIONS: ReadonlyArray<[RegExp, string]> = [
  [/ies$/, 'y'], [/es$/, ''], [/s$/, ''], [/ing$/, ''], [/ing$/, 'e'], [/ed$/, ''], [/d$/, ''], [/ied$/, 'y'],
  [/(.)\1ing$/, '$1'], [/(.)\1ed$/, '$1'],
];

/**
 * The glossary forms an English word may take: itself, and its reductions the glossary
 * knows ("departments" is both a word of "departments and agencies" and "department").
 */
export function englishForms(word: string): string[] {
  const reduced = REDUCTIONS.map(([re, to]) => word.replace(re, to)).filter((c) => c !== word && GLOSSARY_VOCABULARY.has(c));
  return [...new Set([word, ...reduced])];
}

/** Reduces an English word to a glossary base form ("dossiers" → "dossier", "digitising" → "digitise"). */
export function englishBase(word: string): string {
  if (GLOSSARY_VOCABULARY.has(word)) return word;
  return englishForms(word)[1] ?? word;
}

/**
 * Longest glossary phrase starting at `start`, each word in any of its forms: a depth-first
 * walk that only follows word runs some glossary key starts with.
 */
function glossaryMatch(forms: readonly (readonly string[])[], start: number): ReturnType<typeof longestMatch> {
  let best: ReturnType<typeof longestMatch>;
  const walk = (i: number, key: string) => {
    const found = key !== '' ? GLOSSARY.entries.get(key) : undefined;
    if (found && (!best || i - start > best.length)) best = { length: i - start, alternatives: found };
    if (i >= forms.length || i - start >= GLOSSARY.maxLength) return;
    for (const form of forms[i]!) {
      const next = key === '' ? form : `${key} ${form}`;
      if (GLOSSARY_PREFIXES.has(next)) walk(i + 1, next);
    }
  };
  walk(start, '');
  return best;
}

/**
 * Whether a question is English: at least two known English words, making up at least half
 * of the plain-ASCII words and a third of all words (numbers and abbreviations aside).
 * Vietnamese typed without diacritics rarely hits the English word lists ("so", "can").
 */
export function isEnglish(input: readonly string[]): boolean {
  let english = 0;
  let plain = 0;
  let accented = 0;
  for (const w of input) {
    if (/^\d+$/.test(w) || ABBREVIATIONS.entries.has(w)) continue;
    if (!isAscii(w)) {
      accented += 1;
      continue;
    }
    plain += 1;
    if (EN_STOP.has(w) || GLOSSARY_VOCABULARY.has(englishBase(w))) english += 1;
  }
  // Vietnamese with diacritics has a few syllables that are also English words ("to", "an", "ban"):
  // English needs a third of all the words, names with diacritics ("Sở Tài chính") included.
  return english >= 2 && english * 2 >= plain && english * 3 >= plain + accented;
}

/** Most Vietnamese alternatives one English phrase keeps (Translation.groups encodes phrase and alternative in one number). */
export const ALTERNATIVES = 16;

export interface Translation {
  words: string[];
  /** Words kept as typed that are plain English-looking words, not names, numbers or abbreviations the tables know. */
  untranslated: string[];
  /**
   * Per word: which English phrase it translates, or -1; as `phrase * ALTERNATIVES + k` for
   * the k-th Vietnamese alternative of that phrase. One English word may give several
   * Vietnamese renderings ("train" → "đào tạo" | "bồi dưỡng" | "tập huấn"): a clause saying
   * any of them says what the English word did.
   */
  groups: number[];
}

/**
 * English words → Vietnamese through the glossary, longest phrase first; English function
 * words dropped; anything else (names, numbers, abbreviations) kept as typed. A multi-word
 * abbreviation ("par index") is left whole for expandAbbreviations.
 */
export function translate(input: readonly string[]): Translation {
  const forms = input.map(englishForms);
  const folded = input.map(fold);
  const out: string[] = [];
  const groups: number[] = [];
  const untranslated: string[] = [];
  let phrase = 0;
  for (let i = 0; i < input.length; ) {
    const abbreviation = longestMatch(ABBREVIATIONS, folded, i);
    if (abbreviation && abbreviation.length > 1) {
      out.push(...input.slice(i, i + abbreviation.length));
      groups.push(...input.slice(i, i + abbreviation.length).map(() => -1));
      i += abbreviation.length;
      continue;
    }
    const match = glossaryMatch(forms, i);
    if (match) {
      match.alternatives.slice(0, ALTERNATIVES).forEach((alternative, k) => {
        out.push(...alternative);
        groups.push(...alternative.map(() => phrase * ALTERNATIVES + k));
      });
      phrase += 1;
      i += match.length;
      continue;
    }
    const word = input[i]!;
    if (!EN_STOP.has(word)) {
      out.push(word);
      groups.push(-1);
    }
    if (!EN_STOP.has(word) && !abbreviation && /^[a-z]+$/.test(word)) untranslated.push(word);
    i += 1;
  }
  return { words: out, untranslated, groups };
}

export const translateEnglish = (input: readonly string[]): string[] => translate(input).words;

/** A number run into the word after it, as PDF extraction leaves it ("1lần", "02ngày"). */
const GLUED_NUMBER = /^(\d+)(\p{L}+)$/u;

/** Index terms of one passage text: words, their folded forms, folded bigrams, abbreviations. */
export function passageTerms(text: string): string[] {
  const expanded = expandAbbreviations(words(text));
  const terms: string[] = [];
  const folded = expanded.words.map(fold);
  expanded.words.forEach((w, i) => {
    terms.push(w);
    if (folded[i] !== w) terms.push(folded[i]!);
    if (i > 0) terms.push(`${folded[i - 1]}_${folded[i]}`);
    const glued = GLUED_NUMBER.exec(w);
    if (glued) terms.push(fold(glued[1]!), glued[2]!, fold(glued[2]!));
  });
  terms.push(...expanded.extras);
  return terms;
}

export interface QuestionTerms {
  /** Distinct single-word terms (exact and folded forms). */
  unigrams: string[];
  /** Distinct folded bigrams ("thu_tuc"). */
  bigrams: string[];
  /** Folded content words in order, for coverage checks in re-ranking. */
  content: string[];
  /** Per content word: the English phrase it translates (Translation.groups), or -1. */
  contentGroups: number[];
  /** Every folded word in order (stop words kept), for matching agency names. */
  sequence: string[];
  english: boolean;
  /**
   * English words the glossary could not translate: a gap in our vocabulary, not a sign the
   * plans lack the topic, so coverage leaves out those the index does not know either.
   */
  untranslated: string[];
}

/** Marks words that are question words (never in bigrams) and stop words (no unigram). */
function stopMask(input: readonly string[]): { question: boolean[]; stop: boolean[] } {
  const question = input.map(() => false);
  for (let i = 0; i < input.length; ) {
    const match = longestMatch(QUESTION_WORDS, input, i);
    const length = match?.length ?? 1;
    if (match) for (let j = i; j < i + length; j++) question[j] = true;
    i += length;
  }
  const last = input.length - 1;
  if (QUESTION_FINAL.words.has(input[last] ?? '') && input.slice(0, last).some((w) => QUESTION_FINAL.after.has(w))) question[last] = true;
  const stop = input.map((w, i) => question[i] || VI_STOP.has(w) || (!hasDiacritics(w) && VI_STOP_FOLDED.has(w)) || inArticleLabel(input, i));
  return { question, stop };
}

/**
 * "Điều 5" cites an article: passages index its label as the bigram "dieu_5" only, so the
 * words alone are no search terms (a bare "5" would pull up every article 5).
 */
function inArticleLabel(input: readonly string[], i: number): boolean {
  return startsArticleLabel(input, i) || startsArticleLabel(input, i - 1);
}

function startsArticleLabel(input: readonly string[], i: number): boolean {
  return fold(input[i] ?? '') === 'dieu' && /^\d+$/.test(input[i + 1] ?? '');
}

/** Terms of a question's words (scope words such as the province already removed). */
/**
 * `phrases`: per Vietnamese word, the phrase it belongs to (an acronym spelled out, see
 * acronyms.ts) as `phrase * ALTERNATIVES`, or -1: a phrase weighs as one thing the question
 * says, as an English term's rendering does, not as one per word.
 */
export function questionTerms(input: readonly string[], phrases?: readonly number[]): QuestionTerms {
  const english = isEnglish(input);
  const translation = english ? translate(withoutAskedCategory(input)) : { words: [...input], untranslated: [], groups: phrases ? [...phrases] : input.map(() => -1) };
  const { expanded, groups } = expandGrouped(translation.words, translation.groups);
  const ws = expanded.words;
  const { question, stop } = stopMask(ws);
  const folded = ws.map(fold);
  const asked = english ? ws.map(() => false) : askedCategoryMask(folded, question);
  const unigrams = new Set<string>();
  const bigrams = new Set<string>();
  const content: string[] = [];
  const contentGroups: number[] = [];
  ws.forEach((w, i) => {
    if (!stop[i]) {
      unigrams.add(folded[i]!);
      if (hasDiacritics(w)) unigrams.add(w);
      if (!asked[i]) {
        content.push(folded[i]!);
        contentGroups.push(groups[i] ?? -1);
      }
    }
    const prev = i - 1;
    if (prev >= 0 && !question[i] && !question[prev] && !asked[i] && !asked[prev] && (!(stop[i] && stop[prev]) || startsArticleLabel(ws, prev))) {
      bigrams.add(`${folded[prev]}_${folded[i]}`);
    }
  });
  for (const extra of expanded.extras) unigrams.add(extra);
  return { unigrams: [...unigrams], bigrams: [...bigrams], content, contentGroups, sequence: folded, english, untranslated: translation.untranslated };
}

/**
 * The noun a Vietnamese question asks for, before "nào"/"gì" ("cơ quan nào", "sở nào", "khung
 * giờ nào", "biện pháp gì", "tên gọi tắt là gì"), and the "một lần" of "bao lâu một lần": the
 * answer is a name ("Sở Tài chính"), a time ("trước 09 giờ"), a period ("định kỳ 06 tháng"),
 * the measures themselves, so a clause that answers need not hold the noun. Marked to be left
 * out of the content words and bigrams coverage weighs.
 */
function askedCategoryMask(folded: readonly string[], question: readonly boolean[]): boolean[] {
  const asked = folded.map(() => false);
  folded.forEach((w, i) => {
    // "Bao lâu một lần?": how often; the clause says "định kỳ 06 tháng", not "một lần".
    if (w === 'lan' && folded[i - 1] === 'mot' && folded.some((x, j) => j < i - 1 && question[j] && x === 'lau' && folded[j - 1] === 'bao')) asked[i - 1] = asked[i] = true;
    if (!question[i] || (w !== 'nao' && w !== 'gi')) return;
    // "Tên gọi tắt là gì?": the noun may stand before "là".
    const end = folded[i - 1] === 'la' ? i - 1 : i;
    for (let n = Math.min(3, end); n >= 1; n--) {
      if (!ASKED_CATEGORY_VI.has(folded.slice(end - n, end).join(' '))) continue;
      for (let j = end - n; j < end; j++) asked[j] = true;
      return;
    }
  });
  return asked;
}

/** An English question without the noun "which"/"what" asks for ("which department leads …" → "leads …"). */
function withoutAskedCategory(input: readonly string[]): string[] {
  return input.filter((w, i) => !(i > 0 && (input[i - 1] === 'which' || input[i - 1] === 'what') && ASKED_CATEGORY_EN.has(w)));
}

/** expandAbbreviations over runs of one group at a time, so each expanded word keeps its group. */
function expandGrouped(input: readonly string[], groups: readonly number[]): { expanded: Expanded; groups: number[] } {
  if (groups.every((g) => g === -1)) {
    const expanded = expandAbbreviations(input);
    return { expanded, groups: expanded.words.map(() => -1) };
  }
  const out: Expanded = { words: [], extras: [] };
  const outGroups: number[] = [];
  for (let i = 0; i < input.length; ) {
    let j = i + 1;
    while (j < input.length && groups[j] === groups[i]) j++;
    const part = expandAbbreviations(input.slice(i, j));
    out.words.push(...part.words);
    out.extras.push(...part.extras);
    outGroups.push(...part.words.map(() => groups[i] ?? -1));
    i = j;
  }
  return { expanded: out, groups: outGroups };
}
