/**
 * Footnotes of PDF-extracted plans. A page foot holds a rule (a run of spaces or underscores
 * where the PDF drew a line), then numbered notes; the body cites them with a number glued
 * to a word ("địa phương1;", "5 rõ”4,") or alone on the next line. Notes are lifted out of
 * the running text (they would otherwise split a clause in the middle of a page) and kept,
 * anchored to the line that cites them, so the clause can carry its own footnote's words.
 *
 * Only blocks with clear evidence are touched: a rule line, consecutive note numbers, and a
 * matching citation in the body before the block. Anything else is left as text.
 */
import { PAGE_LABEL, STRAY_URL, isAppendixHeading } from './markers.ts';

export interface Footnote {
  n: number;
  /** The note's words, lines unwrapped, number removed. */
  text: string;
}

/** A line being cleaned, with the footnotes anchored to it. */
export interface LineRec {
  text: string;
  notes: Footnote[];
}

/** The drawn rule above page-foot notes: a long run of spaces, or underscores. */
const RULE = /^(?:[ \t]{20,}|\s*_{8,}\s*)$/;
const LONE_NUMBER = /^\s*(\d{1,3})\s*$/;
const NUMBERED_NOTE = /^(\d{1,3})\s+(\S.*)$/u;
/** First line of a new page in these extractions starts with exactly one space. */
const PAGE_START = /^ \S/;
const MAX_BLOCK_LINES = 30;

interface RawNote {
  n: number;
  lines: string[];
  at: number;
}

interface Block {
  start: number;
  end: number; // exclusive
  notes: RawNote[];
}

/** Removes footnote blocks and their citations; returns the remaining lines with notes anchored. */
export function liftFootnotes(lines: LineRec[]): LineRec[] {
  const stop = appendixStart(lines);
  let out = lines;
  let searchFrom = 0;
  for (let i = 0; i < Math.min(out.length, stop); i++) {
    if (!RULE.test(out[i]?.text ?? '')) continue;
    const block = readBlock(out, i, stop);
    if (!block) continue;
    const cited = citeNotes(out, block, searchFrom);
    if (!cited) continue;
    out = [...cited.slice(0, block.start), ...cited.slice(block.end)];
    // Notes are numbered through the document: the next block's citations come after this one.
    searchFrom = block.start;
    i = block.start - 1;
  }
  return dropUnresolvedCitations(out, stop);
}

/**
 * Once a document has shown numbered footnotes, a number just past the last one, alone under
 * a text line, is the citation of a note whose block the extraction mangled (no rule line).
 */
function dropUnresolvedCitations(lines: LineRec[], stop: number): LineRec[] {
  const maxN = Math.max(0, ...lines.flatMap((l) => l.notes.map((n) => n.n)));
  if (maxN === 0) return lines;
  return lines.filter((l, i) => {
    const lone = LONE_NUMBER.exec(l.text);
    const n = lone ? Number(lone[1]) : 0;
    return !(i < stop && n > maxN && n <= maxN + 3 && followsText(lines, i) && l.notes.length === 0);
  });
}

function appendixStart(lines: LineRec[]): number {
  const at = lines.findIndex((l) => isAppendixHeading(l.text));
  return at < 0 ? lines.length : at;
}

function readBlock(lines: LineRec[], rule: number, stop: number): Block | null {
  const notes: RawNote[] = [];
  let afterNumber = false;
  let seen = 0;
  let i = rule + 1;
  for (; i < stop; i++) {
    const raw = lines[i]?.text ?? '';
    const t = raw.trim();
    if (t === '') continue;
    if (++seen > MAX_BLOCK_LINES) return null;
    const last = notes[notes.length - 1];
    const lone = LONE_NUMBER.exec(t);
    const numbered = NUMBERED_NOTE.exec(raw);
    if (lone && (!last || Number(lone[1]) === last.n + 1)) {
      notes.push({ n: Number(lone[1]), lines: [], at: i });
      afterNumber = true;
      continue;
    }
    if (numbered && (!last || Number(numbered[1]) === last.n + 1)) {
      notes.push({ n: Number(numbered[1]), lines: [numbered[2] ?? ''], at: i });
      afterNumber = false;
      continue;
    }
    const pageEnd = PAGE_LABEL.test(raw) || STRAY_URL.test(raw);
    if (!last || (PAGE_START.test(raw) && !afterNumber) || lone || pageEnd) break;
    last.lines.push(t);
    afterNumber = false;
  }
  // A trailing number with no text is the next page's number, not a note: the block ends above it.
  const last = notes[notes.length - 1];
  if (last && last.lines.length === 0) {
    notes.pop();
    i = last.at;
  }
  if (notes.length === 0 || notes.some((n) => n.lines.length === 0)) return null;
  return { start: rule, end: i, notes };
}

