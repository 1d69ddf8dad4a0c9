/**
 * The plan store as the retriever reads it: which documents there are (and what identifies
 * their content), their clauses as passages, and single clauses at question time.
 */
import type { PlanStore } from '../corpus/store/documents.ts';
import type { Clause, DocHeader, Task } from '../corpus/types.ts';
import type { AnswerLookup } from '../prompts/candidates.ts';
import type { ClauseSource, DocStamp, Hit, Passage } from './types.ts';

/** The header fields the index keeps of a stored document. */
export function headerOf(d: DocHeader): DocHeader {
  return {
    issuer: d.issuer, number: d.number, date: d.date, province: d.province, year: d.year, title: d.title, implements: d.implements, kind: d.kind,
    issuerKind: d.issuerKind ?? null, scope: d.scope ?? null, period: d.period ?? null, docType: d.docType ?? null,
  };
}

/** What identifies a stored plan's content for the index: its file and when it was (re-)read. */
export async function documentStamps(plans: PlanStore): Promise<DocStamp[]> {
  return (await plans.listDocuments()).map((d) => ({ id: d.id, fingerprint: `${d.sha256}:${d.ingestedAt}`, clauses: d.clauseCount }));
}

/** The clauses of stored plans (all, or those of `docIds`), with their document, as the retriever indexes them. */
export async function passagesOf(plans: PlanStore, docIds?: readonly string[]): Promise<Passage[]> {
  // A batch of a first build names a few plans: read just those, not the whole plan list each time.
  const summaries = docIds ? await Promise.all(docIds.map((id) => plans.getDocument(id))) : await plans.listDocuments();
  const out: Passage[] = [];
  for (const d of summaries) {
    if (!d || d.retiredAt !== null) continue;
    const doc = { id: d.id, header: headerOf(d) };
    for (const clause of await plans.listClauses(d.id)) out.push({ clause, doc });
  }
  return out;
}

/** Candidates' clauses read from the store at question time. */
export function storeClauses(plans: PlanStore): ClauseSource {
  return { clauses: async (ids) => plans.getClauses(ids) };
}

/** Clauses kept between a prefetch and the composer's reads; past this many the oldest go. */
const LOOKUP_CLAUSES = 2000;

/**
 * What the answer composer reads, from the store: a hit's clause and its parent are read by
 * `prefetch` before composing (the store answers asynchronously), the plans' headers are kept
 * and re-read by `refresh` after each ingest.
 */
export function storeLookup(plans: PlanStore, taskByClause: (clauseId: string) => Task | undefined): AnswerLookup & { refresh(): Promise<void> } {
  const clauses = new Map<string, Clause>();
  let documents = new Map<string, { id: string; header: DocHeader; ocr: boolean }>();
  const keep = (list: readonly Clause[]) => {
    for (const c of list) {
      clauses.delete(c.id);
      clauses.set(c.id, c);
    }
    for (const id of clauses.keys()) {
      if (clauses.size <= LOOKUP_CLAUSES) break;
      clauses.delete(id);
    }
  };
  const refresh = async () => {
    documents = new Map((await plans.listDocuments()).map((d) => [d.id, { id: d.id, header: headerOf(d), ocr: d.ocrPages > 0 }]));
  };
  return {
    refresh,
    // Read for every question: a re-read plan's clause keeps its id but may change its text.
    async prefetch(hits: readonly Hit[]) {
      const own = await plans.getClauses(hits.map((h) => h.clauseId));
      keep(own);
      keep(await plans.getClauses(own.flatMap((c) => (c.parentId ? [c.parentId] : []))));
      if (hits.some((h) => !documents.has(h.doc))) await refresh();
    },
    clause: (id) => clauses.get(id),
    document: (docId) => documents.get(docId),
    taskByClause,
    parent: (clauseId) => {
      const parentId = clauses.get(clauseId)?.parentId;
      return parentId ? clauses.get(parentId) : undefined;
    },
  };
}
