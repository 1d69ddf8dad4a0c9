/**
 * Diacritic folding for matching Vietnamese agency names and phrases. Matching runs on folded
 * text so "Sở Kế hoạch và Đầu tư" and "So Ke hoach va Dau tu" meet; the output always keeps
 * the source spelling.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** One NFC character without its diacritics; "đ"/"Đ" fold to "d"/"D" (NFD leaves them alone). */
function foldChar(ch: string): string {
  if (ch === 'đ') return 'd';
  if (ch === 'Đ') return 'D';
  const base = ch.normalize('NFD').replace(COMBINING_MARKS, '');
  // Vietnamese letters fold to exactly one base letter; anything else is kept as is so the
  // folded string stays index-aligned with its source.
  return base.length === 1 ? base : ch;
}

/**
 * Folds diacritics while keeping case and length: index i of the result is character i of the
 * NFC input, so a match found in folded text can be sliced out of the original.
 */
export function foldAligned(nfcText: string): string {
  let out = '';
  for (const ch of nfcText) {
    // Astral characters take two UTF-16 units; keep them whole to preserve alignment.
    out += ch.length === 1 ? foldChar(ch) : ch;
  }
  return out;
}

/** Lowercase, diacritic-free, whitespace-collapsed form for comparisons. */
export function fold(text: string): string {
  return foldAligned(text.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** True when the text carries any Vietnamese diacritic (or đ), i.e. was typed with accents. */
export function hasDiacritics(text: string): boolean {
  const nfc = text.normalize('NFC');
  return foldAligned(nfc) !== nfc;
}

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
