/**
 * `npm run bench`: the search engine's cost on this machine, as percentiles and ratios, never
 * as unit-test timings.
 *
 *  1. The sample corpus: index build, p50/p95 of `search()` over the dev questions, lexical only
 *     and hybrid (with the tiny model the project builds; a real model in MODELS_DIR is used
 *     instead when present). The model's forward pass is reported apart.
 *  2. Scale, in a child process of its own so its memory is the library's alone: synthetic plans
 *     (the real clauses' sentences recombined; several provinces and years) written into an
 *     SQLite plan store as ingest writes them, then the keyword index built from the store, a
 *     restart on the unchanged library, one more plan ingested into it, and search percentiles;
 *     peak resident memory of that process.
 *
 * Options: --clauses N (default 100000; several allowed: --clauses 100000 300000), --rounds R
 * (default 3), --json OUT.json, --skip-scale, --skip-sample.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parseDocument } from '../corpus/parse/index.ts';
import { openDatabase } from '../corpus/store/db.ts';
import { PlanStore } from '../corpus/store/documents.ts';
import { extractTasks } from '../corpus/tasks/index.ts';
import type { Clause, DocHeader, PlanDocument, Task } from '../corpus/types.ts';
import { createRetriever } from '../retrieval/retriever.ts';
import type { Embedder, Passage } from '../retrieval/types.ts';
import { loadConfig } from '../bot/config.ts';
import { processEnv } from '../bot/cli/args.ts';
import { silentLogger } from '../bot/logger.ts';
import { documentStamps, passagesOf, storeClauses } from '../retrieval/from-store.ts';

interface SampleCorpus {
  docs: PlanDocument[];
  passages: Passage[];
  tasks: Map<string, Task>;
}

interface LatencyRow {
  corpus: string;
  clauses: number;
  lane: 'lexical' | 'hybrid';
  buildMs: number;
  searchP50: number;
  searchP95: number;
  embedP50: number;
  embedP95: number;
  queries: number;
}

export interface ScaleRow {
  clauses: number;
  /** Writing the synthetic plans into the plan store (what ingest does before indexing). */
  storeMs: number;
  /** Building the keyword index from the store. */
  buildMs: number;
  buildRate: number;
  /** A new process on the unchanged library: index loaded, ready to answer. */
  restartMs: number;
  /** One more plan ingested into that library: from stored to searchable. */
  ingestMs: number;
  ingestClauses: number;
  searchP50: number;
  searchP95: number;
  queries: number;
  segments: number;
  indexBytes: number;
  peakRssMb: number;
  /** Resident memory after a collection, serving questions (the replica's steady state). */
  servingRssMb: number;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function loadSampleCorpus(): SampleCorpus {
  const dir = path.join(ROOT, 'corpus', 'plans');
  const docs: PlanDocument[] = [];
  const passages: Passage[] = [];
  const tasks = new Map<string, Task>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const doc = parseDocument(file, fs.readFileSync(path.join(dir, file), 'utf8'));
    const docTasks = extractTasks(doc);
    docs.push({ ...doc, path: file, sha256: file, tasks: docTasks });
    for (const clause of doc.clauses) passages.push({ clause, doc: { id: doc.id, header: doc.header } });
    for (const t of docTasks) if (!tasks.has(t.clauseId)) tasks.set(t.clauseId, t);
  }
  return { docs, passages, tasks };
}

