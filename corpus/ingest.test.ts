import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths, type IngestDeps } from './ingest.ts';
import { openDatabase } from './store/db.ts';
import { PlanStore } from './store/documents.ts';
import type { Clause, ParsedDocument, Task } from './types.ts';
import { buildPdf } from './test-fixtures/build.ts';

/**
 * A deliberately tiny parser and extractor so these tests exercise the ingest pipeline
 * (reading, hashing, transactions, reporting) independently of the real ones.
 */
function fakeParse(docId: string, raw: string): ParsedDocument {
  if (raw.includes('KHÔNG PHÂN TÍCH ĐƯỢC')) throw new Error('no structure');
  const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
  const clauses: Clause[] = lines.map((text, i) => ({
    id: `${docId}#${i + 1}`, docId, section: String(i + 1), kind: 'item', label: null, breadcrumb: [], text,
    parentId: null, order: i, depth: 0,
  }));
  const header = { issuer: null, number: null, date: null, province: null, year: null, title: lines[0] ?? null, implements: null, kind: null };
  return { id: docId, header, clauses };
}

function fakeExtract(doc: ParsedDocument): Task[] {
  return doc.clauses
    .filter((c) => / chủ trì/.test(c.text))
    .map((c) => ({
      id: `T-${c.text.split(' chủ trì')[0]!.replace(/\W/g, '')}`.slice(0, 20), key: `${doc.id}#${c.text.split(' chủ trì')[0]}`,
      docId: doc.id, clauseId: c.id, section: c.section, text: c.text, lead: [c.text.split(' chủ trì')[0]!],
      coordinators: [], evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: null, targets: [],
    }));
}

let dir: string;
let store: PlanStore;
let deps: IngestDeps;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-'));
  store = new PlanStore(openDatabase(':memory:'));
  deps = { store, maxBytes: 1024 * 1024, parse: fakeParse, extract: fakeExtract };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, body: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  return file;
}

