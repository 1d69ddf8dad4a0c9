/**
 * Second pass: cut the table body into group rows ("I", "II": a heading inside the table)
 * and data rows, each data row keeping its own items for the cell pass.
 *
 * A bare number is a row number only when it is the number the table would write next
 * (the sibling, the first child or a fresh "1" after a group): that keeps a target such as
 * "80" on its own line from opening a row.
 */
import type { TableItem, TableLayout } from './appendix-table.ts';
import {
  endsDangling,
  GROUP_INLINE,
  GROUP_LABEL,
  isRoman,
  labelParts,
  ROW_LABEL,
  ROW_LABEL_INLINE,
  startsContinuation,
} from './appendix-vocab.ts';

export interface GroupEntry {
  kind: 'group';
  label: string;
  title: string;
}

export interface RowEntry {
  kind: 'row';
  /** Row number as written ("01", "1.", "2.1"); null for a row the table left unnumbered. */
  label: string | null;
  items: string[];
  /**
   * A pipe row without a number under a complete row: the numbered row spans it (merged
   * cells), so its cells fill the rightmost columns and it shares the numbered row's section.
   */
  spanned?: boolean;
}

export type TableEntry = GroupEntry | RowEntry;

/** `width` is the number of header columns. */
export function splitRows(body: readonly TableItem[], layout: TableLayout, width: number): TableEntry[] {
  return layout === 'pipe' ? splitPipeRows(body, width) : splitStreamRows(body, layout === 'flat');
}

/** Pipe tables say where rows begin; a "row" without a label is a cell cut off by an empty neighbour. */
function splitPipeRows(body: readonly TableItem[], width: number): TableEntry[] {
  const entries: TableEntry[] = [];
  let i = 0;
  while (i < body.length) {
    let j = i + 1;
    while (j < body.length && !body[j]?.rowStart) j += 1;
    const cells = body.slice(i, j).map((c) => c.text);
    appendPipeRow(entries, cells, width);
    i = j;
  }
  return entries;
}

function appendPipeRow(entries: TableEntry[], cells: string[], width: number): void {
  const [first = '', ...rest] = cells;
  const group = groupOf(first, false);
  const last = entries[entries.length - 1];
  if (group && (group.title !== '' || rest.length > 0) && !rest.slice(1).some((c) => c !== '')) {
    entries.push({ kind: 'group', label: group.label, title: [group.title, ...rest].filter(Boolean).join(' ') });
  } else if (ROW_LABEL.test(first)) {
    entries.push({ kind: 'row', label: first, items: rest });
  } else if (last?.kind === 'row' && cells.length >= 2 && (last.spanned || last.items.length + 1 >= width)) {
    entries.push({ kind: 'row', label: null, items: cells, spanned: true });
  } else if (last?.kind === 'row') {
    last.items.push(...cells);
  } else {
    entries.push({ kind: 'row', label: null, items: cells });
  }
}

/** Flat and tab streams: rows open at expected numbers, groups at Roman numerals. */
function splitStreamRows(body: readonly TableItem[], flat: boolean): TableEntry[] {
  const entries: TableEntry[] = [];
  const numbering = new Numbering();
  let i = 0;
  while (i < body.length) {
    const text = body[i]?.text ?? '';
    const group = groupOf(text, flat);
    if (group) {
      i = readGroupTitle(body, i, group, flat, entries);
      numbering.newGroup();
      continue;
    }
    const row = rowStartOf(text, numbering);
    if (row) {
      entries.push({ kind: 'row', label: row.label, items: row.rest ? [row.rest] : [] });
      numbering.saw(row.label);
    } else {
      const last = entries[entries.length - 1];
      if (last?.kind === 'row') last.items.push(text);
      else entries.push({ kind: 'row', label: null, items: [text] });
    }
    i += 1;
  }
  return entries;
}

/** Group title: the rest of the label line, or the next item; flat lines cut mid-phrase continue it. */
function readGroupTitle(
  body: readonly TableItem[],
  at: number,
  group: { label: string; title: string },
  flat: boolean,
  entries: TableEntry[],
): number {
  let i = at + 1;
  const parts = group.title ? [group.title] : [];
  if (parts.length === 0 && i < body.length) parts.push(body[i++]?.text ?? '');
  while (flat && i < body.length) {
    const next = body[i]?.text ?? '';
    const prev = parts[parts.length - 1] ?? '';
    if (ROW_LABEL.test(next) || !(startsContinuation(next) || endsDangling(prev))) break;
    parts.push(next);
    i += 1;
  }
  entries.push({ kind: 'group', label: group.label, title: parts.join(' ') });
  return i;
}

function groupOf(text: string, flat: boolean): { label: string; title: string } | null {
  const bare = GROUP_LABEL.exec(text);
  if (bare?.[1] && (isRoman(bare[1]) || !flat || text.endsWith('.'))) return { label: text, title: '' };
  const inline = GROUP_INLINE.exec(text);
  if (!inline?.[1]) return null;
  const dotted = text.startsWith(`${inline[1]}.`);
  if (!isRoman(inline[1]) && !(dotted && !flat)) return null;
  return { label: dotted ? `${inline[1]}.` : inline[1], title: inline[2] ?? '' };
}

function rowStartOf(text: string, numbering: Numbering): { label: string; rest: string } | null {
  if (ROW_LABEL.test(text)) return numbering.expects(text) ? { label: text, rest: '' } : null;
  const inline = ROW_LABEL_INLINE.exec(text);
  if (!inline?.[1] || !numbering.expects(inline[1])) return null;
  const label = text.slice(0, text.length - (inline[2] ?? '').length).trim();
  return { label, rest: inline[2] ?? '' };
}

/** Which row numbers may come next, given the last one seen in this group and overall. */
class Numbering {
  private last: number[] | null = null;
  private lastOverall: number[] | null = null;

  newGroup(): void {
    this.last = null;
  }

  saw(label: string): void {
    this.last = labelParts(label);
    this.lastOverall = this.last;
  }

  expects(label: string): boolean {
    const parts = labelParts(label);
    if (parts.some((p) => !Number.isFinite(p))) return false;
    const key = parts.join('.');
    return this.candidates().some((c) => c.join('.') === key);
  }

  private candidates(): number[][] {
    // A group (or the table) opens with 1 or 1.1; later a stray "1" is more likely a target.
    const out: number[][] = this.last === null ? [[1], [1, 1]] : [];
    for (const base of [this.last, this.lastOverall]) {
      if (!base) continue;
      out.push([...base, 1]);
      for (let k = 1; k <= base.length; k += 1) {
        const prefix = base.slice(0, k);
        prefix[k - 1] = (prefix[k - 1] ?? 0) + 1;
        out.push(prefix);
      }
    }
    return out;
  }
}
