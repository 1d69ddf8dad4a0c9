/**
 * The vocabulary data of retrieval/data/*.json turned into lookup tables. Data, not code,
 * holds every abbreviation, English term and stop word, so adding one is a one-line change.
 */
import { createHash } from 'node:crypto';
import abbreviationData from './data/abbreviations.json' with { type: 'json' };
import glossaryData from './data/glossary.json' with { type: 'json' };
import stopwordData from './data/stopwords.json' with { type: 'json' };
import { fold, words } from './normalize.ts';

/** Phrases keyed by their folded tokens joined with one space; each value lists alternatives as word arrays. */
export interface PhraseTable {
  readonly entries: ReadonlyMap<string, readonly (readonly string[])[]>;
  readonly maxLength: number;
  /** First words of the keys: most words of a text start none, and are passed over without building a key. */
  readonly firstWords: ReadonlySet<string>;
}

export function phraseTable(raw: Record<string, string | string[]>, keyTokens: (key: string) => string[]): PhraseTable {
  const entries = new Map<string, string[][]>();
  let maxLength = 1;
  const firstWords = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    const tokens = keyTokens(key);
    if (tokens.length === 0) continue;
    firstWords.add(tokens[0]!);
    maxLength = Math.max(maxLength, tokens.length);
    const alternatives = (Array.isArray(value) ? value : [value]).map((v) => words(v));
    entries.set(tokens.join(' '), alternatives);
  }
  return { entries, maxLength, firstWords };
}

/** Longest entry of `table` whose key words start at `keys[start]`. */
export function longestMatch(
  table: PhraseTable,
  keys: readonly string[],
  start: number,
): { length: number; alternatives: readonly (readonly string[])[] } | undefined {
  if (!table.firstWords.has(keys[start]!)) return undefined;
  const limit = Math.min(table.maxLength, keys.length - start);
  for (let length = limit; length >= 1; length--) {
    const found = table.entries.get(keys.slice(start, start + length).join(' '));
    if (found) return { length, alternatives: found };
  }
  return undefined;
}

const foldedWords = (key: string): string[] => words(key).map(fold);

export const ABBREVIATIONS: PhraseTable = phraseTable(abbreviationData.entries, foldedWords);

/** Bumped when the way passages are analysed changes (2: marked words are never abbreviations). */
const ANALYSIS_VERSION = 2;

/**
 * What passages are indexed by beside their own words: the abbreviation table and the way it
 * is applied. Part of every indexed document's fingerprint (retriever.ts), so a table grown
 * with new abbreviations re-indexes the plans on the next start instead of leaving them
 * analysed the old way.
 */
export const PASSAGE_ANALYSIS = createHash('sha256').update(JSON.stringify([ANALYSIS_VERSION, abbreviationData.entries])).digest('hex').slice(0, 12);

/** English glossary keys are plain lowercase words (already base forms). */
export const GLOSSARY: PhraseTable = phraseTable(glossaryData.entries as Record<string, string | string[]>, words);

/** Every word that appears in a glossary key: the targets English stemming reduces to. */
export const GLOSSARY_VOCABULARY: ReadonlySet<string> = new Set(
  Array.from(GLOSSARY.entries.keys()).flatMap((k) => k.split(' ')),
);

/** Every run of leading words of a glossary key ("department", "department of"...): where a phrase match may still grow. */
export const GLOSSARY_PREFIXES: ReadonlySet<string> = new Set(
  Array.from(GLOSSARY.entries.keys()).flatMap((k) => k.split(' ').map((_, i, ws) => ws.slice(0, i + 1).join(' '))),
);

export const QUESTION_WORDS: PhraseTable = phraseTable(
  Object.fromEntries(stopwordData.question.map((q) => [q, ''])),
  words,
);
/** Question words only as the last word after "có"/"đã" ("có ... không?"); otherwise content ("cảng hàng không"). */
export const QUESTION_FINAL = {
  words: new Set(stopwordData.questionFinal.words) as ReadonlySet<string>,
  after: new Set(stopwordData.questionFinal.after) as ReadonlySet<string>,
};
export const VI_STOP: ReadonlySet<string> = new Set(stopwordData.vi);
export const VI_STOP_FOLDED: ReadonlySet<string> = new Set(stopwordData.viFolded);
export const EN_STOP: ReadonlySet<string> = new Set(stopwordData.en);

/** Nouns naming what a question asks for ("cơ quan nào", "which department"): folded Vietnamese runs and English words. */
export const ASKED_CATEGORY_VI: ReadonlySet<string> = new Set(stopwordData.askedCategory.vi);
export const ASKED_CATEGORY_EN: ReadonlySet<string> = new Set(stopwordData.askedCategory.en);
