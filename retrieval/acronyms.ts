/**
 * Acronyms the abbreviation table does not know, read from the plans themselves. Officials
 * shorten a plan's own phrases as they type ("KH KTS" for the plan on kinh tế số, "BVDLCN" for
 * bảo vệ dữ liệu cá nhân, "VPHC", "KHHĐ"); no table can list them all, and an unknown word
 * would count as something every clause lacks, so the question would be refused. The phrase
 * meant is the run of words whose initials spell the acronym, most often found in the text
 * the question's other words already lead to (the best candidates, the plans' titles).
 */
import { ABBREVIATIONS, GLOSSARY_VOCABULARY } from './lexicon.ts';
import { fold, words } from './normalize.ts';

export interface AcronymToken {
  /** Folded letters ("kts", "khhd"). */
  folded: string;
  /** Lowercase letters as typed ("khhđ"): an "Đ" is only ever "đ", a "d" may be either. */
  letters: string;
  /** Where it stands in the question (NFC), to be replaced by its phrase. */
  start: number;
  end: number;
}

const VOWEL = /[aeiouy]/;
const LETTERS = /^\p{L}+$/u;

/**
 * Whether a question word may be an acronym: three to eight letters, not in the abbreviation
 * table, and either without a vowel (no Vietnamese syllable lacks one: "kts", "bvdlcn") or
 * typed in capitals ("UBMTTQ" would be, were it not in the table). Two letters are left to the
 * table: "ĐH" spells "đại học" as well as "được hỗ (trợ)", the commoner run in any plan.
 */
export function mayBeAcronym(raw: string): boolean {
  const folded = fold(raw.toLowerCase());
  if (folded.length < 3 || folded.length > 8 || !LETTERS.test(raw)) return false;
  if (ABBREVIATIONS.entries.has(folded) || GLOSSARY_VOCABULARY.has(folded)) return false;
  return !VOWEL.test(folded) || raw === raw.toUpperCase();
}

/** Joining words an acronym leaves out ("KHCN": khoa học và công nghệ). */
const SKIPPED = new Set(['va']);

/** Whether a word (lowercase) starts with an acronym's letter: "d" typed without marks may be "đ", an "đ" is not "d". */
const startsWith = (w: string, letter: string): boolean => w[0] === letter || (letter === 'd' && w[0] === 'đ');

/** The end (exclusive) of a run of `ws` (lowercase) from `start` whose initials spell `letters`, or -1. */
function spells(ws: readonly string[], folded: readonly string[], start: number, letters: string): number {
  let i = start;
  for (let j = 0; j < letters.length; j++) {
    if (j > 0) while (SKIPPED.has(folded[i] ?? '') && i < folded.length - 1) i++;
    const w = ws[i];
    if (w === undefined || !startsWith(w, letters[j]!) || !LETTERS.test(w)) return -1;
    i++;
  }
  return i;
}

/** A phrase never runs across punctuation ("ưu đãi, hỗ trợ" holds no "ĐH"). */
const BREAK = /[,.;:!?()[\]"“”'‘’/\n–-]+/u;

/** The phrase an acronym stands for among `texts`: the run of words spelling it found most often (as written, marks kept), or null. */
export function expandAcronym(letters: string, texts: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const part of text.split(BREAK)) {
      const ws = words(part);
      const folded = ws.map(fold);
      for (let i = 0; i < ws.length; i++) {
        const end = spells(ws, folded, i, letters);
        if (end < 0) continue;
        const phrase = ws.slice(i, end).join(' ');
        counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
      }
    }
  }
  let best: string | null = null;
  let most = 0;
  for (const [phrase, n] of counts) {
    if (n > most) [best, most] = [phrase, n];
  }
  return best;
}

/** Where a spelled-out phrase stands in the rewritten question. */
export interface Span {
  start: number;
  end: number;
}

/** The question with each acronym replaced by its phrase (those without one kept as typed), and where the phrases stand. */
export function spellOut(question: string, found: ReadonlyArray<readonly [AcronymToken, string]>): { text: string; spans: Span[] } {
  let text = '';
  let from = 0;
  const spans: Span[] = [];
  for (const [t, phrase] of [...found].sort((a, b) => a[0].start - b[0].start)) {
    text += question.slice(from, t.start);
    spans.push({ start: text.length, end: text.length + phrase.length });
    text += phrase;
    from = t.end;
  }
  return { text: text + question.slice(from), spans };
}
