import path from 'node:path';
import type { IngestReport } from '../corpus/ingest.ts';
import { openDatabase, type DB } from '../corpus/store/db.ts';
import { PlanStore } from '../corpus/store/documents.ts';
import { ReminderStore } from '../corpus/store/reminders.ts';
import { TrackingStore } from '../corpus/store/tracking.ts';
import type { DocHeader, Task } from '../corpus/types.ts';
import { loadEmbedder } from '../retrieval/embed/transformers.ts';
import { createRetriever, type Retriever } from '../retrieval/retriever.ts';
import type { Passage, SearchOptions } from '../retrieval/types.ts';
import { VectorIndex } from '../retrieval/vector-index.ts';
import { createAssistant, type AnswerLookup } from '../prompts/assistant.ts';
import { createLlmClient } from '../prompts/llm.ts';
import type { Config } from './config.ts';
import { createLibrary, type PlanLibrary } from './library.ts';
import type { Logger } from './logger.ts';
import { createCore, type ChatCore } from './core/core.ts';
import type { Assistant } from './core/types.ts';

/**
 * The composition root: one database, the stores, the search stack and the chat core, built
 * from the config. `npm start`, the CLI commands and eval build the same objects here.
 */
export interface App {
  config: Config;
  logger: Logger;
  db: DB;
  plans: PlanStore;
  tracking: TrackingStore;
  /** What reminders were sent, who opted out. */
  reminders: ReminderStore;
  /** The clock every part shares (tests inject a fake one). */
  now: () => Date;
  retriever: Retriever;
  assistant: Assistant;
  core: ChatCore;
  /** Brings the search indexes up to date with the store after an ingest (or at start). */
  afterIngest: (report?: IngestReport) => Promise<void>;
  /** Plans added and retired from the chat. */
  library: PlanLibrary;
  /** Stops background work (an upload being OCR'd) and waits for it, then closes. */
  shutdown(): Promise<void>;
  close(): void;
}

export interface AppOverrides {
  /** Tests replace the question-answering service with a fake. */
  assistant?: Assistant;
  /** Tests run the app on a fake clock. */
  now?: () => Date;
}

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const db = openDatabase(config.dbPath);
  try {
    const now = overrides.now ?? (() => new Date());
    const iso = () => now().toISOString();
    const plans = new PlanStore(db, { now: iso });
    const tracking = new TrackingStore(db, { now: iso });
    const reminders = new ReminderStore(db, { now: iso });
    const search = await buildSearch({ config, logger, db, plans });
    const assistant = overrides.assistant ?? search.assistant;
    const library = createLibrary({ config, plans, tracking, afterIngest: search.afterIngest, logger });
    // Reminders run from the Telegram bot process only; the terminal chat says they are off.
    const remindersOn = config.reminders.enabled && config.telegram.token !== undefined;
    const core = createCore({
      plans, tracking, assistant, logger, library, reminders, now,
      options: {
        publicQa: config.publicQa, rateLimitPerMinute: config.telegram.rateLimitPerMinute, adminIds: config.adminIds, uploadRole: config.uploadRole,
        ...(remindersOn ? { reminders: config.reminders } : {}),
        ...(config.dashboard.url ? { dashboardUrl: config.dashboard.url } : {}),
      },
    });
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      search.close();
      db.close();
    };
    return {
      config, logger, db, plans, tracking, reminders, now, assistant, core, retriever: search.retriever, afterIngest: search.afterIngest, library,
      shutdown: async () => {
        await library.close();
        close();
      },
      close,
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

interface SearchStack {
  retriever: Retriever;
  assistant: Assistant;
  afterIngest: (report?: IngestReport) => Promise<void>;
  close(): void;
}

/**
 * The one place retrieval and the answer composer are assembled: the embedder (null without a
 * model: lexical-only), the vector index, the retriever with the task lookup its re-ranker uses,
 * and the assistant (extractive, or through the configured LLM with extractive fallback).
 */
async function buildSearch(ctx: { config: Config; logger: Logger; db: DB; plans: PlanStore }): Promise<SearchStack> {
  const { config, logger, db, plans } = ctx;
  const embedder = await loadEmbedder({ modelsDir: config.modelsDir, modelId: config.embeddingModel, logger });
  const vectors = embedder ? VectorIndex.open(path.join(config.dataDir, 'index'), { modelId: embedder.modelId, dim: embedder.dim }) : null;
  // Re-ranking looks tasks up per candidate clause: a map, rebuilt after each ingest, keeps that off the database.
  let tasks = tasksByClause(plans);
  const taskByClause = (clauseId: string) => tasks.get(clauseId);
  const retriever = createRetriever({ db, embedder, vectors, taskByClause, logger });
  const afterIngest = async () => {
    tasks = tasksByClause(plans);
    const passages = passagesOf(plans);
    await retriever.sync(passages);
    // A plan retired (or deleted from the store) since the index was built leaves it too.
    const inForce = new Set(passages.map((p) => p.doc.id));
    const stale = retriever.documents().map((d) => d.id).filter((id) => !inForce.has(id));
    if (stale.length) await retriever.remove(stale);
    vectors?.save();
  };
  const assistant = createAssistant({
    retriever: { search: (q: string, o?: SearchOptions) => retriever.search(q, o), denseAvailable: retriever.denseAvailable, modelId: embedder?.modelId ?? null },
    lookup: answerLookup(plans, taskByClause),
    llm: config.llm ? createLlmClient(config.llm) : null,
    logger,
  });
  return { retriever, assistant, afterIngest, close: () => vectors?.save() };
}

function answerLookup(plans: PlanStore, taskByClause: (clauseId: string) => Task | undefined): AnswerLookup {
  return {
    clause: (id) => plans.getClause(id) ?? undefined,
    document: (docId) => {
      const d = plans.getDocument(docId);
      return d ? { id: d.id, header: headerOf(d), ocr: d.ocrPages > 0 } : undefined;
    },
    taskByClause,
    parent: (clauseId) => {
      const parentId = plans.getClause(clauseId)?.parentId;
      return parentId ? plans.getClause(parentId) ?? undefined : undefined;
    },
  };
}

function headerOf(d: DocHeader): DocHeader {
  return {
    issuer: d.issuer, number: d.number, date: d.date, province: d.province, year: d.year, title: d.title, implements: d.implements, kind: d.kind,
    issuerKind: d.issuerKind ?? null, scope: d.scope ?? null, period: d.period ?? null, docType: d.docType ?? null,
  };
}

function tasksByClause(plans: PlanStore): Map<string, Task> {
  const map = new Map<string, Task>();
  // A clause holding several tasks ("!k" keys): the first one names the clause's agencies.
  for (const t of plans.listTasks()) if (!map.has(t.clauseId)) map.set(t.clauseId, t);
  return map;
}

/** Every clause of every stored plan, with its document, as the retriever indexes them. */
export function passagesOf(plans: PlanStore): Passage[] {
  const docs = new Map(plans.listDocuments().map((d) => [d.id, { id: d.id, header: headerOf(d) }]));
  return plans.listClauses().flatMap((clause) => {
    const doc = docs.get(clause.docId);
    return doc ? [{ clause, doc }] : [];
  });
}
