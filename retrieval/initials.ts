/**
 * Province initials as officials type them ("BG 2024", "Sở KH&CN NĐ"). Two letters say too
 * little on their own, so they count only for provinces the index holds documents of, and
 * only where unambiguous among those. "NĐ" also means "nghị định": initials that are also an
 * abbreviation must stand apart from what follows ("NĐ-CP", "NĐ 73/2023" stay decrees).
 */
import { ABBREVIATIONS } from './lexicon.ts';
import { fold, words } from './normalize.ts';
import { PROVINCES, provinceKey } from './provinces.ts';

/** Folded initials ("nd") → canonical province name ("Nam Định"). */
export type ProvinceInitials = ReadonlyMap<string, string>;

export interface InitialsToken {
  raw: string;
  folded: string;
  start: number;
  end: number;
}

function initialsOf(name: string): string | null {
  const ws = words(name);
  return ws.length === 2 ? ws.map((w) => fold(w).charAt(0)).join('') : null;
}

/** Initials of the two-word provinces among `provinces` (header fields), those two provinces share left out. */
export function provinceInitials(provinces: Iterable<string | null>): ProvinceInitials {
  const byInitials = new Map<string, Set<string>>();
  for (const field of provinces) {
    if (!field) continue;
    const key = provinceKey(field);
    const canonical = PROVINCES.find((p) => fold(p.name.toLowerCase()) === key)?.name;
    const initials = canonical ? initialsOf(canonical) : null;
    if (!canonical || !initials) continue;
    byInitials.set(initials, (byInitials.get(initials) ?? new Set()).add(canonical));
  }
  const out = new Map<string, string>();
  for (const [initials, names] of byInitials) if (names.size === 1) out.set(initials, [...names][0]!);
  return out;
}

const UPPER_PAIR = /^\p{Lu}\p{Lu}$/u;
const YEAR = /^(19|20)\d\d$/;

/** Whether the token is free of document numbering and agency names: no "/", "-" or "&" joining it to a neighbour ("NĐ-CP", "73/2023/NĐ-CP", "Sở GD&ĐT"). */
function standsAlone(text: string, t: InitialsToken): boolean {
  return !/[/\-–&]/.test(text[t.start - 1] ?? ' ') && !/[/\-–&]/.test(text[t.end] ?? ' ');
}

/**
 * For initials that are also an abbreviation: the next word must not continue the phrase.
 * Punctuation or the end may follow, or a bare year ("NĐ 2024"), never a document number.
 */
function endsPhrase(text: string, tokens: readonly InitialsToken[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (!next) return true;
  if (/[,.;:()?!]/.test(text.slice(t.end, next.start))) return true;
  return YEAR.test(next.folded) && text[next.end] !== '/';
}

/** Two consonants are never a Vietnamese syllable; "na" (Nghệ An) is also a word. */
const NO_VOWEL = /^[^aeiouy]+$/;

/**
 * Token spans naming a province by its initials, and the provinces named. Initials are
 * written in capitals; in a question typed all in lowercase, lowercase ones count too when
 * they cannot be a syllable.
 */
export function initialsSpans(text: string, tokens: readonly InitialsToken[], initials: ProvinceInitials) {
  const provinces: string[] = [];
  const spans: Array<[number, number]> = [];
  const lowercaseTyping = !/\p{Lu}/u.test(text);
  tokens.forEach((t, i) => {
    const province = initials.get(t.folded);
    const typed = UPPER_PAIR.test(t.raw) || (lowercaseTyping && NO_VOWEL.test(t.folded));
    if (!province || !typed || !standsAlone(text, t)) return;
    if (ABBREVIATIONS.entries.has(t.folded) && !endsPhrase(text, tokens, i)) return;
    provinces.push(province);
    spans.push([i, i + 1]);
  });
  return { provinces, spans };
}
