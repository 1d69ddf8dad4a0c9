/**
 * Finding the province a plan's header names, matched without diacritics so "Nam Dinh",
 * "NAM ĐỊNH" and "Nam Định" meet. The names are those of the administrative map.
 */
import { PLACES, placeKey } from '../places.ts';

/** Canonical names of every place of the administrative map (corpus/data/admin-map.json). */
export const PROVINCES: readonly string[] = PLACES.map((p) => p.name);

/**
 * Other spellings met in plans, folded: key → canonical name. Two-letter short forms ("HN")
 * are for questions; a plan's header always writes the name out.
 */
const ALIASES: ReadonlyArray<[string, string]> = PLACES.flatMap((p) =>
  p.aliases.map((a): [string, string] => [placeKey(a), p.name]).filter(([k]) => k.replace(/ /g, '').length > 2),
);

/** Lower case, no diacritics, "đ" → "d", punctuation to single spaces. */
export function foldName(text: string): string {
  return placeKey(text);
}

/** Longest first so "Thừa Thiên Huế" wins over "Huế". */
const FOLDED: ReadonlyArray<[string, string]> = [
  ...PROVINCES.map((p): [string, string] => [foldName(p), p]),
  ...ALIASES,
].sort((a, b) => b[0].length - a[0].length);

const NAME_ALT = FOLDED.map(([f]) => f).join('|');
/** "tỉnh X", "thành phố X", "TP. X" in folded text. */
const PREFIXED = new RegExp(`(?:^| )(?:tinh|thanh pho|tp) (${NAME_ALT})(?= |$)`, 'g');
const BARE = new RegExp(`(?:^| )(${NAME_ALT})(?= |$)`);

function canonical(folded: string): string | null {
  return FOLDED.find(([f]) => f === folded)?.[1] ?? null;
}

/** The first province named in the text, prefixed by "tỉnh"/"thành phố" unless `bare`. */
export function findProvince(text: string, opts: { bare?: boolean } = {}): string | null {
  const folded = foldName(text);
  if (opts.bare) {
    const m = BARE.exec(folded);
    return m ? canonical(m[1] ?? '') : null;
  }
  const m = new RegExp(PREFIXED.source).exec(folded);
  return m ? canonical(m[1] ?? '') : null;
}

/** The province a text names most often as "tỉnh X" / "thành phố X" (first mention breaks ties). */
export function dominantProvince(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of foldName(text).matchAll(PREFIXED)) {
    const name = canonical(m[1] ?? '');
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = name;
  return best;
}
