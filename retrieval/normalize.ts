/**
 * Vietnamese text normalisation shared by indexing and querying: NFC, lowercase, the
 * contract's tokens (runs of letters and digits), one tone-mark placement, and diacritic
 * folding so "quan ly dat dai" meets "quản lý đất đai".
 */
import { foldAligned } from '../corpus/text/fold.ts';

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** Vietnamese tone marks (grave, acute, tilde, hook above, dot below), as combining characters after NFD. */
const TONE = '\u0300\u0301\u0303\u0309\u0323';

/**
 * Two tone placements coexist for open "oa", "oe", "uy": on the second vowel ("hoá", "khoẻ",
 * "thuỷ") or on the first ("hóa", "khỏe", "thủy", what most plans use). Both become the
 * latter. After "q" the "u" belongs to the consonant ("quý"), so the mark already sits right.
 */
const OLD_STYLE_TONE = new RegExp(`(^|[^q])([ou])([aey])([${TONE}])$`, 'u');

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Per-word results kept across calls: indexing 100,000 clauses folds millions of words drawn
 * from a few thousand syllables, and NFD + regex per word was a third of the index build.
 * Bounded so a stream of odd tokens (codes, numbers) cannot grow it without end.
 */
function memoise(fn: (word: string) => string, limit = 100_000): (word: string) => string {
  let cache = new Map<string, string>();
  return (word) => {
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const value = fn(word);
    if (cache.size >= limit) cache = new Map();
    cache.set(word, value);
    return value;
  };
}

/** One word with the tone placement most plans use ("hoá" → "hóa", "uỷ" → "ủy"). */
export const canonicalTone = memoise(canonicalToneOf);

function canonicalToneOf(word: string): string {
  const decomposed = word.normalize('NFD');
  if (!OLD_STYLE_TONE.test(decomposed)) return word;
  return decomposed.replace(OLD_STYLE_TONE, '$1$2$4$3').normalize('NFC');
}

/**
 * Lowercase tokens in document order, as the contract's matching rule splits text, with
 * tone placement made uniform; at most `limit` of them (the text is not tokenised past it).
 */
export function words(text: string, limit = Infinity): string[] {
  const lower = nfc(text).toLowerCase();
  if (limit === Infinity) return (lower.match(TOKEN) ?? []).map((w) => canonicalTone(w));
  const out: string[] = [];
  for (const m of lower.matchAll(TOKEN)) {
    if (out.length >= limit) break;
    out.push(canonicalTone(m[0]));
  }
  return out;
}

/** The contract's tokens exactly (no tone canonicalisation): for evidence matching. */
export function contractTokens(text: string): string[] {
  return Array.from(nfc(text).toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
}

/**
 * Folded form of one lowercase word: diacritics stripped, "đ" → "d", and leading zeros of a
 * number dropped so "01/12" meets "1/12".
 */
export const fold = memoise(foldOf);

function foldOf(word: string): string {
  const stripped = foldAligned(word.normalize('NFC'));
  return /^\d+$/.test(stripped) ? stripped.replace(/^0+(?=\d)/, '') : stripped;
}

/** Whether the text carries any Vietnamese diacritic (so the typist used them). */
export function hasDiacritics(text: string): boolean {
  return /[\p{M}đĐ]/u.test(text.normalize('NFD'));
}

export function isAscii(word: string): boolean {
  return /^[\p{ASCII}]*$/u.test(word);
}

/** Whether the contract's tokens of `needle` occur in `haystack` as one contiguous run. */
export function containsTokens(haystack: string, needle: string): boolean {
  const n = contractTokens(needle);
  if (n.length === 0) return false;
  const h = contractTokens(haystack);
  outer: for (let i = 0; i + n.length <= h.length; i++) {
    for (let j = 0; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether `needle` occurs in `haystack` as a contiguous run of tokens (arrays). */
export function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
