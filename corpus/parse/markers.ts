/**
 * Line-start patterns of Vietnamese administrative numbering. Each function only says what a
 * line *looks like*; whether the marker really opens a clause is decided by the tree builder
 * from numbering continuity (see numbering.ts), because a bare regex cannot tell "1. Mục tiêu"
 * from a wrapped sentence that happens to start with "1.".
 */

export type Marker =
  | { kind: 'article'; label: string; rest: string; n: number }
  | { kind: 'part'; label: string; rest: string; n: number }
  | { kind: 'dotted'; label: string; rest: string; path: number[] }
  | { kind: 'item'; label: string; rest: string; n: number }
  | { kind: 'point'; label: string; rest: string; letter: string }
  | { kind: 'bullet'; label: string; rest: string; symbol: string };

/** "Điều 3." / "Điều 3:" — articles of a decision. No dot means a cross-reference ("Điều 14 Nghị định"). */
const ARTICLE = /^(Điều\s+(\d{1,3})\s*[.:])\s*(.*)$/u;
/** "IV." "IV -" "II:" — Roman parts; the dash form appears in several provinces' templates. */
const PART = /^(([IVXL]{1,7})\s*(?:[.:)]|\s[-–—](?=\s|$)))\s*(.*)$/u;
/** "2.1." "1.2.3" — dotted sub-items, trailing dot optional; must be followed by a space or end. */
const DOTTED = /^((\d{1,2}(?:\.\d{1,2}){1,3})\.?)(?:\s+(.*))?$/u;
/** "1." "2)" — Arabic items. At most two digits so "2024." (a wrapped year) never matches. */
const ITEM = /^((\d{1,2})\s*[.)])(?:\s+(.*))?$/u;
/** "a)" "đ)" — lettered points. */
const POINT = /^(([a-zđ])\s*\))\s*(.*)$/u;
/** "- " "+ " "• " — bullets; a dash glued to a word ("-TTg") is a broken code, not a bullet. */
const BULLET = /^([-–+•*·▪◦○])\s+(.*)$/u;

const ROMAN = /^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$/;

export function romanValue(s: string): number {
  if (!ROMAN.test(s)) return 0;
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const cur = v[s[i] ?? ''] ?? 0;
    const next = v[s[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

/** Reads the numbering marker at the start of a trimmed line, if it looks like one. */
export function readMarker(line: string): Marker | null {
  let m = ARTICLE.exec(line);
  if (m) return { kind: 'article', label: m[1] ?? '', n: Number(m[2]), rest: m[3] ?? '' };
  m = PART.exec(line);
  if (m) {
    const n = romanValue(m[2] ?? '');
    if (n > 0) return { kind: 'part', label: (m[1] ?? '').trim(), n, rest: m[3] ?? '' };
  }
  m = DOTTED.exec(line);
  if (m) return { kind: 'dotted', label: m[1] ?? '', path: (m[2] ?? '').split('.').map(Number), rest: m[3] ?? '' };
  m = ITEM.exec(line);
  if (m) return { kind: 'item', label: m[1] ?? '', n: Number(m[2]), rest: m[3] ?? '' };
  m = POINT.exec(line);
  if (m) return { kind: 'point', label: m[1] ?? '', letter: m[2] ?? '', rest: m[3] ?? '' };
  m = BULLET.exec(line);
  if (m) return { kind: 'bullet', label: m[1] ?? '', symbol: m[1] ?? '', rest: m[2] ?? '' };
  return null;
}

/** Point letters in the order plans use them: Vietnamese skips f, j, w, z but many plans don't. */
export const POINT_ORDER = 'abcdđefghijklmnopqrstuvwxyz';

/**
 * "Phụ lục" / "PHỤ LỤC II" opening an appendix: the heading alone on its line (optionally a
 * number and a colon), or an all-caps "PHỤ LỤC ..." title. "(Chi tiết tại Phụ lục kèm theo)"
 * and a wrapped "Phụ lục kèm theo Kế hoạch này." are references, not headings.
 */
export function isAppendixHeading(line: string): boolean {
  const t = line.trim().replace(/^[*_#\s]+|[*_\s]+$/g, '');
  if (/^PHỤ LỤC\b/u.test(t)) return !/^PHỤ LỤC\s+(?:KÈM THEO|CHI TIẾT)\b/u.test(t) || t.length < 60;
  return /^Phụ lục(?:\s+(?:số\s+)?(?:[0-9]{1,2}|[IVX]{1,5})[a-z]?)?\s*[:.\-–]?$/u.test(t);
}

/** First letter of a line is upper case (after opening quotes/brackets), or the line starts with a digit. */
export function startsUpper(text: string): boolean {
  const m = /^[\s("“'‘[*]*(\p{L}|\p{N})/u.exec(text);
  if (!m) return false;
  const ch = m[1] ?? '';
  return /\p{N}/u.test(ch) || (ch === ch.toUpperCase() && ch !== ch.toLowerCase());
}

/** Ends like a sentence or a list entry: ".", ";", ":", "!", "?", "…", "./.", optionally inside quotes/brackets. */
export function endsSentence(text: string): boolean {
  return /[.;:!?…]["”'’)\]*]*\s*$/u.test(text);
}

/** Mostly upper-case letters: part titles like "MỤC TIÊU, YÊU CẦU". */
export function isUpperHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.8;
}

/** A URL alone on a line: crawler residue such as "https://thukyluat.vn/...". */
export const STRAY_URL = /^\s*(?:https?:\/\/|www\.)\S+\s*$/iu;
/** "- 3 -", "– 12 –", "Trang 4", "Trang 4/10": page numbers that cannot be anything else. */
export const PAGE_LABEL = /^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|Trang\s+\d{1,3}(?:\s*\/\s*\d{1,3})?)\s*$/iu;
