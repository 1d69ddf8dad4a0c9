/**
 * Plans written as task sheets give each task as a numbered item whose parts are labelled
 * fields, one per point or paragraph:
 *
 *   1.1. Xây dựng các Chiến lược triển khai …:
 *   a) Nhiệm vụ: Tham mưu UBND Thành phố …
 *   b) Cơ quan thực hiện: - Đơn vị chủ trì: Sở Khoa học và Công nghệ. - Đơn vị phối hợp: …
 *   c) Thời gian thực hiện: Hoàn thành trong năm 2025.
 *
 * Split into clauses, the task would lose its lead and its deadline to clauses that say only
 * "Đơn vị chủ trì: Sở …". The fields belong to the item: they are merged into it, so the task,
 * who does it and by when are one clause, quoted and cited together.
 */
import { fold } from '../text/fold.ts';
import type { Draft } from './walker.ts';

/** A field label opening a point or paragraph, folded, with its colon within the first words. */
const FIELD = /^(?:nhiem vu|noi dung(?: cong viec| thuc hien)?|(?:co quan|don vi)(?: chu tri| phoi hop| thuc hien| tham muu)?(?: chu tri| thuc hien)?|thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?|san pham(?: dau ra)?|ket qua(?: dau ra)?|kinh phi(?: thuc hien)?|nguon kinh phi)\s*:/;
/** Fields that make a sheet a task sheet: who does the work, or by when. */
const ROLE_OR_TIME = /^(?:(?:co quan|don vi)|thoi gian|thoi han|tien do)/;

function opening(d: Draft): string {
  return fold((d.lines[0] ?? '').slice(0, 60)).replace(/^[-+•*\s]+/, '');
}

function isField(d: Draft): boolean {
  return FIELD.test(opening(d));
}

/** Drafts whose parent is `p`, in document order. */
function childrenOf(drafts: readonly Draft[], p: Draft): Draft[] {
  return drafts.filter((d) => d.parent === p);
}

function descendantsOf(drafts: readonly Draft[], p: Draft): Set<Draft> {
  const out = new Set<Draft>();
  for (const d of drafts) {
    for (let a = d.parent; a; a = a.parent) {
      if (a === p) {
        out.add(d);
        break;
      }
    }
  }
  return out;
}

/** The children of `p` form a task sheet: two fields or more, half of them at least, one naming an agency or a time. */
function isTaskSheet(children: readonly Draft[]): boolean {
  const fields = children.filter(isField);
  return fields.length >= 2 && fields.length * 2 >= children.length && fields.some((f) => ROLE_OR_TIME.test(opening(f)));
}

/** Merges each task sheet's fields into their item, in document order; other drafts are kept as they are. */
export function mergeTaskSheets(drafts: readonly Draft[]): Draft[] {
  const merged = new Set<Draft>();
  for (const p of drafts) {
    if (merged.has(p) || !p.numbered) continue;
    const children = childrenOf(drafts, p);
    if (!isTaskSheet(children)) continue;
    const inner = descendantsOf(drafts, p);
    for (const d of drafts) {
      if (!inner.has(d)) continue;
      p.lines.push(...d.lines);
      p.footnotes.push(...d.footnotes);
      merged.add(d);
    }
  }
  return drafts.filter((d) => !merged.has(d));
}
