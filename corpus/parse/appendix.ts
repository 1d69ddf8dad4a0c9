/**
 * Appendix tables (Phụ lục) → clauses: one for the heading, one per group row ("I", "II"),
 * one per table row with its cells under the table's own column names, and one paragraph
 * per note that qualifies a row. Pure: lines in, clauses out; never throws on odd input.
 */
import type { Clause } from '../types.ts';
import { placeRow } from './appendix-cells.ts';
import { splitRows, type GroupEntry, type RowEntry } from './appendix-rows.ts';
import { readTableShape, type TableShape } from './appendix-table.ts';
import { columnRole, isRoman, labelParts } from './appendix-vocab.ts';
import { finishClauses } from './finish.ts';
import { mergeTaskSheets } from './task-sheet.ts';
import { FRONT_SECTION, walk } from './walker.ts';

export { appendixHasTable } from './appendix-table.ts';

export interface AppendixContext {
  docId: string;
  startOrder: number;
  parentId: string | null;
  /** Depth of the heading clause; defaults to 0 at top level, 1 under a parent. */
  depth?: number;
}

export function parseAppendix(lines: string[], ctx: AppendixContext): Clause[] {
  const shape = readTableShape(lines.map((l) => l.normalize('NFC')));
  const b = new AppendixBuilder(ctx, shape);
  if (shape.columns.length === 0) {
    // The walk reads the raw lines from the body's first on: blank lines tell paragraphs apart.
    const first = shape.body[0]?.line;
    b.outline(first === undefined ? [] : lines.slice(first));
    return b.clauses;
  }
  for (const entry of splitRows(shape.body, shape.layout, shape.columns.length)) {
    if (entry.kind === 'group') b.group(entry);
    else b.row(entry);
  }
  return b.clauses;
}

interface GroupState {
  label: string;
  letter: boolean;
  clause: Clause;
}

/** "Phụ lục", "PHỤ LỤC I", "Phụ lục 02": the numeral tells several appendices of one plan apart. */
const HEADING = /^ph[uụ] l[uụ]c(?:\s+([IVXLC]+|\d{1,2}|[A-Z])\b)?/iu;

class AppendixBuilder {
  readonly clauses: Clause[] = [];
  private readonly ids = new Map<string, number>();
  private readonly heading: Clause;
  private readonly base: string;
  private readonly crumb: string;
  private groups: GroupState[] = [];
  /** Rows of the current group by numeric label, to find a sub-row's parent ("2" for "2.1"). */
  private rows = new Map<string, Clause>();
  private lastRow: Clause | undefined;

  constructor(
    private readonly ctx: AppendixContext,
    private readonly shape: TableShape,
  ) {
    const m = HEADING.exec(shape.headingLine);
    this.base = m?.[1] ? `Phụ lục ${m[1]}` : 'Phụ lục';
    const title = m ? shape.title : [shape.headingLine, ...shape.title].filter(Boolean);
    this.crumb = [this.base, withoutAttachment(title.join(' '))].filter(Boolean).join(' ');
    const text = [...title, ...shape.columns].join(' ');
    const depth = ctx.depth ?? (ctx.parentId ? 1 : 0);
    this.heading = this.add({ section: this.base, kind: 'appendix', label: m ? shape.headingLine : null, breadcrumb: [], text, parentId: ctx.parentId, depth });
  }

  /**
   * An appendix without a recognisable table is read as the body of a plan is (walker.ts):
   * "IV. LĨNH VỰC BƯU CHÍNH", "1. Thủ tục cấp giấy phép bưu chính", "1.1. Nội dung đề xuất" become
   * Phụ lục.IV, Phụ lục.IV.1, Phụ lục.IV.1.1 with their headings above their text, rather than
   * one flat run of paragraphs in which a procedure's words never meet its name.
   */
  outline(lines: readonly string[]): void {
    const drafts = mergeTaskSheets(walk(lines).drafts);
    for (const d of drafts) d.section = d.section && d.section !== FRONT_SECTION ? `${this.base}.${d.section}` : this.base;
    const below = this.heading.depth + 1;
    // Unnumbered paragraphs take ids from `~1` on: the heading keeps the bare section.
    for (const c of finishClauses(this.ctx.docId, drafts)) {
      this.clauses.push({
        ...c,
        kind: c.kind === 'front' ? 'paragraph' : c.kind,
        breadcrumb: [this.crumb, ...c.breadcrumb],
        parentId: c.parentId ?? this.heading.id,
        order: this.ctx.startOrder + this.clauses.length,
        depth: c.depth + below,
      });
    }
  }

