/** The province table (data/provinces.json) in the shapes query understanding matches against. */
import provinceData from './data/provinces.json' with { type: 'json' };
import { fold, words } from './normalize.ts';

export interface ProvinceAlias {
  words: string[];
  folded: string[];
}

export interface ProvinceName {
  /** Canonical name with diacritics, as plans' headers give it. */
  name: string;
  aliases: ProvinceAlias[];
  ambiguous: boolean;
}

function alias(text: string): ProvinceAlias {
  const ws = words(text);
  return { words: ws, folded: ws.map(fold) };
}

interface ProvinceRecord {
  name: string;
  aliases?: string[];
  ambiguous?: boolean;
}

export const PROVINCES: readonly ProvinceName[] = (provinceData.provinces as ProvinceRecord[]).map((p) => ({
  name: p.name,
  aliases: [p.name, ...(p.aliases ?? [])].map(alias),
  ambiguous: p.ambiguous === true,
}));

/** The canonical province a header's province field names ("TP. Hồ Chí Minh" → "Thành phố Hồ Chí Minh"), else the field folded. */
export function provinceKey(name: string): string {
  const folded = words(name).map(fold);
  const found = PROVINCES.find((p) => p.aliases.some((a) => a.folded.join(' ') === folded.join(' ')));
  return found ? fold(found.name.toLowerCase()) : folded.join(' ');
}
