/**
 * Agency successors (corpus/data/agency-successors.json): which body took over the work of an
 * agency the 2025 reorganisation merged or renamed, since when and by what legal act. A plan
 * issued before the change still names the old agency; answers add "(nay là …)", task lists
 * find the old agency's tasks under the new name. Quotes are never changed.
 */
import { z } from 'zod';
import successorData from './data/agency-successors.json' with { type: 'json' };
import type { DocHeader } from './types.ts';
import { fold } from './text/fold.ts';
import { normaliseAgency } from './tasks/agencies.ts';

const schema = z.object({
  bases: z.record(z.string(), z.object({ text: z.string(), effective: z.string().regex(/^\d{4}-\d\d-\d\d$/) })),
  rows: z.array(
    z.object({
      from: z.array(z.string()).optional(),
      pattern: z.string().optional(),
      to: z.string().min(1),
      basis: z.string(),
      note: z.string().optional(),
    }),
  ),
});

export interface Succession {
  /** Today's successor ("Sở Tài chính"). */
  to: string;
  /** The legal act and the date it took effect. */
  basis: { text: string; effective: string };
  note?: string;
}

interface Row extends Succession {
  keys: Set<string>;
  pattern: RegExp | null;
}

/** Folded, punctuation-free, without the province after it ("Sở Kế hoạch và Đầu tư tỉnh Nam Định" → "so ke hoach va dau tu"). */
function key(name: string): string {
  return fold(name)
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+(?:tinh|thanh pho)(?:\s+\S+){0,3}$/, '')
    .trim();
}

const ROWS: readonly Row[] = (() => {
  const data = schema.parse(successorData);
  return data.rows.map((r) => {
    const basis = data.bases[r.basis];
    if (!basis) throw new Error(`agency-successors: unknown basis ${r.basis}`);
    if (!r.from && !r.pattern) throw new Error(`agency-successors: a row for ${r.to} names no predecessor`);
    return {
      to: r.to,
      basis,
      ...(r.note ? { note: r.note } : {}),
      keys: new Set((r.from ?? []).map(key)),
      pattern: r.pattern ? new RegExp(r.pattern) : null,
    };
  });
})();

function rowFor(name: string, province: string | null): Row | null {
  const candidates = [key(name), key(normaliseAgency(name, province))];
  const folded = fold(name).replace(/[^a-z0-9, ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return ROWS.find((r) => candidates.some((k) => r.keys.has(k)) || (r.pattern !== null && r.pattern.test(folded))) ?? null;
}

/** Whether a plan was surely issued before a change took effect (a plan of unknown date counts by its year). */
function predates(header: Pick<DocHeader, 'date' | 'year'>, effective: string): boolean {
  if (header.date) return header.date < effective;
  return header.year !== null && header.year < Number(effective.slice(0, 4));
}

/** The successor of an agency a plan names, when the plan predates the change; else null. */
export function successorOf(name: string, header: Pick<DocHeader, 'date' | 'year' | 'province'>): Succession | null {
  const row = rowFor(name, header.province);
  if (!row || !predates(header, row.basis.effective)) return null;
  return { to: row.to, basis: row.basis, ...(row.note ? { note: row.note } : {}) };
}

/** An office holder named with the body ("Chủ tịch UBND các huyện") keeps the title before its successor. */
const TITLE = /^(Chủ tịch|Giám đốc|Thủ trưởng|Trưởng ban)\s+/iu;

/** Name as written → today's successor, for the agencies among `names` that have one. */
export function successorMap(names: Iterable<string>, header: Pick<DocHeader, 'date' | 'year' | 'province'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const s = successorOf(n, header);
    const title = TITLE.exec(n)?.[1];
    if (s && key(s.to) !== key(n)) out[n] = title ? `${title} ${s.to}` : s.to;
  }
  return out;
}

/** Whether `name` (as an official types it) is today's successor of `former`: "Sở Tài chính" of "Sở Kế hoạch và Đầu tư". */
export function succeeds(name: string, former: string, province: string | null): boolean {
  const row = rowFor(former, province);
  return row !== null && key(normaliseAgency(name, province)) === key(row.to);
}
