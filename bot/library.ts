/**
 * Plans added and retired from the chat: an administrator (or an editor, with
 * UPLOAD_ROLE=editor) sends a file, it is saved under DATA_DIR/uploads and ingested in the
 * background, one file at a time, while the bot keeps answering everyone; `/xoavanban` retires
 * a plan. Every upload and retirement goes to the audit log.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { docIdOf, type IngestReport } from '../corpus/ingest.ts';
import { formatOf } from '../corpus/read/index.ts';
import type { DocumentSummary, PlanStore } from '../corpus/store/documents.ts';
import type { TrackingStore } from '../corpus/store/tracking.ts';
import type { Config } from './config.ts';
import { ingestAndSync } from './cli/ensure.ts';
import type { Logger } from './logger.ts';

/** Telegram's Bot API serves files up to 20 MB through getFile: larger ones are refused before any download. */
export const TELEGRAM_FILE_LIMIT = 20 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  /** Size Telegram announced, checked before downloading. */
  size?: number | undefined;
  fetch(): Promise<Buffer>;
}

export type UploadOutcome =
  | { status: 'ingested' | 'replaced'; doc: DocumentSummary; ocr: IngestReport['ocr'][number] | null }
  | { status: 'unchanged'; doc: DocumentSummary | null }
  | { status: 'failed'; error: string };

export interface PlanLibrary {
  /** Why this file cannot be taken (type, size), checked before anything is downloaded; null when it can. */
  precheck(file: Pick<UploadedFile, 'name' | 'size'>): string | null;
  /** Downloads, stores and ingests one file; queued behind any ingest already running. */
  upload(file: UploadedFile, userId: number): Promise<UploadOutcome>;
  /** Retires a plan by its id (file name) or number ("144/KH-UBND"). */
  retire(ref: string, userId: number): Promise<{ doc: DocumentSummary; tasks: number } | null>;
  /** Stops a running OCR and waits for the queue to settle (shutdown). */
  close(): Promise<void>;
}

export interface LibraryDeps {
  config: Config;
  plans: PlanStore;
  tracking: TrackingStore;
  afterIngest: (report?: IngestReport) => Promise<void>;
  logger: Logger;
}

/** A file name safe to store: its base name, no path, nothing hidden. */
function safeName(name: string): string {
  const base = path.basename(name.normalize('NFC')).replace(/[\u0000-\u001f/\\]/g, '_');
  return base.startsWith('.') ? `_${base.slice(1)}` : base;
}

export function createLibrary(deps: LibraryDeps): PlanLibrary {
  const { config, plans, tracking, logger } = deps;
  const uploads = path.join(config.dataDir, 'uploads');
  const abort = new AbortController();
  let queue: Promise<unknown> = Promise.resolve();

  function precheck(file: Pick<UploadedFile, 'name' | 'size'>): string | null {
    if (!formatOf(file.name)) return `Tệp "${safeName(file.name)}" không phải định dạng kế hoạch đọc được (dùng .pdf, .docx, .doc, .txt hoặc .md).`;
    const limit = Math.min(TELEGRAM_FILE_LIMIT, config.maxFileBytes);
    if (file.size !== undefined && file.size > limit) {
      return `Tệp quá lớn: ${(file.size / 1024 / 1024).toFixed(1)} MB, tối đa ${(limit / 1024 / 1024).toFixed(0)} MB.`;
    }
    return null;
  }

  async function ingestOne(file: UploadedFile, userId: number): Promise<UploadOutcome> {
    const name = safeName(file.name);
    let bytes: Buffer;
    try {
      bytes = await file.fetch();
    } catch (err) {
      return { status: 'failed', error: `không tải được tệp từ Telegram (${err instanceof Error ? err.message : String(err)})` };
    }
    await fs.mkdir(uploads, { recursive: true });
    const target = path.join(uploads, name);
    await fs.writeFile(target, bytes);
    const report = await ingestAndSync([target], { config, store: plans, afterIngest: deps.afterIngest, ocr: { signal: abort.signal } });
    const id = docIdOf(target);
    const doc = await plans.getDocument(id);
    const failed = report.failed[0];
    const status = failed ? 'failed' : report.skipped.length ? 'unchanged' : doc?.retiredAt === null ? 'ingested' : 'failed';
    await tracking.recordAudit(userId, 'plan.upload', `doc:${id}`, null, {
      file: name, bytes: bytes.length, status, ...(failed ? { error: failed.error } : {}), ...(doc ? { clauses: doc.clauseCount, tasks: doc.taskCount, ocrPages: doc.ocrPages } : {}),
    });
    logger.info({ userId, file: name, status }, 'plan uploaded in chat');
    if (failed) return { status: 'failed', error: failed.error };
    if (report.skipped.length) return { status: 'unchanged', doc };
    if (!doc) return { status: 'failed', error: 'the plan was not stored' };
    return { status: 'ingested', doc, ocr: report.ocr[0] ?? null };
  }

  async function findPlan(ref: string): Promise<DocumentSummary | null> {
    const wanted = ref.trim().normalize('NFC').toLowerCase();
    return (await plans.listDocuments()).find((d) => d.id.toLowerCase() === wanted || d.number?.toLowerCase() === wanted) ?? null;
  }

  return {
    precheck,
    upload(file, userId) {
      const job = queue.then(() => ingestOne(file, userId));
      queue = job.catch(() => undefined);
      return job;
    },
    async retire(ref, userId) {
      const doc = await findPlan(ref);
      if (!doc) return null;
      const result = await plans.retireDocument(doc.id);
      if (!result) return null;
      await tracking.recordAudit(userId, 'plan.retire', `doc:${doc.id}`, { clauses: doc.clauseCount, tasks: doc.taskCount }, { retired: true, tasksMarkedRemoved: result.tasks.length });
      await deps.afterIngest();
      return { doc, tasks: result.tasks.length };
    },
    async close() {
      abort.abort();
      await queue;
    },
  };
}
