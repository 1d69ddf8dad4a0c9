import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths, type IngestReport } from '../../corpus/ingest.ts';
import type { OcrOptions } from '../../corpus/read/index.ts';
import { openSql } from '../../corpus/store/db.ts';
import { PlanStore } from '../../corpus/store/documents.ts';
import type { Config } from '../config.ts';

/** Runs after the store has been updated, e.g. to sync the retrieval index with `report.changedDocs`. */
export type AfterIngest = (report: IngestReport) => Promise<void>;

export interface IngestContext {
  config: Config;
  store: PlanStore;
  afterIngest?: AfterIngest;
  onProgress?: (done: number, total: number, file: string) => void;
  force?: boolean;
  /** OCR options for scanned PDFs (cancellation, concurrency); false refuses scans. */
  ocr?: OcrOptions | false;
  onOcrPage?: (file: string, done: number, total: number) => void;
}

/** The sample plans shipped with the repository, shown relative to the working directory when inside it. */
export function defaultPlansDir(cwd: string = process.cwd()): string {
  const abs = fileURLToPath(new URL('../../corpus/plans', import.meta.url));
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** The plan store of the configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export async function openPlanStore(config: Config): Promise<PlanStore> {
  return new PlanStore(await openSql({ databaseUrl: config.databaseUrl, file: config.dbPath }));
}

/**
 * Ingests `paths` into the store, then hands the report to `afterIngest`. Every command that
 * ingests goes through here, so the retrieval index sync has exactly one call site.
 */
export async function ingestAndSync(paths: string[], ctx: IngestContext): Promise<IngestReport> {
  const report = await ingestPaths(paths, {
    store: ctx.store,
    maxBytes: ctx.config.maxFileBytes,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.onOcrPage ? { onOcrPage: ctx.onOcrPage } : {}),
    ...(ctx.ocr !== undefined ? { ocr: ctx.ocr } : {}),
    force: ctx.force === true,
  });
  // Retrieval index sync: the lead wires the index update in through `afterIngest`.
  // It runs even when nothing changed, so a missing index is rebuilt from the store.
  await ctx.afterIngest?.(report);
  return report;
}

/**
 * Commands work on a fresh clone: when the store holds no document yet, ingest the sample
 * plans first. Returns the report of that first ingest, or null when there was nothing to do.
 */
export async function ensureIngested(
  ctx: IngestContext & { plansDir?: string; log?: (line: string) => void },
): Promise<IngestReport | null> {
  // Replicas starting together on an empty PostgreSQL store: one ingests, the others then find the plans.
  const once = ctx.store.sql.exclusive?.bind(ctx.store.sql) ?? (<T>(_key: number, fn: () => Promise<T>) => fn());
  return once(FIRST_INGEST_LOCK, () => firstIngest(ctx));
}

/** Advisory lock key of the first ingest (PostgreSQL). */
const FIRST_INGEST_LOCK = 7_305_120;

async function firstIngest(ctx: IngestContext & { plansDir?: string; log?: (line: string) => void }): Promise<IngestReport | null> {
  if ((await ctx.store.stats()).documents > 0) return null;
  const dir = ctx.plansDir ?? defaultPlansDir();
  const log = ctx.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  log(`No plans in ${ctx.config.dataDir} yet: ingesting ${dir} first.`);
  const report = await ingestAndSync([dir], ctx);
  log(summarizeReport(report));
  return report;
}

/** One line per outcome, for people (stderr or a chat reply). */
export function summarizeReport(report: IngestReport): string {
  const lines = [
    `Ingested ${report.ingested.length}, unchanged ${report.skipped.length}, failed ${report.failed.length}.`,
    ...report.failed.map((f) => `  failed: ${f.path}: ${f.error}`),
    ...report.ocr.map((o) =>
      `  OCR: ${o.path}: ${o.pages} page(s), mean confidence ${o.meanConfidence}${o.rejectedPages.length ? `; left out below the floor: ${o.rejectedPages.map((r) => `page ${r.page} (${r.confidence})`).join(', ')}` : ''}`),
  ];
  if (report.orphanedTasks.length) {
    lines.push(`  ${report.orphanedTasks.length} task(s) no longer in their plan, kept as removed: ${report.orphanedTasks.join(', ')}`);
  }
  return lines.join('\n');
}