function counts() {
  const n = (t: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { documents: n('documents'), clauses: n('clauses'), tasks: n('tasks'), agencies: n('task_agencies') };
}

describe('ingestPaths', () => {
  it('expands a folder (supported files, sorted), ingests them and reports progress', async () => {
    write('plans/b.txt', 'KẾ HOẠCH B\nSở Y tế chủ trì tiêm chủng\n');
    write('plans/a.md', '# KẾ HOẠCH A\nSở Tài chính chủ trì lập dự toán\n');
    write('plans/c.pdf', buildPdf([['KE HOACH C', 'So Xay dung chu tri']]));
    write('plans/notes.xlsx', 'ignored');
    write('plans/.hidden.txt', 'ignored');
    const progress: string[] = [];
    const report = await ingestPaths([path.join(dir, 'plans')], { ...deps, onProgress: (d, t, f) => progress.push(`${d}/${t} ${path.basename(f)}`) });
    expect(report.ingested.map((f) => path.basename(f))).toEqual(['a.md', 'b.txt', 'c.pdf']);
    expect(report).toMatchObject({ skipped: [], failed: [], changedDocs: ['a.md', 'b.txt', 'c.pdf'], orphanedTasks: [] });
    expect(progress).toEqual(['1/3 a.md', '2/3 b.txt', '3/3 c.pdf']);
    expect((await store.listTasks()).map((t) => t.lead[0])).toEqual(['Sở Tài chính', 'Sở Y tế']);
    expect((await store.getDocument('c.pdf'))?.title).toBe('KE HOACH C');
  });

  it('is idempotent: a second run skips everything and changes no row', async () => {
    const files = [write('a.txt', 'KẾ HOẠCH\nSở Tài chính chủ trì\n'), write('b.txt', 'KẾ HOẠCH\nSở Y tế chủ trì\n')];
    await ingestPaths(files, deps);
    const before = counts();
    const again = await ingestPaths(files, deps);
    expect(again).toEqual({ ingested: [], skipped: files, failed: [], changedDocs: [], orphanedTasks: [], ocr: [] });
    expect(counts()).toEqual(before);
    const forced = await ingestPaths(files, { ...deps, force: true });
    expect(forced).toMatchObject({ ingested: files, skipped: [], changedDocs: ['a.txt', 'b.txt'] });
    expect(counts()).toEqual(before);
  });

  it('replaces a changed file and reports tasks that disappeared', async () => {
    const file = write('a.txt', 'KẾ HOẠCH\nSở Tài chính chủ trì\nSở Y tế chủ trì\n');
    await ingestPaths([file], deps);
    const kept = (await store.listTasks()).find((t) => t.lead[0] === 'Sở Tài chính')!;
    const gone = (await store.listTasks()).find((t) => t.lead[0] === 'Sở Y tế')!;
    store.db.prepare(`INSERT INTO status_updates (task_id, user_id, status, created_at) VALUES (?, 1, 'dang_thuc_hien', 'x')`).run(kept.id);
    fs.writeFileSync(file, 'KẾ HOẠCH (sửa đổi)\nSở Tài chính chủ trì\n');
    const report = await ingestPaths([file], deps);
    expect(report).toMatchObject({ ingested: [file], changedDocs: ['a.txt'], orphanedTasks: [gone.id] });
    expect((await store.getTask(kept.id))?.status?.status).toBe('dang_thuc_hien');
    expect((await store.getTask(gone.id))?.removedAt).not.toBeNull();
    expect((await store.listClauses('a.txt')).map((c) => c.text)).toEqual(['KẾ HOẠCH (sửa đổi)', 'Sở Tài chính chủ trì']);
  });

  it('reports bad files and ingests the good ones', async () => {
    const good = write('good.txt', 'KẾ HOẠCH\nSở Tài chính chủ trì\n');
    const empty = write('empty.txt', '');
    const legacy = write('legacy.txt', Buffer.from('K\xea ho\xe1ch', 'latin1'));
    const scan = write('scan.pdf', buildPdf([], { scanned: true }));
    const odd = write('plan.xlsx', 'x');
    const unparsable = write('broken.txt', 'KHÔNG PHÂN TÍCH ĐƯỢC');
    const missing = path.join(dir, 'missing.txt');
    const report = await ingestPaths([empty, good, legacy, scan, odd, unparsable, missing], deps);
    expect(report.ingested).toEqual([good]);
    expect(report.failed.map((f) => f.path)).toEqual([missing, empty, legacy, scan, odd, unparsable]);
    const errors = report.failed.map((f) => f.error).join('\n');
    // A blank scan: OCR reads nothing from it (or, without the OCR tools, says they are needed).
    for (const re of [/empty/, /unsupported encoding/, /needs OCR|OCR could not read/, /unsupported file type/, /could not parse/, /no such file/]) {
      expect(errors).toMatch(re);
    }
    expect(counts().documents).toBe(1);
  });

  it('refuses a second file with the same name from another folder', async () => {
    const a = write('x/plan.txt', 'KẾ HOẠCH 1\n');
    const b = write('y/plan.txt', 'KẾ HOẠCH 2\n');
    const report = await ingestPaths([a, b], deps);
    expect(report.ingested).toEqual([a]);
    expect(report.failed).toEqual([{ path: b, error: expect.stringMatching(/same name/) }]);
  });

  it('ingests a file named twice (alone and in its folder) once', async () => {
    const a = write('p/a.txt', 'KẾ HOẠCH\n');
    const report = await ingestPaths([a, path.join(dir, 'p'), path.join(dir, 'p', '.', 'a.txt')], deps);
    expect(report).toMatchObject({ ingested: [a], skipped: [], failed: [] });
  });

  it('keeps the database unchanged when the store refuses a document', async () => {
    const file = write('a.txt', 'KẾ HOẠCH\nSở Tài chính chủ trì\n');
    await ingestPaths([file], deps);
    const before = counts();
    fs.writeFileSync(file, 'KẾ HOẠCH MỚI\nSở Tài chính chủ trì\nSở Tài chính chủ trì\n'); // two tasks, one key
    const report = await ingestPaths([file], deps);
    expect(report.failed[0]?.error).toMatch(/share the key/);
    expect(counts()).toEqual(before);
    expect((await store.listClauses('a.txt'))[0]?.text).toBe('KẾ HOẠCH');
  });
});