/** Deterministic PRNG so a scale run is the same corpus every time. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYNTH_PROVINCES = ['Hà Nam', 'Thái Bình', 'Hải Dương', 'Hưng Yên', 'Phú Thọ', 'Yên Bái', 'Tuyên Quang', 'Cao Bằng', 'Sơn La', 'Điện Biên'];

/** Synthetic plans, one at a time, whose clauses recombine real sentences under real breadcrumbs. */
function* synthesise(real: SampleCorpus, total: number, perDoc = 500, seed = 42, prefix = 'synth'): Generator<PlanDocument> {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentences = real.passages.flatMap((p) => p.clause.text.split(/(?<=[.;:])\s+/)).filter((s) => s.length > 20);
  const shapes = real.passages.map((p) => p.clause);
  let made = 0;
  for (let d = 0; made < total; d++) {
    const province = SYNTH_PROVINCES[d % SYNTH_PROVINCES.length]!;
    const year = 2019 + (d % 7);
    const id = `${prefix}-${String(d).padStart(4, '0')}.txt`;
    const header: DocHeader = {
      issuer: `Ủy ban nhân dân tỉnh ${province}`, number: `${100 + d}/KH-UBND`, date: null, province, year,
      title: `Kế hoạch tổng hợp số ${d} năm ${year}`, implements: null, kind: pick(['nq02', 'cchc', 'cctthc']),
    };
    const clauses: Clause[] = [];
    for (let i = 0; i < perDoc && made < total; i++, made++) {
      const shape = pick(shapes);
      const n = 1 + Math.floor(rand() * 3);
      const text = Array.from({ length: n }, () => pick(sentences)).join(' ');
      clauses.push({ ...shape, id: `${id}#${shape.section}~${i}`, docId: id, text, parentId: null, order: i });
    }
    yield { id, path: id, sha256: `${id}:${seed}`, header, clauses, tasks: [] };
  }
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The sample corpus in memory, lexical and (with a model) hybrid. */
async function measureSample(corpus: SampleCorpus, embedder: Embedder | null, questions: string[], rounds: number): Promise<LatencyRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-bench-'));
  try {
    const { VectorIndex } = await import('../retrieval/vector-index.ts');
    const vectors = embedder ? VectorIndex.open(path.join(dir, 'index'), { modelId: embedder.modelId, dim: embedder.dim }) : null;
    const retriever = createRetriever({ embedder, vectors, taskByClause: (id) => corpus.tasks.get(id) });
    const t0 = performance.now();
    await retriever.sync(corpus.passages);
    const buildMs = performance.now() - t0;
    const rows: LatencyRow[] = [];
    const lanes: Array<['lexical' | 'hybrid', Array<'lexical' | 'dense'>]> = [['lexical', ['lexical']]];
    if (embedder) lanes.push(['hybrid', ['lexical', 'dense']]);
    for (const [lane, use] of lanes) {
      const { search, embed } = await latencies(questions, rounds, (q) => retriever.search(q, { lanes: use }));
      rows.push({
        corpus: 'sample', clauses: corpus.passages.length, lane, buildMs,
        searchP50: percentile(search, 50), searchP95: percentile(search, 95), embedP50: percentile(embed, 50), embedP95: percentile(embed, 95), queries: search.length,
      });
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function latencies(questions: string[], rounds: number, run: (q: string) => Promise<{ ms: number; embedMs: number }>) {
  const search: number[] = [];
  const embed: number[] = [];
  for (const q of questions) await run(q); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const res = await run(q);
      search.push(res.ms - res.embedMs);
      embed.push(res.embedMs);
    }
  }
  return { search, embed };
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const f of fs.readdirSync(dir, { withFileTypes: true })) n += f.isDirectory() ? dirBytes(path.join(dir, f.name)) : fs.statSync(path.join(dir, f.name)).size;
  return n;
}

/** The scale run, in this (child) process: store, build, restart, one ingest, search, memory. */
export async function measureScale(clauses: number, questions: string[], rounds: number): Promise<ScaleRow> {
  const sample = loadSampleCorpus();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-bench-scale-'));
  try {
    const db = openDatabase(path.join(dir, 'store.sqlite'));
    const plans = new PlanStore(db);
    const s0 = performance.now();
    // One plan at a time, as an ingest writes them: the library is never whole in memory.
    for (const doc of sample.docs) await plans.saveDocument(doc);
    for (const doc of synthesise(sample, clauses - sample.passages.length)) await plans.saveDocument(doc);
    const storeMs = performance.now() - s0;
    const source = storeClauses(plans);
    const taskByClause = (id: string) => sample.tasks.get(id);
    const load = async (ids: string[]) => passagesOf(plans, ids);
    const indexDir = path.join(dir, 'index');

    const t0 = performance.now();
    let buildMs = 0;
    {
      // Out of scope after the block: the restarted retriever below is the only one left to serve.
      const built = createRetriever({ dir: indexDir, clauses: source, taskByClause });
      await built.reconcile(await documentStamps(plans), load);
      buildMs = performance.now() - t0;
      await built.settle();
    }

    // The build's garbage collected first: the restart stands for a new process.
    (globalThis as { gc?: () => void }).gc?.();
    // A restart: a new retriever over the same folder and store, nothing changed.
    const r0 = performance.now();
    const retriever = createRetriever({ dir: indexDir, clauses: source, taskByClause });
    const restartReport = await retriever.reconcile(await documentStamps(plans), load);
    const restartMs = performance.now() - r0;
    if (restartReport.written.length) throw new Error(`restart re-indexed ${restartReport.written.length} documents`);

    // One more plan, ingested into that library.
    const [extra] = [...synthesise(sample, 300, 300, 7, 'ingested')];
    // Its clauses recombine sentences every plan has: one word only it holds shows it searchable.
    const marker = 'ingestmarker7q';
    extra!.clauses[0]!.text += ` Mã kiểm tra ${marker}.`;
    await plans.saveDocument(extra!);
    const i0 = performance.now();
    await retriever.reconcile(await documentStamps(plans), load);
    const ingestMs = performance.now() - i0;
    const found = await retriever.search(`mã kiểm tra ${marker}`, { lanes: ['lexical'] });
    if (!found.hits.some((h) => h.doc === extra!.id)) throw new Error('the ingested plan is not searchable');
    await retriever.settle();

    const { search } = await latencies(questions, rounds, (q) => retriever.search(q, { lanes: ['lexical'] }));
    // What a replica serving this library holds: resident memory once garbage is collected.
    (globalThis as { gc?: () => void }).gc?.();
    const servingRssMb = process.memoryUsage().rss / 2 ** 20;
    const total = clauses + extra!.clauses.length;
    db.close();
    return {
      clauses: total, storeMs, buildMs, buildRate: (total - extra!.clauses.length) / (buildMs / 1000), restartMs, ingestMs, ingestClauses: extra!.clauses.length,
      searchP50: percentile(search, 50), searchP95: percentile(search, 95), queries: search.length,
      segments: fs.readdirSync(path.join(indexDir, 'lexical')).filter((f) => f.startsWith('seg-')).length, indexBytes: dirBytes(indexDir),
      peakRssMb: process.resourceUsage().maxRSS / 1024, servingRssMb,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the scale measurement in a fresh node process, so its peak memory is its own. */
function scaleInChild(clauses: number, rounds: number): Promise<ScaleRow> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, ['--scale-child', String(clauses), '--rounds', String(rounds)], {
      execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (row) => resolve(row as ScaleRow));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`scale run exited with ${code}`))));
  });
}

