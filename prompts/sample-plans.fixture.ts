/**
 * Test fixture: the five sample plans parsed, their tasks extracted and indexed in an
 * in-memory database (lexical lane only, no model), behind the assistant. The same path
 * the app takes, minus the plan store's persistence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../corpus/parse/index.ts';
import { extractTasks } from '../corpus/tasks/index.ts';
import type { Clause, ParsedDocument, Task } from '../corpus/types.ts';
import { createRetriever } from '../retrieval/retriever.ts';
import type { Passage } from '../retrieval/types.ts';
import { createAssistant, type Assistant, type AnswerLookup, type AssistantLogger, type LlmClient } from './assistant.ts';

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'plans');

export interface SampleCorpus {
  docs: ParsedDocument[];
  tasks: Task[];
  lookup: AnswerLookup;
  passages: Passage[];
}

export function loadSampleCorpus(): SampleCorpus {
  const docs = fs.readdirSync(PLANS).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => parseDocument(f, fs.readFileSync(path.join(PLANS, f), 'utf8')));
  const tasks = docs.flatMap((d) => extractTasks(d));
  const clauses = new Map<string, Clause>(docs.flatMap((d) => d.clauses.map((c) => [c.id, c] as const)));
  const byClause = new Map<string, Task>();
  for (const t of tasks) if (!byClause.has(t.clauseId)) byClause.set(t.clauseId, t);
  const headers = new Map(docs.map((d) => [d.id, d.header]));
  const lookup: AnswerLookup = {
    clause: (id) => clauses.get(id),
    document: (docId) => {
      const header = headers.get(docId);
      return header ? { id: docId, header } : undefined;
    },
    taskByClause: (id) => byClause.get(id),
    parent: (id) => {
      const parentId = clauses.get(id)?.parentId;
      return parentId ? clauses.get(parentId) : undefined;
    },
  };
  const passages = docs.flatMap((d) => d.clauses.map((clause) => ({ clause, doc: { id: d.id, header: d.header } })));
  return { docs, tasks, lookup, passages };
}

export async function sampleAssistant(opts: { llm?: LlmClient | null; logger?: AssistantLogger } = {}): Promise<Assistant> {
  const corpus = loadSampleCorpus();
  const retriever = createRetriever({ taskByClause: corpus.lookup.taskByClause });
  await retriever.sync(corpus.passages);
  return createAssistant({ retriever: { search: retriever.search, denseAvailable: retriever.denseAvailable }, lookup: corpus.lookup, ...opts });
}
