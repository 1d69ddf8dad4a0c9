/** The administrative map (corpus/places.ts) in the shapes query understanding matches against. */
import { PLACES, placeByName } from '../corpus/places.ts';
import { fold, words } from './normalize.ts';

export interface ProvinceAlias {
  words: string[];
  folded: string[];
}

export interface ProvinceName {
  /** Canonical name with diacritics, as the administrative map gives it ("Hồ Chí Minh"). */
  name: string;
  aliases: ProvinceAlias[];
  ambiguous: boolean;
}

function alias(text: string): ProvinceAlias {
  const ws = words(text);
  return { words: ws, folded: ws.map(fold) };
}

export const PROVINCES: readonly ProvinceName[] = PLACES.map((p) => ({
  name: p.name,
  aliases: [p.name, ...p.aliases].map(alias),
  ambiguous: p.ambiguous,
}));

/** One key per place, whichever way a header or a question writes it ("TP. Hồ Chí Minh", "HCM" → "ho chi minh"); unknown names folded. */
export function provinceKey(name: string): string {
  const place = placeByName(name);
  return place ? fold(place.name.toLowerCase()) : words(name).map(fold).join(' ');
}
