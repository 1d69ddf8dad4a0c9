import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { IngestError } from './errors.ts';
import { parseDocument } from './parse/index.ts';
import { formatOf, readPlanFile, type OcrOptions, type OcrReport } from './read/index.ts';
import type { PlanStore, SaveResult } from './store/documents.ts';
import { extractTasks } from './tasks/index.ts';
import type { ParsedDocument, Task } from './types.ts';

export interface IngestReport {
  /** Files written: new documents or changed ones replaced. */
  ingested: string[];
  /** Files whose content hash is already stored: nothing written. */
  skipped: string[];
  failed: { path: string; error: string }[];
  /** Document ids that are new or changed (what the retrieval index must re-sync). */
  changedDocs: string[];
  /** Tasks that vanished from a changed document (kept, marked removed). */
  orphanedTasks: string[];
  /** Scanned PDFs: pages read by OCR, their mean confidence, and pages left out below the floor. */
  ocr: Array<{ path: string; pages: number; meanConfidence: number; rejectedPages: Array<{ page: number; confidence: number }> }>;
}

export interface IngestDeps {
  store: PlanStore;
  maxBytes: number;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Re-parse and rewrite files even when their content hash is already stored. */
  force?: boolean;
  /** OCR of scanned PDF pages (progress, concurrency, cancellation); false refuses scans. */
  ocr?: OcrOptions | false;
  /** Per-file OCR progress: the file, pages done, pages to do. */
  onOcrPage?: (file: string, done: number, total: number) => void;
  /** Overrides for tests; default to the corpus parser and task extractor. */
  parse?: (docId: string, raw: string) => ParsedDocument;
  extract?: (doc: ParsedDocument) => Task[];
}

/**
 * Ingests files and folders. Each file is its own unit: one that cannot be read, parsed or
 * stored is reported in `failed` and the others still go in.
 */
export async function ingestPaths(paths: string[], deps: IngestDeps): Promise<IngestReport> {
  const report: IngestReport = { ingested: [], skipped: [], failed: [], changedDocs: [], orphanedTasks: [], ocr: [] };
  const files = await collectFiles(paths, report.failed);
  const seenIds = new Map<string, string>();
  for (const [i, file] of files.entries()) {
    try {
      assertUniqueId(file, seenIds);
      const result = await ingestFile(file, deps);
      if (result.ocr) {
        report.ocr.push({
          path: file, pages: result.ocr.pages.length, meanConfidence: Math.round(result.ocr.meanConfidence * 10) / 10,
          rejectedPages: result.ocr.rejected.map((r) => ({ page: r.page, confidence: Math.round(r.confidence * 10) / 10 })),
        });
      }
      if (result.status === 'unchanged') {
        report.skipped.push(file);
      } else {
        report.ingested.push(file);
        report.changedDocs.push(docIdOf(file));
        report.orphanedTasks.push(...result.orphanedTasks);
      }
    } catch (err) {
      report.failed.push({ path: file, error: messageOf(err) });
    }
    deps.onProgress?.(i + 1, files.length, file);
  }
  return report;
}

/** Expands folders; a file named twice (alone and inside a folder argument) is listed once. */
async function collectFiles(paths: string[], failed: IngestReport['failed']): Promise<string[]> {
  const files: string[] = [];
  const resolved = new Set<string>();
  for (const p of paths) {
    try {
      for (const f of await expandPath(p)) {
        if (resolved.has(path.resolve(f))) continue;
        resolved.add(path.resolve(f));
        files.push(f);
      }
    } catch (err) {
      failed.push({ path: p, error: messageOf(err) });
    }
  }
  return files;
}

/** The document id is the file name, so answers cite "nam-dinh-2024-nq02.txt". */
export function docIdOf(file: string): string {
  return path.basename(file).normalize('NFC');
}

async function ingestFile(file: string, deps: IngestDeps): Promise<SaveResult & { ocr?: OcrReport }> {
  const id = docIdOf(file);
  // An unchanged file is not read again: a scan would be OCR'd for nothing.
  if (!deps.force && formatOf(file) !== null) {
    const sha = await fileSha256(file, deps.maxBytes).catch(() => null);
    if (sha !== null && (await deps.store.isUnchanged(id, sha))) return { status: 'unchanged', orphanedTasks: [] };
  }
  const ocr = deps.ocr === false ? false : { ...deps.ocr, ...(deps.onOcrPage ? { onPage: (d: number, t: number) => deps.onOcrPage?.(file, d, t) } : {}) };
  const { text, sha256, ocr: ocrReport } = await readPlanFile(file, { maxBytes: deps.maxBytes, ocr });
  let parsed: ParsedDocument;
  let tasks: Task[];
  try {
    parsed = (deps.parse ?? parseDocument)(id, text);
    tasks = (deps.extract ?? extractTasks)(parsed);
  } catch (cause) {
    throw new IngestError(file, 'parse', `${id}: could not parse the plan structure`, { cause });
  }
  const saved = await deps.store.saveDocument({ ...parsed, id, path: file, sha256, tasks, ocrPages: ocrReport?.pages.length ?? 0 }, { force: deps.force === true });
  return ocrReport ? { ...saved, ocr: ocrReport } : saved;
}

async function fileSha256(file: string, maxBytes: number): Promise<string | null> {
  const st = await fs.stat(file);
  if (!st.isFile() || st.size === 0 || st.size > maxBytes) return null;
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}

/** Two files with one name in different folders would overwrite each other's document. */
function assertUniqueId(file: string, seen: Map<string, string>): void {
  const id = docIdOf(file);
  const first = seen.get(id);
  if (first !== undefined) {
    throw new IngestError(file, 'duplicate', `${id}: another file with the same name (${first}) is already in this run`);
  }
  seen.set(id, file);
}

/**
 * A folder becomes its supported files (sorted, not recursive, hidden files left out); a file
 * named explicitly is kept whatever its extension, so readPlanFile can say why it is refused.
 */
export async function expandPath(p: string): Promise<string[]> {
  let st;
  try {
    st = await fs.stat(p);
  } catch (cause) {
    throw new IngestError(p, 'unreadable', `${p}: no such file or folder`, { cause });
  }
  if (!st.isDirectory()) return [p];
  const entries = await fs.readdir(p, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && formatOf(e.name) !== null)
    .map((e) => e.name)
    .sort();
  return names.map((n) => path.join(p, n));
}

/** The human-readable part of an error, with its cause when that adds information. */
function messageOf(err: unknown): string {
  if (err instanceof IngestError) return err.message;
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
