/**
 * Sentence-level trimming of a clause: split it where the plans end their sentences and
 * list items, score each piece by the question words it holds, keep the best few in
 * document order. Pure; the pieces are the clause's own words.
 */
import { expandAbbreviations } from '../retrieval/analyze.ts';
import { fold, words } from '../retrieval/normalize.ts';

export interface Sentence {
  text: string;
  /** Position in the clause, for keeping document order. */
  index: number;
}

/**
 * Plans end sentences with ". " and separate list items with "; " (or a line break). The
 * dot of an abbreviation ("TP. Nam Định", "v.v. ") does not end a sentence; a dot inside a
 * number ("1.000") is never followed by a space.
 */
const BOUNDARY = /(?<=(?<!\b(?:TP|Tp|tp|TX|v\.v|ThS|TS|PGS|GS))[.;])\s+(?=\S)|\s*\n+\s*/u;

export function splitSentences(text: string): Sentence[] {
  return text
    .split(BOUNDARY)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s, index) => ({ text: s, index }));
}

export interface Terms {
  /** Folded content words of the question. */
  terms: readonly string[];
  /** Folded bigrams ("hoan_thue"): a matched bigram says more than two loose words. */
  bigrams: readonly string[];
}

interface Bag {
  words: Set<string>;
  pairs: Set<string>;
}

/** Abbreviations expanded as retrieval does, so "TTHC" in a sentence meets "thủ tục hành chính" in the question. */
function bagOf(text: string): Bag {
  const folded = expandAbbreviations(words(text)).words.map(fold);
  return { words: new Set(folded), pairs: new Set(folded.slice(1).map((w, i) => `${folded[i]}_${w}`)) };
}

/**
 * Each sentence's share of the question: the question words and bigrams it holds, each
 * weighted by 1 / the number of the clause's sentences holding it, so that words every
 * sentence repeats ("số hóa … TTHC") do not outvote the one that tells them apart ("cấp
 * huyện"). A bigram counts half: it mostly repeats its two words.
 */
export function scoreSentences(sentences: readonly Sentence[], q: Terms): number[] {
  const bags = sentences.map((s) => bagOf(s.text));
  const weight = (key: keyof Bag, term: string) => {
    const df = bags.filter((b) => b[key].has(term)).length;
    return df > 0 ? 1 / df : 0;
  };
  const wordWeights = new Map(q.terms.map((t) => [t, weight('words', t)]));
  const pairWeights = new Map(q.bigrams.map((t) => [t, weight('pairs', t) / 2]));
  return bags.map((b) => {
    let score = 0;
    for (const [t, w] of wordWeights) if (b.words.has(t)) score += w;
    for (const [t, w] of pairWeights) if (b.pairs.has(t)) score += w;
    return score;
  });
}

/**
 * The sentences that answer: the best-scoring ones (at most `max`, each at least half as
 * good as the best), in document order. With no word in common, the first sentence,
 * which in the plans names the agency and the task.
 */
export function pickSentences(text: string, q: Terms, max = 3): Sentence[] {
  const sentences = splitSentences(text);
  if (sentences.length <= 1) return sentences;
  const scores = scoreSentences(sentences, q);
  const best = Math.max(...scores);
  if (best <= 0) return sentences.slice(0, 1);
  return sentences
    .map((s, i) => ({ s, score: scores[i] ?? 0 }))
    .filter((x) => x.score >= best / 2)
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index)
    .slice(0, max)
    .map((x) => x.s)
    .sort((a, b) => a.index - b.index);
}

/** Joins picked sentences as one reply: a full stop stays a full stop, list items are rejoined with "; ", one final stop. */
export function joinSentences(sentences: readonly Sentence[]): string {
  const parts = sentences.map((s) => s.text.replace(/[\s;,:]+$/u, ''));
  const joined = parts.reduce((acc, part) => (acc ? `${acc}${/[.!?…]$/u.test(acc) ? ' ' : '; '}${part}` : part), '');
  return /[.!?…»”)]$/u.test(joined) ? joined : `${joined}.`;
}

/** The sentence for which `test` holds; the one closest to the question when several do. */
export function bestSentenceWhere(text: string, q: Terms, test: (sentence: string) => boolean): Sentence | undefined {
  const sentences = splitSentences(text);
  const scores = scoreSentences(sentences, q);
  let best: { s: Sentence; score: number } | undefined;
  sentences.forEach((s, i) => {
    const score = scores[i] ?? 0;
    if (test(s.text) && (!best || score > best.score)) best = { s, score };
  });
  return best?.s;
}
