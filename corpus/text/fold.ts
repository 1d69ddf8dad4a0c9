/**
 * Diacritic folding, the one implementation every part of the project compares Vietnamese
 * text with: "Sở Kế hoạch và Đầu tư" and "So Ke hoach va Dau tu" meet on their folded forms.
 * Folded text is for comparing, never for output: quotes keep the source spelling.
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
