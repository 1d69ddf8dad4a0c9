/**
 * Third pass: turn one row's items into cells and put each cell under its column.
 *
 * Exact cells (tab, pipe) that match the header one for one are placed by position. Other
 * rows are placed by what each cell looks like (unit, target, agency, deadline, text), in
 * column order; a cell that fits no remaining column is a note qualifying the row.
 */
import {
  columnRole,
  endsDangling,
  isAgencyLike,
  isTimeLike,
  startsContinuation,
  TARGET,
  TARGET_QUALIFIER_ONLY,
  TEXT_UNIT_TARGET,
  tidy,
  UNIT_ONLY,
  UNIT_THEN_TARGET,
  type ColumnRole,
} from './appendix-vocab.ts';

export type CellType = 'text' | 'unit' | 'target' | 'agency' | 'time';

export interface Cell {
  text: string;
  type: CellType;
}

export interface PlacedRow {
  /** Column name → cell text, only for columns this row fills itself. */
  columns: Record<string, string>;
  /** The row's own cells in source order (notes excluded). */
  cells: string[];
  /** Cells that qualify the row but belong to no column. */
  notes: string[];
}

interface Column {
  name: string;
  role: ColumnRole;
}

/** `spanned`: the row continues a numbered row's merged cells, so its cells are the rightmost ones. */
export function placeRow(columnNames: readonly string[], items: readonly string[], exact: boolean, spanned = false): PlacedRow {
  const columns = columnNames.map((name) => ({ name, role: columnRole(name) })).filter((c) => c.role !== 'label');
  const texts = items.map(tidy);
  if (exact && texts.length === columns.length) return placeByPosition(columns, texts);
  if (spanned && texts.length < columns.length) return placeByPosition(columns.slice(columns.length - texts.length), texts);
  const cells = exact ? texts.filter((t) => t !== '').map(typed) : segmentFlat(texts, columns);
  return placeByType(columns, cells);
}

function placeByPosition(columns: readonly Column[], texts: readonly string[]): PlacedRow {
  const out: Record<string, string> = {};
  columns.forEach((c, k) => {
    const t = texts[k];
    if (t) out[c.name] = t;
  });
  return { columns: out, cells: texts.filter((t) => t !== ''), notes: [] };
}

function typed(text: string): Cell {
  if (UNIT_ONLY.test(text)) return { text, type: 'unit' };
  if (TARGET.test(text)) return { text, type: 'target' };
  if (isAgencyLike(text)) return { text, type: 'agency' };
  if (isTimeLike(text)) return { text, type: 'time' };
  return { text, type: 'text' };
}

const ACCEPTS: Readonly<Record<ColumnRole, readonly CellType[]>> = {
  label: [],
  text: ['text'],
  other: ['text', 'time', 'target'],
  unit: ['unit'],
  target: ['target'],
  agency: ['agency'],
  time: ['time'],
};

function placeByType(columns: readonly Column[], cells: readonly Cell[]): PlacedRow {
  const out: Record<string, string> = {};
  const own: string[] = [];
  const notes: string[] = [];
  let next = 0;
  let lastCol: Column | undefined;
  for (const cell of cells) {
    const j = lastCol === undefined ? firstColumnFor(columns, cell) : columnFor(columns, cell, next, lastCol);
    const col = columns[j];
    if (col) {
      out[col.name] = cell.text;
      next = j + 1;
      lastCol = col;
      own.push(cell.text);
    } else if (lastCol && joinsPrevious(lastCol, cell)) {
      out[lastCol.name] = `${out[lastCol.name] ?? ''} ${cell.text}`.trim();
      own.push(cell.text);
    } else notes.push(cell.text);
  }
  return { columns: out, cells: own, notes };
}

/** The next column of the cell's kind; failing that, a catch-all column unless the cell joins the last one. */
function columnFor(columns: readonly Column[], cell: Cell, from: number, last: Column): number {
  const fit = columns.findIndex((c, k) => k >= from && ACCEPTS[c.role].includes(cell.type));
  if (fit >= 0 || joinsPrevious(last, cell)) return fit;
  return columns.findIndex((c, k) => k >= from && c.role === 'other');
}

