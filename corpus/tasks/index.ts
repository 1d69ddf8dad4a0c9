import { successorMap } from '../successors.ts';
import type { Clause, Deadline, ParsedDocument, Task } from '../types.ts';
import { asWritten, isAgency, normaliseAgency, splitAgencies } from './agencies.ts';
import { reportRecipients } from './report-to.ts';
import { assignTaskCodes } from './code.ts';
import { parseDeadline } from './deadline.ts';
import { fold } from './fold.ts';
import { findRoles, type Roles } from './roles.ts';
import { rowFields, rowRoles, rowTargets } from './rows.ts';
import { extractTargets } from './targets.ts';

export { assignTaskCodes, taskCode } from './code.ts';
export { isAgency, normaliseAgency, splitAgencies } from './agencies.ts';
export { parseDeadline } from './deadline.ts';
export { extractTargets } from './targets.ts';

/**
 * Tasks of a parsed plan: every clause or appendix row that assigns work to a concrete agency,
 * with its leads (own, or inherited from the heading or parent row above it), coordinators,
 * deadline and targets. Pure: the document in, tasks out, in document order.
 */

/** Sections that state goals or requirements assign no work ("I. MỤC TIÊU, YÊU CẦU"); funding sections may ("Sở Tài chính chủ trì bố trí kinh phí"). */
const NON_TASK_HEADING = /^(muc tieu|muc dich|yeu cau|quan diem|can cu)/;
const NO_TASK_KINDS = new Set<Clause['kind']>(['front', 'back']);

interface Context {
  byId: Map<string, Clause>;
  /** parentId → its first child in document order. */
  firstChild: Map<string, Clause>;
  roles: Map<string, Roles>;
}

function rolesOf(clause: Clause, ctx: Context): Roles {
  let roles = ctx.roles.get(clause.id);
  if (!roles) {
    roles = clause.columns ? rowRoles(rowFields(clause.columns)) : findRoles(clause.text);
    ctx.roles.set(clause.id, roles);
  }
  return roles;
}

function* ancestors(clause: Clause, ctx: Context): Generator<Clause> {
  const seen = new Set<string>();
  for (let id = clause.parentId; id && !seen.has(id); ) {
    seen.add(id);
    const parent = ctx.byId.get(id);
    if (!parent) return;
    yield parent;
    id = parent.parentId;
  }
}

function inNonTaskSection(clause: Clause, ctx: Context): boolean {
  if (clause.breadcrumb.some((h) => NON_TASK_HEADING.test(fold(h)))) return true;
  for (const a of ancestors(clause, ctx)) if (NON_TASK_HEADING.test(fold(a.text))) return true;
  // Only a short heading names a section; "Yêu cầu các sở, ban, ngành …" is itself an instruction.
  return clause.kind !== 'row' && clause.text.length <= 80 && NON_TASK_HEADING.test(fold(clause.text));
}

/** Leads (and their coordinators) of the nearest ancestor that names any: a heading over bullets, a parent row. */
function inheritedRoles(clause: Clause, ctx: Context): Roles | null {
  for (const a of ancestors(clause, ctx)) {
    if (NO_TASK_KINDS.has(a.kind)) continue;
    // A table row inherits only from its parent rows, never from the appendix title above the table.
    if ((clause.columns || a.kind === 'appendix') && !a.columns) continue;
    const roles = rolesOf(a, ctx);
    if (roles.leads.length > 0) return roles;
    // "1." alone on its line, then "Sở Nông nghiệp và Môi trường" as its first paragraph, then the bullets.
    const head = ctx.firstChild.get(a.id);
    if (head && head.id !== clause.id && head.kind === 'paragraph') {
      const headRoles = rolesOf(head, ctx);
      if (headRoles.headingOnly) return headRoles;
    }
  }
  return null;
}

/** Names as written, one per agency: a second spelling of an agency already listed ("Sở KH&ĐT" after "Sở Kế hoạch và Đầu tư") is dropped. */
function written(names: readonly string[], province: string | null, taken: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const n of names) {
    const name = asWritten(n);
    const canonical = normaliseAgency(name, province);
    if (!name || taken.has(canonical)) continue;
    taken.add(canonical);
    out.push(name);
  }
  return out;
}

function canonicalOf(names: readonly string[], province: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const c = normaliseAgency(n, province);
    if (c && c !== n) out[n] = c;
  }
  return out;
}

function deadlineOf(clause: Clause, year: number | null): Deadline | null {
  const cell = clause.columns ? rowFields(clause.columns).deadline : undefined;
  if (cell) return parseDeadline(cell, year) ?? { text: cell, date: null };
  return parseDeadline(clause.text, year);
}

function targetsOf(clause: Clause): string[] {
  const fromRow = clause.columns ? rowTargets(rowFields(clause.columns)) : [];
  return fromRow.length > 0 ? fromRow : extractTargets(clause.text);
}

type Draft = Omit<Task, 'id'>;

function draftOf(clause: Clause, doc: ParsedDocument, ctx: Context): Draft | null {
  if (NO_TASK_KINDS.has(clause.kind) || !clause.text.trim()) return null;
  if (clause.kind === 'appendix' && !clause.columns) return null;
  const own = rolesOf(clause, ctx);
  // "b) Sở Y tế:" over bullets is the bullets' lead, not a task of its own.
  if (own.headingOnly) return null;
  if (inNonTaskSection(clause, ctx)) return null;
  const inherited = own.leads.length > 0 ? null : inheritedRoles(clause, ctx);
  const province = doc.header.province;
  const taken = new Set<string>();
  const lead = written(own.leads.length > 0 ? own.leads : (inherited?.leads ?? []), province, taken);
  if (lead.length === 0) return null;
  const coordinatorsRaw = own.coordinators.length > 0 ? own.coordinators : (inherited?.coordinators ?? []);
  const coordinators = written(coordinatorsRaw, province, taken);
  const evaluatorCell = clause.columns ? rowFields(clause.columns).evaluator : undefined;
  const evaluators = written(evaluatorCell ? splitAgencies(evaluatorCell).filter(isAgency) : [], province, new Set());
  const reportTo = written(reportRecipients(clause.text), province, new Set());
  const all = [...lead, ...coordinators, ...evaluators, ...reportTo];
  return {
    key: clause.id,
    docId: doc.id,
    clauseId: clause.id,
    section: clause.section,
    text: clause.text,
    lead,
    coordinators,
    evaluators,
    reportTo,
    canonical: canonicalOf(all, province),
    now: successorMap(all, doc.header),
    deadline: deadlineOf(clause, doc.header.year),
    targets: targetsOf(clause),
  };
}

export function extractTasks(doc: ParsedDocument): Task[] {
  const ctx: Context = {
    byId: new Map(doc.clauses.map((c) => [c.id, c])),
    firstChild: new Map(),
    roles: new Map(),
  };
  const ordered = [...doc.clauses].sort((a, b) => a.order - b.order);
  for (const c of ordered) if (c.parentId && !ctx.firstChild.has(c.parentId)) ctx.firstChild.set(c.parentId, c);
  const drafts = ordered.map((c) => draftOf(c, doc, ctx)).filter((d): d is Draft => d !== null);
  const codes = assignTaskCodes(
    drafts.map((d) => d.key),
    doc.header.province,
    doc.header.year,
  );
  return drafts.map((d, i) => ({ id: codes[i] ?? '', ...d }));
}
