/**
 * Turns the walker's drafts into Clause records: stable ids, unwrapped text, footnotes, the
 * breadcrumb of ancestor headings, depth and order.
 */
import { unwrapLines } from '../clean.ts';
import type { Clause } from '../types.ts';
import type { Draft } from './walker.ts';

/** Ancestors longer than this are body text, not headings, and stay out of the breadcrumb. */
const MAX_HEADING_CHARS = 200;

export function finishClauses(docId: string, drafts: Draft[]): Clause[] {
  const ids = assignIds(docId, drafts);
  const texts = new Map(drafts.map((d) => [d, unwrapLines(d.lines)]));
  return drafts.map((d, order) => {
    const ancestors = ancestorsOf(d);
    const own = texts.get(d) ?? '';
    return {
      id: ids.get(d) ?? '',
      docId,
      section: d.section,
      kind: d.kind,
      label: d.label,
      breadcrumb: ancestors.map((a) => texts.get(a) ?? '').filter((t) => t !== '' && t.length <= MAX_HEADING_CHARS),
      // A clause's footnotes are its own words moved off the page foot; they follow its text.
      text: [own, ...d.footnotes].filter((t) => t !== '').join(' '),
      parentId: d.parent ? (ids.get(d.parent) ?? null) : null,
      order,
      depth: ancestors.length,
    };
  });
}

/**
 * `${docId}#${section}` for the first numbered clause of a section; unnumbered clauses (and a
 * repeated number) take the next `~n` of their section, counted in document order, so the
 * same text always yields the same ids.
 */
function assignIds(docId: string, drafts: Draft[]): Map<Draft, string> {
  const ids = new Map<Draft, string>();
  const used = new Set<string>();
  const counters = new Map<string, number>();
  for (const d of drafts) {
    const base = `${docId}#${d.section}`;
    let id = base;
    if (!d.numbered || used.has(base)) {
      do {
        const n = (counters.get(d.section) ?? 0) + 1;
        counters.set(d.section, n);
        id = `${base}~${n}`;
      } while (used.has(id));
    }
    used.add(id);
    ids.set(d, id);
  }
  return ids;
}

/** Outermost first. */
function ancestorsOf(d: Draft): Draft[] {
  const out: Draft[] = [];
  for (let p = d.parent; p; p = p.parent) out.unshift(p);
  return out;
}