/** A row's first cell sits in the first column when it fits there, else in the main text column. */
function firstColumnFor(columns: readonly Column[], cell: Cell): number {
  const first = columns[0];
  if (first && ACCEPTS[first.role].includes(cell.type)) return 0;
  const text = columns.findIndex((c) => c.role === 'text' || c.role === 'other');
  return text >= 0 ? text : 0;
}

/** An extra cell joins the column just filled when it is of the same kind (two agencies, two text runs). */
function joinsPrevious(last: Column, cell: Cell): boolean {
  if (cell.type === 'agency') return last.role === 'agency';
  if (cell.type === 'target') return last.role === 'target';
  return cell.type === 'text' && (last.role === 'text' || last.role === 'other');
}

/**
 * Rebuild cells from a flattened row: pull unit and target out of lines such as "% 100" or
 * "... đúng hạn. % 100%", then glue broken lines back together. Everything before the unit
 * is the indicator when the table has one text column before the unit column.
 */
function segmentFlat(lines: readonly string[], columns: readonly Column[]): Cell[] {
  const hasUnit = columns.some((c) => c.role === 'unit');
  const frags = hasUnit ? splitUnits(lines) : lines.filter((l) => l !== '').map((text) => ({ text, type: null }));
  const unitAt = frags.findIndex((f) => f.type === 'unit' || f.type === 'target');
  const textCols = columns.filter((c) => c.role === 'text' || c.role === 'other').length;
  const cells: Cell[] = [];
  frags.forEach((f, k) => {
    const prev = cells[cells.length - 1];
    if (f.type !== null) {
      if (f.type === 'target' && prev?.type === 'target') prev.text = `${prev.text} ${f.text}`;
      else cells.push({ text: f.text, type: f.type });
    } else if (prev && prev.type !== 'unit' && prev.type !== 'target' && continues(prev, f.text, k < unitAt && textCols <= 1)) {
      prev.text = `${prev.text} ${f.text}`;
    } else {
      cells.push(typed(f.text));
    }
  });
  if (unitAt < 0 && textCols <= 1) return mergeLeadingText(cells);
  return cells;
}

function continues(prev: Cell, next: string, inIndicator: boolean): boolean {
  if (inIndicator) return true;
  return startsContinuation(next) || endsDangling(prev.text) || unbalanced(prev.text);
}

function unbalanced(s: string): boolean {
  return (s.match(/\(/g) ?? []).length > (s.match(/\)/g) ?? []).length;
}

/** Without a unit to stop at, the indicator runs until the first agency cell. */
function mergeLeadingText(cells: Cell[]): Cell[] {
  const stop = cells.findIndex((c, k) => k > 0 && c.type !== 'text');
  if (stop <= 1) return cells;
  const head = cells.slice(0, stop).map((c) => c.text).join(' ');
  return [{ text: head, type: 'text' }, ...cells.slice(stop)];
}

interface Frag {
  text: string;
  type: CellType | null;
}

function splitUnits(lines: readonly string[]): Frag[] {
  const frags: Frag[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const seenText = frags.some((f) => f.type === null);
    const prev = frags[frags.length - 1];
    const afterUnit = prev?.type === 'unit' || (prev?.type === 'target' && TARGET_QUALIFIER_ONLY.test(prev.text));
    const tut = TEXT_UNIT_TARGET.exec(line);
    const ut = seenText ? UNIT_THEN_TARGET.exec(line) : null;
    if (ut) frags.push({ text: ut[1] ?? '', type: 'unit' }, { text: ut[2] ?? '', type: 'target' });
    else if (tut) frags.push({ text: tut[1] ?? '', type: null }, { text: tut[2] ?? '', type: 'unit' }, { text: tut[3] ?? '', type: 'target' });
    else if (seenText && !afterUnit && UNIT_ONLY.test(line) && !frags.some((f) => f.type === 'unit')) frags.push({ text: line, type: 'unit' });
    else if (afterUnit && (TARGET.test(line) || TARGET_QUALIFIER_ONLY.test(line))) frags.push({ text: line, type: 'target' });
    else frags.push({ text: line, type: null });
  }
  return frags;
}