async function benchEmbedder(modelsDir: string, modelId: string): Promise<{ embedder: Embedder | null; label: string }> {
  // Loaded here only: the scale process measures the keyword index without the model runtime.
  const { loadEmbedder } = await import('../retrieval/embed/transformers.ts');
  const { buildTinyModel } = await import('../retrieval/embed/tiny-model.ts');
  const logger = silentLogger();
  const real = await loadEmbedder({ modelsDir, modelId, logger });
  if (real) return { embedder: real, label: modelId };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-bench-model-'));
  const tiny = await buildTinyModel(tmp);
  const embedder = await loadEmbedder({ modelsDir: tmp, modelId: tiny.modelId, logger });
  return { embedder, label: `${tiny.modelId} (tiny test model; ${modelId} not in ${modelsDir})` };
}

function devQuestions(): string[] {
  const file = path.join(ROOT, 'eval', 'sets', 'dev.jsonl');
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { question: string }).question);
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

function table(head: string[], lines: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(head), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .option('--clauses <n...>', 'library sizes for the scale run', ['100000'])
    .option('--rounds <n>', 'rounds over the dev questions', '3')
    .option('--skip-scale', 'only the sample corpus')
    .option('--skip-sample', 'only the scale run')
    .option('--scale-child <n>', 'internal: run one scale measurement and report it to the parent')
    .option('--json <file>', 'write the rows as JSON');
  program.parse(process.argv.slice(2), { from: 'user' });
  const opts = program.opts<{ clauses: string[]; rounds: string; skipScale?: boolean; skipSample?: boolean; scaleChild?: string; json?: string }>();
  const questions = devQuestions();
  const rounds = Number(opts.rounds);
  if (opts.scaleChild) {
    const row = await measureScale(Number(opts.scaleChild), questions, rounds);
    process.send?.(row);
    return;
  }
  const config = loadConfig(processEnv());
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const sampleRows: LatencyRow[] = [];
  if (!opts.skipSample) {
    const { embedder, label } = await benchEmbedder(config.modelsDir, config.embeddingModel);
    console.log(`model: ${embedder ? label : 'none (lexical only)'}; ${questions.length} dev questions × ${rounds} rounds`);
    sampleRows.push(...(await measureSample(loadSampleCorpus(), embedder, questions, rounds)));
    console.log(table(
      ['corpus', 'clauses', 'lanes', 'build s', 'search p50 ms', 'search p95 ms', 'embed p50 ms', 'embed p95 ms'],
      sampleRows.map((r) => [r.corpus, String(r.clauses), r.lane, fmt(r.buildMs / 1000), fmt(r.searchP50), fmt(r.searchP95), fmt(r.embedP50), fmt(r.embedP95)]),
    ));
  }
  const scaleRows: ScaleRow[] = [];
  if (!opts.skipScale) {
    for (const n of opts.clauses) scaleRows.push(await scaleInChild(Number(n), rounds));
    console.log(`\nscale (keyword lane, SQLite plan store; each size in its own process):`);
    console.log(table(
      ['clauses', 'store write s', 'index build s', 'build clauses/s', 'restart ready s', 'one-plan ingest s', 'search p50 ms', 'search p95 ms', 'segments', 'index MB', 'peak RSS MB', 'serving RSS MB'],
      scaleRows.map((r) => [String(r.clauses), fmt(r.storeMs / 1000), fmt(r.buildMs / 1000), fmt(r.buildRate, 0), fmt(r.restartMs / 1000, 2),
        `${fmt(r.ingestMs / 1000, 2)} (${r.ingestClauses} clauses)`, fmt(r.searchP50), fmt(r.searchP95), String(r.segments), fmt(r.indexBytes / 2 ** 20), fmt(r.peakRssMb, 0), fmt(r.servingRssMb, 0)]),
    ));
  }
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ machine: os.cpus()[0]?.model, sample: sampleRows, scale: scaleRows }, null, 2)}\n`);
}

await main();