  group(entry: GroupEntry): void {
    const bare = entry.label.replace(/\.$/, '');
    const top = this.groups[0];
    const nextLetter = top?.letter ? String.fromCharCode(top.label.charCodeAt(0) + 1) : null;
    const letter = bare === nextLetter || !isRoman(bare);
    const outer = letter ? [] : this.groups.filter((g) => g.letter);
    const parent = outer[outer.length - 1]?.clause ?? this.heading;
    const section = [this.sectionOfGroups(outer), bare].join('.');
    const breadcrumb = [this.crumb, ...outer.map((g) => g.clause.text)];
    const clause = this.add({ section, kind: 'appendix', label: entry.label, breadcrumb, text: entry.title, parentId: parent.id, depth: parent.depth + 1 });
    this.groups = [...outer, { label: bare, letter, clause }];
    this.rows = new Map();
    this.lastRow = undefined;
  }

  row(entry: RowEntry): void {
    if (entry.spanned && this.lastRow) {
      this.spannedRow(entry, this.lastRow);
      return;
    }
    const placed = placeRow(this.shape.columns, entry.items, this.shape.exact);
    const label = entry.label?.replace(/\.$/, '') ?? null;
    const parentRow = label ? this.parentRowOf(label) : undefined;
    const owner = parentRow ?? this.groups[this.groups.length - 1]?.clause ?? this.heading;
    const section = label ? `${parentRow ? parentRow.section : this.sectionOfGroups(this.groups)}.${lastPart(label, parentRow)}` : owner.section;
    const columns = this.columnsOf(entry.label, placed.columns, parentRow);
    const breadcrumb = [...owner.breadcrumb, owner === this.heading ? this.crumb : headingText(owner)];
    const clause = this.add({ section, kind: 'row', label: entry.label, breadcrumb, text: placed.cells.join(' '), parentId: owner.id, depth: owner.depth + 1, columns });
    if (label) this.rows.set(labelParts(label).join('.'), clause);
    this.lastRow = clause;
    const qualified = parentRow ?? clause;
    for (const note of placed.notes) {
      this.add({ section: qualified.section, kind: 'paragraph', label: null, breadcrumb: [...qualified.breadcrumb, headingText(qualified)], text: note, parentId: qualified.id, depth: qualified.depth + 1 });
    }
  }

  /** A sub-line of a row with merged cells: same section, the merged cells copied from the row. */
  private spannedRow(entry: RowEntry, spanning: Clause): void {
    const placed = placeRow(this.shape.columns, entry.items, this.shape.exact, true);
    const columns: Record<string, string> = {};
    for (const name of this.shape.columns) {
      const value = placed.columns[name] ?? (columnRole(name) === 'label' ? undefined : spanning.columns?.[name]);
      if (value) columns[name] = value;
    }
    const { section, breadcrumb, parentId, depth } = spanning;
    this.add({ section, kind: 'row', label: null, breadcrumb, text: placed.cells.join(' '), parentId, depth, columns });
  }

  private parentRowOf(label: string): Clause | undefined {
    const parts = labelParts(label);
    for (let k = parts.length - 1; k >= 1; k -= 1) {
      const found = this.rows.get(parts.slice(0, k).join('.'));
      if (found) return found;
    }
    return undefined;
  }

  /** Sub-rows often leave the agency cells to their parent row ("2.1" under "2"): inherit them. */
  private columnsOf(label: string | null, own: Record<string, string>, parentRow: Clause | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    const labelCol = this.shape.columns.find((c) => columnRole(c) === 'label');
    if (label && labelCol) out[labelCol] = label;
    for (const name of this.shape.columns) {
      const value = own[name] ?? (columnRole(name) === 'agency' ? parentRow?.columns?.[name] : undefined);
      if (value) out[name] = value;
    }
    return out;
  }

  private sectionOfGroups(groups: readonly GroupState[]): string {
    return [this.base, ...groups.map((g) => g.label)].join('.');
  }

  private add(c: Omit<Clause, 'id' | 'docId' | 'order'>): Clause {
    const n = this.ids.get(c.section) ?? 0;
    this.ids.set(c.section, n + 1);
    const id = `${this.ctx.docId}#${c.section}${n === 0 ? '' : `~${n}`}`;
    const clause: Clause = { id, docId: this.ctx.docId, order: this.ctx.startOrder + this.clauses.length, ...c };
    this.clauses.push(clause);
    return clause;
  }
}

/** A sub-row's section extends its parent's: "Phụ lục.8" + "8.5" → "Phụ lục.8.5". */
function lastPart(label: string, parentRow: Clause | undefined): string {
  if (!parentRow?.label) return label;
  const parentLabel = parentRow.label.replace(/\.$/, '');
  return label.startsWith(`${parentLabel}.`) ? label.slice(parentLabel.length + 1) : label;
}

/** What a row contributes to its children's breadcrumb: its indicator/task cell, else its text. */
function headingText(c: Clause): string {
  const cols = c.columns ?? {};
  const key = Object.keys(cols).find((k) => columnRole(k) === 'text');
  return (key ? cols[key] : undefined) ?? c.text;
}

/** The title without "(Kèm theo Kế hoạch số ...)": the breadcrumb names the appendix, not its filing. */
function withoutAttachment(title: string): string {
  const i = title.search(/\(\s*(?:ban h[aà]nh\s+)?k[eè]m theo/iu);
  return (i >= 0 ? title.slice(0, i) : title).trim();
}
