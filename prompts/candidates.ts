/**
 * The retrieved clauses as the composer sees them (hit, clause, task, plan header), and
 * which of them the answer is built on.
 */
import type { Clause, DocHeader, Task } from '../corpus/types.ts';
import { extractTargets, parseDeadline } from '../corpus/tasks/index.ts';
import { rowFields, type RowFields } from '../corpus/tasks/rows.ts';
import type { Hit } from '../retrieval/types.ts';
import type { AnswerIntent } from './intent.ts';

/** What the composer reads from the plan store; the bot adapts PlanStore to it. */
export interface AnswerLookup {
  clause(id: string): Clause | undefined;
  /** `ocr`: the plan was read from a scan, so its quotes should be checked against it. */
  document(docId: string): { id: string; header: DocHeader; ocr?: boolean } | undefined;
  taskByClause(clauseId: string): Task | undefined;
  parent(clauseId: string): Clause | undefined;
  /**
   * Reads what the calls above will ask about these hits (clauses, their parents, their plans)
   * from a store that answers asynchronously; the composer awaits it before composing.
   */
  prefetch?(hits: readonly Hit[]): Promise<void>;
}

export interface Candidate {
  hit: Hit;
  /** The stored clause; a hit whose clause is gone still answers from the hit's text. */
  clause: Clause;
  header: DocHeader | null;
  task: Task | undefined;
  /** Appendix rows: the roles of their columns. */
  row: RowFields | null;
  /** The clause's text was read by OCR from a scan. */
  ocr: boolean;
}

export function candidatesOf(hits: readonly Hit[], lookup: AnswerLookup): Candidate[] {
  return hits.map((hit) => {
    const clause = lookup.clause(hit.clauseId) ?? fallbackClause(hit);
    const doc = lookup.document(hit.doc);
    return {
      hit,
      clause,
      header: doc?.header ?? null,
      ocr: doc?.ocr === true,
      task: lookup.taskByClause(hit.clauseId),
      row: clause.columns ? rowFields(clause.columns) : null,
    };
  });
}

function fallbackClause(hit: Hit): Clause {
  return {
    id: hit.clauseId, docId: hit.doc, section: hit.section, kind: 'paragraph', label: null, breadcrumb: [],
    text: hit.text, parentId: null, order: 0, depth: 0,
  };
}

export function hasAgencies(c: Candidate): boolean {
  return (c.task?.lead.length ?? 0) > 0 || Boolean(c.row?.lead);
}

export function deadlineOf(c: Candidate): { text: string; date: string | null } | null {
  return c.task?.deadline ?? parseDeadline(c.clause.text, c.header?.year ?? null);
}

export function targetsOf(c: Candidate): string[] {
  if (c.task?.targets.length) return c.task.targets;
  return extractTargets(c.clause.text);
}

/** Whether a candidate carries what the intent asks for. */
export function fits(c: Candidate, intent: AnswerIntent): boolean {
  switch (intent) {
    case 'lead':
    case 'coordinate':
    case 'assignment':
      return hasAgencies(c);
    case 'deadline':
      return deadlineOf(c) !== null;
    case 'target':
      return targetsOf(c).length > 0;
    case 'other':
      return true;
  }
}

/**
 * How far down the ranking the composer looks for a clause that carries what was asked,
 * and how close to the top hit's score it must be. Retrieval already re-ranks by intent,
 * so this only settles near-ties; a wide window would trade the best citation for a
 * worse clause that merely has the right shape.
 */
const LOOK_DOWN = 3;
const NEAR_TOP = 0.85;

export function choose(candidates: readonly Candidate[], intent: AnswerIntent): Candidate | undefined {
  const top = candidates[0];
  if (!top) return undefined;
  const near = candidates.slice(0, LOOK_DOWN).filter((c) => c.hit.score >= top.hit.score * NEAR_TOP);
  return near.find((c) => fits(c, intent)) ?? top;
}