/**
 * Finds, for each note in turn, its citation between `from` and the block, nearest first. The
 * block is cut before the first note nobody cites (that "number" is a page number or body
 * text); null when not even the first note is cited.
 */
function citeNotes(lines: LineRec[], block: Block, from: number): LineRec[] | null {
  const copy = lines.map((l) => ({ text: l.text, notes: [...l.notes] }));
  const drop = new Set<number>();
  let cited = 0;
  for (const note of block.notes) {
    const at = findCitation(copy, note.n, from, block.start, drop);
    if (at === null) {
      block.end = note.at;
      break;
    }
    cited++;
    if (at.lone) drop.add(at.line);
    const anchor = at.lone ? previousKept(copy, at.line, drop) : at.line;
    copy[anchor]?.notes.push({ n: note.n, text: unwrapNote(note.lines.join('\n')) });
  }
  if (cited === 0) return null;
  // Blank lines after the last note belong to the page margin (they mark a page number below).
  while (block.end > block.start + 1 && (copy[block.end - 1]?.text.trim() ?? '') === '') block.end--;
  // Dropped citation lines all sit before the block, so it moves up by their count.
  block.start -= drop.size;
  block.end -= drop.size;
  return copy.filter((_, i) => !drop.has(i));
}

function previousKept(lines: LineRec[], i: number, drop: Set<number>): number {
  for (let j = i - 1; j >= 0; j--) if (!drop.has(j) && (lines[j]?.text.trim() ?? '') !== '') return j;
  return Math.max(0, i - 1);
}

/**
 * A citation is the number alone on a line right after text, or glued to the end of a word:
 * after a lower-case letter or a closing quote ("phương1;", "rõ”4,"), or after a year
 * ("năm 202112" = 2021 + note 12).
 */
function findCitation(
  lines: LineRec[],
  n: number,
  from: number,
  to: number,
  drop: Set<number>,
): { line: number; lone: boolean } | null {
  const glued = gluedPattern(n);
  for (let i = to - 1; i >= from; i--) {
    if (drop.has(i)) continue;
    const text = lines[i]?.text ?? '';
    const lone = LONE_NUMBER.exec(text);
    if (lone && Number(lone[1]) === n && followsText(lines, i)) return { line: i, lone: true };
    glued.lastIndex = 0;
    if (glued.test(text)) {
      const rec = lines[i];
      if (rec) rec.text = removeLast(text, glued);
      return { line: i, lone: false };
    }
  }
  return null;
}

/** A lone-number citation hangs off the text line just above it (at most one blank between). */
function followsText(lines: LineRec[], i: number): boolean {
  const above = (k: number) => (lines[k]?.text.trim() ?? '') !== '';
  return above(i - 1) || (i >= 2 && above(i - 2));
}

function gluedPattern(n: number): RegExp {
  return new RegExp(`(?:(?<=[\\p{Ll}\\p{M}”’"')\\]])|(?<=(?<!\\d)(?:19|20)\\d\\d))${n}(?=[\\s,.;:)”’"]|$)`, 'gu');
}

function removeLast(text: string, re: RegExp): string {
  const hits = [...text.matchAll(new RegExp(re.source, re.flags))];
  const last = hits[hits.length - 1];
  if (!last || last.index === undefined) return text;
  return text.slice(0, last.index) + text.slice(last.index + last[0].length);
}

function unwrapNote(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
