/**
 * The clause tree of a cleaned plan: front matter, numbered parts/items/points, bullets and
 * unmarked paragraphs, back matter (recipients, signature), then appendix tables handed to
 * the appendix parser. Every word of the cleaned text lands in exactly one clause.
 */
import type { Footnote } from '../clean.ts';
import type { Clause } from '../types.ts';
import { parseAppendix } from './appendix.ts';
import { finishClauses } from './finish.ts';
import { isAppendixHeading } from './markers.ts';
import { mergeTaskSheets } from './task-sheet.ts';
import { DOC_TITLE, walk } from './walker.ts';

export { BACK_SECTION, FRONT_SECTION, type Draft } from './walker.ts';

export function buildClauses(docId: string, text: string, footnotes: Array<Footnote & { line: number }> = []): Clause[] {
  const lines = text.split('\n');
  const appendixStarts = appendixLines(lines);
  const bodyEnd = appendixStarts[0] ?? lines.length;
  const walker = walk(lines, bodyEnd);
  for (const fn of footnotes) {
    const owner = walker.lineOwner[Math.min(fn.line, bodyEnd - 1)] ?? walker.drafts[walker.drafts.length - 1];
    owner?.footnotes.push(fn.text);
  }
  const clauses = finishClauses(docId, mergeTaskSheets(walker.drafts));
  return [...clauses, ...appendices(docId, lines, appendixStarts, clauses)];
}

/**
 * Where each appendix starts: a "Phụ lục" heading, or a table's own title. A title in capitals
 * right under a "PHỤ LỤC" heading ("DANH MỤC CÁC NHIỆM VỤ, GIẢI" / "PHÁP TRỌNG TÂM …" / "(Kèm
 * theo …)") is that appendix's title wrapped, not a second appendix.
 */
function appendixLines(lines: readonly string[]): number[] {
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (isAppendixHeading(l)) starts.push(i);
    else if (isAttachedTable(lines, i) && !titleOf(lines, starts.at(-1), i)) starts.push(i);
  });
  return starts;
}

/** Whether line `i` is within the first few non-blank lines after the appendix heading at `start`. */
function titleOf(lines: readonly string[], start: number | undefined, i: number): boolean {
  if (start === undefined) return false;
  return lines.slice(start + 1, i).filter((l) => l.trim() !== '').length < 3;
}

/**
 * A table issued with the document under a title of its own ("LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ
 * NĂM 2026 …" then "(Ban hành kèm theo Quyết định số …)", then the table): an appendix too,
 * though it is not called "Phụ lục".
 */
function isAttachedTable(lines: readonly string[], i: number): boolean {
  const title = (lines[i] ?? '').trim().replace(/^[*_#\s]+|[*_\s]+$/g, '');
  if (title.length < 10 || title !== title.toUpperCase() || !/\p{Lu}{3}/u.test(title) || DOC_TITLE.test(title)) return false;
  const next = lines.slice(i + 1, i + 4).join(' ').replace(/[*_]/g, '');
  if (!/^\s*\((?:Ban\s+hành\s+)?kèm\s+theo\b/iu.test(next)) return false;
  return lines.slice(i + 2, i + 14).some((l) => l.trim() === '|');
}

/** Each appendix (up to the next one) goes to the appendix parser; its ids are kept unique. */
function appendices(docId: string, lines: string[], starts: number[], body: Clause[]): Clause[] {
  const used = new Set(body.map((c) => c.id));
  const out: Clause[] = [];
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    const batch = parseAppendix(lines.slice(start, end), { docId, startOrder: body.length + out.length, parentId: null });
    out.push(...uniqueIds(batch, used));
  });
  return out;
}

/** Renames (with `~n`) any appendix id already taken, e.g. by a second "Phụ lục I", and re-points its children. */
function uniqueIds(batch: Clause[], used: Set<string>): Clause[] {
  const renamed = new Map<string, string>();
  const out = batch.map((c) => {
    let id = c.id;
    for (let n = 1; used.has(id); n++) id = `${c.id}~${n}`;
    used.add(id);
    if (id !== c.id) renamed.set(c.id, id);
    return id === c.id ? c : { ...c, id };
  });
  if (renamed.size === 0) return out;
  return out.map((c) => (c.parentId && renamed.has(c.parentId) ? { ...c, parentId: renamed.get(c.parentId) ?? null } : c));
}
