import type { TaskRecord } from '../../corpus/store/documents.ts';

/** The contract's task object: `doc` is the document id, `text` the verbatim source text. */
export function toTaskJson(t: TaskRecord) {
  return {
    id: t.id,
    doc: t.docId,
    section: t.section,
    text: t.text,
    lead: t.lead,
    coordinators: t.coordinators,
    evaluators: t.evaluators,
    reportTo: t.reportTo,
    now: t.now,
    canonical: t.canonical,
    deadline: t.deadline,
    status: t.status,
    targets: t.targets,
    removed: t.removedAt !== null,
  };
}

export type TaskJson = ReturnType<typeof toTaskJson>;
