import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import Database from 'better-sqlite3';
import { formatOf, readPlanFile } from '../corpus/read/index.ts';
import type { Runner, RunPassage } from './types.ts';

/**
 * The peer baseline: the LangChain.js recipe as its documentation gives it, with no
 * project-specific help. Recursive character chunks (1000 characters, 200 overlap) of each
 * plan's text, ranked by LangChain's BM25Retriever. It has no answer step and never refuses,
 * so its answer and its one citation are its top chunk. Chunks carry no clause numbering;
 * their `section` says which lines of the file they span.
 */
export interface PlanText {
  doc: string;
  text: string;
}

export const PEER_NAME = 'langchain-bm25';

export async function peerChunks(plans: readonly PlanText[]): Promise<Document[]> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  return splitter.createDocuments(
    plans.map((p) => p.text),
    plans.map((p) => ({ doc: p.doc })),
  );
}

function toPassage(d: Document): RunPassage {
  const lines = (d.metadata as { loc?: { lines?: { from?: number; to?: number } } }).loc?.lines;
  return {
    doc: String((d.metadata as { doc?: unknown }).doc ?? ''),
    section: lines?.from !== undefined ? `lines ${lines.from}-${lines.to ?? lines.from}` : '',
    text: d.pageContent,
  };
}

export async function peerRunner(plans: readonly PlanText[]): Promise<Runner> {
  const retriever = BM25Retriever.fromDocuments(await peerChunks(plans), { k: 10 });
  return {
    name: PEER_NAME,
    async run(question) {
      const t0 = performance.now();
      const hits = (await retriever.invoke(question)).map(toPassage);
      const top = hits[0];
      return { answerable: true, answer: top?.text ?? '', citations: top ? [top] : [], hits, ms: performance.now() - t0 };
    },
  };
}

/** A folder's readable plan files, sorted, not recursive, hidden files left out (as ingestion lists them). */
async function planFiles(p: string): Promise<string[]> {
  if (!(await fs.stat(p)).isDirectory()) return [p];
  const entries = await fs.readdir(p, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && formatOf(e.name) !== null)
    .map((e) => path.join(p, e.name))
    .sort();
}

/** Reads the plan files (or folders of them) with the ingestion reader: same decoding, same NFC. */
export async function readPlans(paths: readonly string[], maxBytes: number): Promise<PlanText[]> {
  const plans: PlanText[] = [];
  for (const p of paths) {
    for (const file of await planFiles(p)) {
      const { text } = await readPlanFile(file, { maxBytes });
      plans.push({ doc: path.basename(file).normalize('NFC'), text });
    }
  }
  return plans;
}

/**
 * The plan files the data dir's documents were ingested from, so the baseline reads the same
 * plans the assistant indexed; the shipped sample plans when the data dir has none yet.
 * Documents whose file is gone are left out and named in `missing`.
 */
export function planPathsFor(dbPath: string, fallbackDir: string): { paths: string[]; missing: string[] } {
  if (!fsSync.existsSync(dbPath)) return { paths: [fallbackDir], missing: [] };
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT path FROM documents ORDER BY id').all() as Array<{ path: string }>;
    if (rows.length === 0) return { paths: [fallbackDir], missing: [] };
    const paths = rows.map((r) => r.path);
    return { paths: paths.filter((p) => fsSync.existsSync(p)), missing: paths.filter((p) => !fsSync.existsSync(p)) };
  } finally {
    db.close();
  }
}
