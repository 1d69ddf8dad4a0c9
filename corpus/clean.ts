/**
 * Cleaning of PDF-extracted (and web-crawled) plan text. Removes what the page layout added,
 * never the plan's words, and keeps one output line per kept input line so the clause tree
 * and table parsers still see where lines start.
 *
 * Passes repeat until nothing changes: removing a page number can expose another artefact
 * (two page numbers in a row, a heading repeated after the break), and running to a fixed
 * point is what makes cleaning idempotent.
 */
import { type Footnote, type LineRec, liftFootnotes } from './parse/footnotes.ts';
import { PAGE_LABEL, STRAY_URL, isAppendixHeading } from './parse/markers.ts';
import { stripWebFrame, type PageMeta } from './parse/web-frame.ts';

export type { Footnote } from './parse/footnotes.ts';
export type { PageMeta } from './parse/web-frame.ts';

export interface CleanResult {
  text: string;
  /** Footnotes lifted from page feet, each anchored to the (0-based) cleaned line citing it. */
  footnotes: Array<Footnote & { line: number }>;
  /** The metadata table of a website the plan was copied from, when it was (see web-frame.ts). */
  pageMeta: PageMeta | null;
}

export function cleanText(raw: string): string {
  return cleanDocument(raw).text;
}

export function cleanDocument(raw: string): CleanResult {
  const framed = stripWebFrame(normaliseChars(raw).split('\n'));
  let lines: LineRec[] = framed.lines.map((text) => ({ text, notes: [] }));
  // Each pass only removes lines or characters, so this terminates.
  for (;;) {
    const next = cleanPass(lines);
    if (sameLines(next, lines)) break;
    lines = next;
  }
  const footnotes = lines.flatMap((l, line) => l.notes.map((n) => ({ ...n, line })));
  return { text: lines.map((l) => l.text).join('\n'), footnotes, pageMeta: framed.meta };
}

/** NFC, LF line ends, no BOM; form feeds become line breaks; invisible characters go. */
function normaliseChars(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\u00AD\uFEFF]/g, '');
}

function cleanPass(input: LineRec[]): LineRec[] {
  let lines = liftFootnotes(input);
  lines = lines.map((l) => ({ text: stripMarkdownEmphasis(l.text).replace(/\s+$/, ''), notes: l.notes }));
  const appendixAt = lines.findIndex((l) => isAppendixHeading(l.text));
  const bodyEnd = appendixAt < 0 ? lines.length : appendixAt;
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    const next = lines[i + 1];
    if (LONE_DIVISION_WORD.test(text) && next && DIVISION_NUMBER.test(next.text)) {
      // "**Điều" / "22. Trách nhiệm của …": a heading's word wrapped away from its number.
      next.text = `${text.trim()} ${next.text.trimStart()}`;
      drop.add(i);
    } else if (STRAY_URL.test(text)) drop.add(i);
    else if (i < bodyEnd && isPageNumber(lines, i)) {
      drop.add(i);
      const repeat = repeatedHeadingAfter(lines, i);
      if (repeat !== null) drop.add(repeat);
    }
  }
  return removeLines(lines, drop);
}

/** A line holding only the word of a division heading, its number on the next line (hard-wrapped web text). */
const LONE_DIVISION_WORD = /^\s*(Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)\s*$/u;
const DIVISION_NUMBER = /^\s*(\d+|[IVXLC]+)(?![\p{L}\d])/u;

/** A bare page number: no leading zero (table rows are "01", "02"), no tab (tab-led table cells). */
const BARE_NUMBER = /^ *[1-9]\d{0,2}$/;

/**
 * Bare numbers are page numbers only where the page break shows: at least two blank lines
 * above (the bottom margin), and a blank line, a page-top line or the end below. A number
 * right under text is a table cell or a footnote citation, not a page number.
 */
function isPageNumber(lines: LineRec[], i: number): boolean {
  const text = lines[i]?.text ?? '';
  if (PAGE_LABEL.test(text)) return true;
  if (!BARE_NUMBER.test(text)) return false;
  const blank = (k: number) => k >= 0 && k < lines.length && (lines[k]?.text.trim() ?? '') === '';
  const below = lines[i + 1]?.text;
  return blank(i - 1) && blank(i - 2) && (below === undefined || blank(i + 1) || /^ \S/.test(below));
}

/** A heading printed again at the top of the next page: same words right before and after the break. */
function repeatedHeadingAfter(lines: LineRec[], pageNumber: number): number | null {
  const before = nearestText(lines, pageNumber, -1);
  const after = nearestText(lines, pageNumber, 1);
  if (before === null || after === null) return null;
  const a = lines[before]?.text.trim() ?? '';
  const b = lines[after]?.text.trim() ?? '';
  return a.length >= 10 && a === b ? after : null;
}

function nearestText(lines: LineRec[], from: number, step: 1 | -1): number | null {
  for (let k = from + step; k >= 0 && k < lines.length; k += step) {
    if ((lines[k]?.text.trim() ?? '') !== '') return k;
  }
  return null;
}

/**
 * Web-crawled plans wrap words in markdown emphasis ("**I. MỤC TIÊU**", "*Hà Nội, ngày*").
 * Bold markers are never plan text; a single "*" only when it hugs a word at a line edge, so
 * "(*)" notes and "* " bullets stay.
 */
function stripMarkdownEmphasis(text: string): string {
  return text.replace(/\*\*/g, '').replace(/^(\s*)\*(?=\S)/, '$1').replace(/(?<=\S)\*(\s*)$/, '$1');
}

/** Drops lines, moving footnotes anchored to a dropped line onto the nearest kept line above. */
function removeLines(lines: LineRec[], drop: Set<number>): LineRec[] {
  if (drop.size === 0) return lines;
  const out: LineRec[] = [];
  let orphanNotes: Footnote[] = [];
  lines.forEach((l, i) => {
    if (!drop.has(i)) {
      out.push(orphanNotes.length ? { text: l.text, notes: [...orphanNotes, ...l.notes] } : l);
      orphanNotes = [];
      return;
    }
    const prev = out[out.length - 1];
    if (prev) prev.notes.push(...l.notes);
    else orphanNotes.push(...l.notes);
  });
  return out;
}

function sameLines(a: LineRec[], b: LineRec[]): boolean {
  return a.length === b.length && a.every((l, i) => l.text === b[i]?.text);
}

/**
 * Joins the hard-wrapped lines of one paragraph: one space between lines, none where a word
 * or code was broken at a hyphen ("81/KH-" + "UBND") or before closing punctuation, runs of
 * spaces collapsed.
 */
export function unwrapLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const t = line.trim();
    if (t === '') continue;
    const glue = out === '' || /[\p{L}\p{N}]-$/u.test(out) || /^[.,;:)\]”’]/u.test(t) ? '' : ' ';
    out += glue + t;
  }
  return out.replace(/\s+/g, ' ').trim();
}
