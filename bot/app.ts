import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { IngestReport } from '../corpus/ingest.ts';
import { openSql } from '../corpus/store/db.ts';
import type { Sql } from '../corpus/store/sql.ts';
import { PlanStore } from '../corpus/store/documents.ts';
import { ReminderStore } from '../corpus/store/reminders.ts';
import { SessionStore } from '../corpus/store/session.ts';
import { TrackingStore } from '../corpus/store/tracking.ts';
import type { Task } from '../corpus/types.ts';
import { loadEmbedder } from '../retrieval/embed/transformers.ts';
import { documentStamps, passagesOf, storeClauses, storeLookup } from '../retrieval/from-store.ts';
import { createRetriever, type Retriever } from '../retrieval/retriever.ts';

import type { SearchOptions } from '../retrieval/types.ts';
import { VectorIndex } from '../retrieval/vector-index.ts';
import { createAssistant } from '../prompts/assistant.ts';
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
  /** The store: SQLite in DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
  sql: Sql;
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
  /**
   * Keeps this process's index following plans other processes add or retire (another
   * replica, the ingest command): at once on PostgreSQL's NOTIFY, and every minute in any case.
   * Returns the function that stops following.
   */
  followLibrary(): Promise<() => Promise<void>>;
  /** Stops background work (an upload being OCR'd) and waits for it, then closes. */
  shutdown(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOverrides {
  /** Tests replace the question-answering service with a fake. */
  assistant?: Assistant;
  /** Tests run the app on a fake clock. */
  now?: () => Date;
}

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const db = await openSql({ databaseUrl: config.databaseUrl, file: config.dbPath });
  try {
    const now = overrides.now ?? (() => new Date());
    const iso = () => now().toISOString();
    const plans = new PlanStore(db, { now: iso });
    const tracking = new TrackingStore(db, { now: iso });
    const reminders = new ReminderStore(db, { now: iso });
    const search = await buildSearch({ config, logger, plans });
    const assistant = overrides.assistant ?? search.assistant;
    // This process's id on the library channel: it does not refresh on its own notice.
    const replica = randomUUID();
    const afterIngest = async (report?: IngestReport) => {
      await search.afterIngest(report);
      await db.notify?.(LIBRARY_CHANNEL, replica).catch((err: unknown) => logger.warn({ err: String(err) }, 'could not tell other replicas about the plans'));
    };
    const library = createLibrary({ config, plans, tracking, afterIngest, logger });
    // Reminders run from the Telegram bot process only; the terminal chat says they are off.
    const remindersOn = config.reminders.enabled && config.telegram.token !== undefined;
    const core = createCore({
      plans, tracking, assistant, logger, library, reminders, now, session: new SessionStore(db, { now: () => now().getTime() }),
      options: {
        publicQa: config.publicQa, rateLimitPerMinute: config.telegram.rateLimitPerMinute, adminIds: config.adminIds, uploadRole: config.uploadRole,
        storeKind: db.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite',
        ...(remindersOn ? { reminders: config.reminders } : {}),
        ...(config.dashboard.url ? { dashboardUrl: config.dashboard.url } : {}),
      },
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      search.close();
      await db.close();
    };
    return {
      config, logger, sql: db, plans, tracking, reminders, now, assistant, core, retriever: search.retriever, afterIngest, library,
      followLibrary: () => followLibrary(db, replica, search.afterIngest, logger),
      shutdown: async () => {
        await library.close();
        await search.settle();
        await close();
      },
      close,
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** PostgreSQL channel on which a replica that changed the plans tells the others. */
const LIBRARY_CHANNEL = 'tlkh_library';
/** How often a replica re-reads the plan list anyway (a notice missed while reconnecting, SQLite). */
const LIBRARY_POLL_MS = 60_000;

async function followLibrary(db: Sql, replica: string, refreshIndex: () => Promise<void>, logger: Logger): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null;
  let again = false;
  // Notices that arrive during a refresh fold into one more pass.
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await refreshIndex();
        } while (again);
      } catch (err) {
        logger.error({ err }, 'could not follow the plans other replicas changed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const sub = await db.listen?.(LIBRARY_CHANNEL, (from) => {
    if (from !== replica) void refresh();
  }, (err) => logger.warn({ err: String(err) }, 'library channel lost; reconnecting'));
  const timer = setInterval(() => void refresh(), LIBRARY_POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await sub?.close();
    await running;
  };
}

interface SearchStack {
  retriever: Retriever;
  assistant: Assistant;
  afterIngest: (report?: IngestReport) => Promise<void>;
  close(): void;
  /** Waits for background index merges. */
  settle(): Promise<void>;
}

/**
 * The one place retrieval and the answer composer are assembled: the embedder (null without a
 * model: lexical-only), the vector index, the retriever with the task lookup its re-ranker uses,
 * and the assistant (extractive, or through the configured LLM with extractive fallback).
 */
async function buildSearch(ctx: { config: Config; logger: Logger; plans: PlanStore }): Promise<SearchStack> {
  const { config, logger, plans } = ctx;
  const embedder = await loadEmbedder({ modelsDir: config.modelsDir, modelId: config.embeddingModel, logger });
  const indexDir = path.join(config.dataDir, 'index');
  const vectors = embedder ? VectorIndex.open(indexDir, { modelId: embedder.modelId, dim: embedder.dim }) : null;
  // Re-ranking looks tasks up per candidate clause: a map, rebuilt after each ingest, keeps that off the database.
  let tasks = await tasksByClause(plans);
  const taskByClause = (clauseId: string) => tasks.get(clauseId);
  const retriever = createRetriever({ dir: indexDir, clauses: storeClauses(plans), embedder, vectors, taskByClause, logger });
  const lookup = storeLookup(plans, taskByClause);
  await lookup.refresh();
  let first = true;
  const afterIngest = async () => {
    // The index follows the store: plans added or re-read are indexed, retired or deleted ones dropped.
    const report = await retriever.reconcile(await documentStamps(plans), (ids) => passagesOf(plans, ids));
    if (!first && report.written.length === 0 && report.removed.length === 0) return;
    first = false;
    tasks = await tasksByClause(plans);
    await lookup.refresh();
    vectors?.save();
  };
  const assistant = createAssistant({
    retriever: { search: (q: string, o?: SearchOptions) => retriever.search(q, o), denseAvailable: retriever.denseAvailable, modelId: embedder?.modelId ?? null },
    lookup,
    llm: config.llm ? createLlmClient(config.llm) : null,
    logger,
  });
  return { retriever, assistant, afterIngest, close: () => vectors?.save(), settle: () => retriever.settle() };
}

async function tasksByClause(plans: PlanStore): Promise<Map<string, Task>> {
  const map = new Map<string, Task>();
  // A clause holding several tasks ("!k" keys): the first one names the clause's agencies.
  for (const t of await plans.listTasks()) if (!map.has(t.clauseId)) map.set(t.clauseId, t);
  return map;
}

