/** Folding helpers for agency names; the diacritic folding itself is corpus/text/fold.ts. */
import { fold } from '../text/fold.ts';

export { fold, foldAligned, hasDiacritics } from '../text/fold.ts';

/**
 * Lookup key of an agency name: folded, punctuation and the connective "và"/"&" dropped, so
 * "Sở Kế hoạch đầu tư", "Sở Kế hoạch và Đầu tư" and "Sở KẾ HOẠCH - ĐẦU TƯ" share one key.
 */
export function agencyKey(name: string): string {
  return fold(name)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && w !== 'va')
    .join(' ');
}

/** Collapses runs of whitespace (PDF line breaks inside a name) to single spaces. */
export function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
