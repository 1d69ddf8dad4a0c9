/**
 * Text → index terms, the same way for passages and questions so they meet: abbreviations
 * expanded (the abbreviation kept too), every word indexed with and without diacritics,
 * and folded syllable bigrams, because Vietnamese words span syllables ("thủ tục").
 * Questions additionally lose stop words and, when typed in English, go through the glossary.
 */
import {
  ABBREVIATIONS,
  EN_STOP,
  GLOSSARY,
  GLOSSARY_VOCABULARY,
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

export function expandAbbreviations(input: readonly string[]): Expanded {
  const keys = input.map(fold);
  const out: string[] = [];
  const extras: string[] = [];
  for (let i = 0; i < input.length; ) {
    const match = longestMatch(ABBREVIATIONS, keys, i);
    if (!match) {
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

/** Reduces an English word to a glossary base form ("dossiers" → "dossier", "digitising" → "digitise"). */
export function englishBase(word: string): string {
  if (GLOSSARY_VOCABULARY.has(word)) return word;
  const candidates = [
    word.replace(/ies$/, 'y'),
    word.replace(/es$/, ''),
    word.replace(/s$/, ''),
    word.replace(/ing$/, ''),
    word.replace(/ing$/, 'e'),
    word.replace(/ed$/, ''),
    word.replace(/d$/, ''),
    word.replace(/ied$/, 'y'),
    word.replace(/(.)\1ing$/, '$1'),
    word.replace(/(.)\1ed$/, '$1'),
  ];
  return candidates.find((c) => c !== word && GLOSSARY_VOCABULARY.has(c)) ?? word;
}

/**
 * Whether a question is English: at least two known English words, and they make up at
 * least half of the plain-ASCII words that are neither numbers nor abbreviations.
 * Vietnamese typed without diacritics rarely hits the English word lists ("so", "can").
 */
export function isEnglish(input: readonly string[]): boolean {
  let english = 0;
  let plain = 0;
  for (const w of input) {
    if (!isAscii(w) || /^\d+$/.test(w) || ABBREVIATIONS.entries.has(w)) continue;
    plain += 1;
    if (EN_STOP.has(w) || GLOSSARY_VOCABULARY.has(englishBase(w))) english += 1;
  }
  return english >= 2 && english * 2 >= plain;
}

/**
 * English words → Vietnamese through the glossary, longest phrase first; English function
 * words dropped; anything else (names, numbers, abbreviations) kept as typed. A multi-word
 * abbreviation ("par index") is left whole for expandAbbreviations.
 */
export function translateEnglish(input: readonly string[]): string[] {
  const bases = input.map(englishBase);
  const folded = input.map(fold);
  const out: string[] = [];
  for (let i = 0; i < input.length; ) {
    const abbreviation = longestMatch(ABBREVIATIONS, folded, i);
    if (abbreviation && abbreviation.length > 1) {
      out.push(...input.slice(i, i + abbreviation.length));
      i += abbreviation.length;
      continue;
    }
    const match = longestMatch(GLOSSARY, bases, i);
    if (match) {
      for (const alternative of match.alternatives) out.push(...alternative);
      i += match.length;
      continue;
    }
    if (!EN_STOP.has(input[i]!)) out.push(input[i]!);
    i += 1;
  }
  return out;
}

/** Index terms of one passage text: words, their folded forms, folded bigrams, abbreviations. */
export function passageTerms(text: string): string[] {
  const expanded = expandAbbreviations(words(text));
  const terms: string[] = [];
  const folded = expanded.words.map(fold);
  expanded.words.forEach((w, i) => {
    terms.push(w);
    if (folded[i] !== w) terms.push(folded[i]!);
    if (i > 0) terms.push(`${folded[i - 1]}_${folded[i]}`);
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
  /** Every folded word in order (stop words kept), for matching agency names. */
  sequence: string[];
  english: boolean;
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
  const stop = input.map((w, i) => question[i] || VI_STOP.has(w) || (!hasDiacritics(w) && VI_STOP_FOLDED.has(w)));
  return { question, stop };
}

/** Terms of a question's words (scope words such as the province already removed). */
export function questionTerms(input: readonly string[]): QuestionTerms {
  const english = isEnglish(input);
  const translated = english ? translateEnglish(input) : [...input];
  const expanded = expandAbbreviations(translated);
  const ws = expanded.words;
  const { question, stop } = stopMask(ws);
  const folded = ws.map(fold);
  const unigrams = new Set<string>();
  const bigrams = new Set<string>();
  const content: string[] = [];
  ws.forEach((w, i) => {
    if (!stop[i]) {
      unigrams.add(folded[i]!);
      if (hasDiacritics(w)) unigrams.add(w);
      content.push(folded[i]!);
    }
    const prev = i - 1;
    if (prev >= 0 && !question[i] && !question[prev] && !(stop[i] && stop[prev])) {
      bigrams.add(`${folded[prev]}_${folded[i]}`);
    }
  });
  for (const extra of expanded.extras) unigrams.add(extra);
  return { unigrams: [...unigrams], bigrams: [...bigrams], content, sequence: folded, english };
}
