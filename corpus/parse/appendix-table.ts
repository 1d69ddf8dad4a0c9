/**
 * First pass over an appendix: split the title from the table, tell which layout the table
 * came out of extraction in, and read the column names from its header.
 *
 * Three layouts reach us: PDF text flattened to one cell fragment per line ("flat"), a
 * tab-led line per cell ("tab"), and markdown-ish pipes, either `| a | b |` rows or one `|`
 * per line between cells ("pipe").
 */
import { fold, GROUP_INLINE, GROUP_LABEL, headerStarterAt, isRoman, ROW_LABEL, tidy } from './appendix-vocab.ts';

export type TableLayout = 'flat' | 'tab' | 'pipe';

/** One unit of table content: a line fragment (flat) or a whole cell (tab, pipe). */
export interface TableItem {
  text: string;
  /** Pipe tables mark where a new table row begins; other layouts leave this false. */
  rowStart: boolean;
  /** Flat layouts: the index of the item's line in the lines given to readTableShape. */
  line?: number;
}

export interface TableShape {
  layout: TableLayout;
  /** The heading line as written, e.g. "Phụ lục", "PHỤ LỤC I". */
  headingLine: string;
  /** Title lines between the heading and the table header, tidied. */
  title: string[];
  columns: string[];
  /** Content after the header row. */
  body: TableItem[];
  /** Cells are exact (tab, pipe): never merge or split them. */
  exact: boolean;
}

const SEPARATOR_LINE = /^[\s\-–—_=.·*]*$/;
const HEADER_FIRST = /^(stt|tt|so tt|so thu tu)\b/;

export function readTableShape(lines: readonly string[]): TableShape {
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  const headingLine = firstIdx >= 0 ? tidy(lines[firstIdx] ?? '') : '';
  const rest = lines.slice(firstIdx + 1);
  const headerAt = rest.findIndex(isTableStart);
  const titleLines = headerAt < 0 ? [] : rest.slice(0, headerAt);
  const title = titleLines.map(tidy).filter((l) => l !== '' && !SEPARATOR_LINE.test(l));
  if (headerAt < 0) return untabulated(headingLine, flatItems(rest, firstIdx + 1));

  const tableLines = rest.slice(headerAt);
  const layout = layoutOf(tableLines);
  const items = layout === 'pipe' ? pipeItems(tableLines) : layout === 'tab' ? tabItems(tableLines) : flatItems(tableLines);
  const { columns, bodyStart } = layout === 'flat' ? flatHeader(items) : exactHeader(items, layout);
  return { layout, headingLine, title, columns, body: items.slice(bodyStart), exact: layout !== 'flat' };
}

/** True when the appendix holds a table this parser can read (a header row is found). */
export function appendixHasTable(lines: readonly string[]): boolean {
  return readTableShape(lines).columns.length > 0;
}

/**
 * No table: the title runs to the end of its "(Kèm theo ...)" line when there is one within
 * the first lines, else it is the first line; the rest is body text.
 */
function untabulated(headingLine: string, items: TableItem[]): TableShape {
  const attach = items.slice(0, 6).findIndex((i) => /\(\s*(?:ban h[aà]nh\s+)?k[eè]m theo/iu.test(i.text));
  let end = attach >= 0 ? attach : 0;
  while (attach >= 0 && end < items.length - 1 && !items.slice(attach, end + 1).some((i) => i.text.includes(')'))) end += 1;
  const title = items.slice(0, items.length > 0 ? end + 1 : 0).map((i) => i.text);
  return { layout: 'flat', headingLine, title, columns: [], body: items.slice(title.length), exact: false };
}

function isTableStart(line: string): boolean {
  const t = line.trim();
  if (t.startsWith('|')) return true;
  if (line.startsWith('\t') && t !== '') return HEADER_FIRST.test(fold(tidy(t)));
  return HEADER_FIRST.test(fold(tidy(t)));
}

function layoutOf(lines: readonly string[]): TableLayout {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  if (first.trim().startsWith('|')) return 'pipe';
  return first.startsWith('\t') ? 'tab' : 'flat';
}

/** `offset`: where `lines` start in the appendix's lines (for TableItem.line). */
function flatItems(lines: readonly string[], offset = 0): TableItem[] {
  return lines.map((l, i) => ({ text: tidy(l), rowStart: false, line: offset + i })).filter((item) => item.text !== '' && !SEPARATOR_LINE.test(item.text));
}

/** A tab opens a cell; a line without one continues the open cell ("(CQKSTTHC)" under an agency). */
function tabItems(lines: readonly string[]): TableItem[] {
  const items: TableItem[] = [];
  for (const line of lines) {
    const last = items[items.length - 1];
    if (line.startsWith('\t')) items.push({ text: tidy(line), rowStart: false });
    else if (line.trim() !== '' && last) last.text = tidy(`${last.text} ${line}`);
  }
  return items;
}

function pipeItems(lines: readonly string[]): TableItem[] {
  const rowLines = lines.filter((l) => /^\s*\|.*\S.*\|\s*$/.test(l) && !/^\s*\|\s*\|\s*$/.test(l));
  const isRowPerLine = rowLines.length > 0 && rowLines.length >= lines.filter((l) => l.trim() === '|').length;
  return isRowPerLine ? markdownRowItems(lines) : pipePerLineItems(lines);
}

/** `| a | b |` rows; `|---|---|` rules skipped; empty cells kept so positions hold. */
function markdownRowItems(lines: readonly string[]): TableItem[] {
  const items: TableItem[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith('|') || /^\|[\s:|-]*$/.test(t)) continue;
    const cells = t.replace(/^\|/, '').replace(/\|$/, '').split('|');
    cells.forEach((c, k) => items.push({ text: tidy(c), rowStart: k === 0 }));
  }
  return items;
}

/**
 * One `|` per line between cells, as crawled law sites store tables: a row closes with `|`
 * and the next opens with `|`, so two or more pipes in a row mark a row boundary. Empty
 * cells cannot be told from that boundary, so they are dropped.
 */
function pipePerLineItems(lines: readonly string[]): TableItem[] {
  const items: TableItem[] = [];
  let cell: string[] = [];
  let pipes = 0;
  const flush = (): void => {
    const text = tidy(cell.join(' '));
    if (text !== '') items.push({ text, rowStart: pipes >= 2 || items.length === 0 });
    if (text !== '') pipes = 0;
    cell = [];
  };
  for (const line of lines) {
    if (line.trim() === '|') {
      flush();
      pipes += 1;
    } else if (line.trim() !== '') cell.push(line);
  }
  flush();
  return items;
}

/** Tab and pipe headers: one cell per column up to the first row or group label. */
function exactHeader(items: readonly TableItem[], layout: TableLayout): { columns: string[]; bodyStart: number } {
  let end = 0;
  while (end < items.length) {
    const item = items[end];
    if (!item) break;
    if (layout === 'pipe' && end > 0 && item.rowStart) break;
    if (layout === 'tab' && end > 0 && startsBody(item.text)) break;
    end += 1;
  }
  return { columns: uniqueNames(items.slice(0, end).map((i) => i.text)), bodyStart: end };
}

function startsBody(text: string): boolean {
  if (ROW_LABEL.test(text)) return true;
  const g = GROUP_LABEL.exec(text) ?? GROUP_INLINE.exec(text);
  return g !== null && isRoman(g[1] ?? '');
}

/**
 * A flattened header ("STT Chỉ tiêu" / "Đơn" / "vị" / "Chỉ tiêu" / "năm 2024" / ...): a
 * column begins where a line starts with a header word, or right after "STT". "chủ trì"
 * starting a line after a bare "Cơ quan" continues it ("Cơ quan" / "chủ trì" / "đánh giá").
 */
function flatHeader(items: readonly TableItem[]): { columns: string[]; bodyStart: number } {
  let end = 0;
  while (end < items.length && (end === 0 || !startsBody(items[end]?.text ?? ''))) end += 1;
  const words = items.slice(0, end).flatMap((item) => item.text.split(' ').map((w, k) => ({ w, lineStart: k === 0 })));
  const folded = words.map((x) => fold(x.w));
  const columns: string[][] = [];
  words.forEach(({ w, lineStart }, i) => {
    const current = columns[columns.length - 1];
    if (current === undefined || opensColumn(folded, i, lineStart, current)) columns.push([]);
    columns[columns.length - 1]?.push(w);
  });
  return { columns: uniqueNames(columns.map((c) => c.join(' '))), bodyStart: end };
}

function opensColumn(folded: readonly string[], i: number, lineStart: boolean, current: readonly string[]): boolean {
  if (headerStarterAt(folded, i) === 0) return false;
  const cur = fold(current.join(' '));
  if (/^(stt|tt|so tt)$/.test(cur)) return true;
  if (!lineStart) return false;
  const qualifiesHead = /^(co quan|don vi)$/.test(cur) && /^(chu|phoi)$/.test(folded[i] ?? '');
  return !qualifiesHead;
}

/** Two columns with the same name ("Chỉ tiêu" twice) would overwrite each other in `columns`. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} (${count})`;
  });
}
