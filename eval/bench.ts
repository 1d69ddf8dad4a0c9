/**
 * `npm run bench`: search latency on this machine, as percentiles, never as unit-test timings.
 *
 *  1. The sample corpus: index build time, a second sync of the same passages, then p50/p95 of `search()` over the dev questions,
 *     lexical only and hybrid (with the tiny model the project builds; a real model in
 *     MODELS_DIR is used instead when present). The model's forward pass is reported apart.
 *  2. Scale: 100,000 synthetic clauses made by recombining the sentences of real ones into
 *     synthetic plans of several provinces and years, same measurements.
 *
 * Options: --clauses N (default 100000), --rounds R (default 3), --json OUT.json, --skip-scale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parseDocument } from '../corpus/parse/index.ts';
import { openDatabase } from '../corpus/store/db.ts';
import { extractTasks } from '../corpus/tasks/index.ts';
import type { Clause, DocHeader, Task } from '../corpus/types.ts';
import { loadEmbedder } from '../retrieval/embed/transformers.ts';
import { buildTinyModel } from '../retrieval/embed/tiny-model.ts';
import { createRetriever } from '../retrieval/retriever.ts';
import type { Embedder, Passage } from '../retrieval/types.ts';
import { VectorIndex } from '../retrieval/vector-index.ts';
import { loadConfig } from '../bot/config.ts';
import { processEnv } from '../bot/cli/args.ts';
import { silentLogger } from '../bot/logger.ts';

interface Corpus {
  passages: Passage[];
  tasks: Map<string, Task>;
}

interface LatencyRow {
  corpus: string;
  clauses: number;
  lane: 'lexical' | 'hybrid';
  buildMs: number;
  /** A second sync of the same passages: what a restart on an unchanged corpus costs. */
  resyncMs: number;
  searchP50: number;
  searchP95: number;
  embedP50: number;
  embedP95: number;
  queries: number;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function loadSampleCorpus(): Corpus {
  const dir = path.join(ROOT, 'corpus', 'plans');
  const passages: Passage[] = [];
  const tasks = new Map<string, Task>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const doc = parseDocument(file, fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const clause of doc.clauses) passages.push({ clause, doc: { id: doc.id, header: doc.header } });
    for (const t of extractTasks(doc)) if (!tasks.has(t.clauseId)) tasks.set(t.clauseId, t);
  }
  return { passages, tasks };
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

/** Synthetic plans whose clauses recombine real sentences under real breadcrumbs. */
function synthesise(real: Corpus, total: number, perDoc = 500): Corpus {
  const rand = mulberry32(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentences = real.passages.flatMap((p) => p.clause.text.split(/(?<=[.;:])\s+/)).filter((s) => s.length > 20);
  const shapes = real.passages.map((p) => p.clause);
  const passages: Passage[] = [];
  for (let d = 0; passages.length < total; d++) {
    const province = SYNTH_PROVINCES[d % SYNTH_PROVINCES.length]!;
    const year = 2019 + (d % 7);
    const id = `synth-${String(d).padStart(4, '0')}.txt`;
    const header: DocHeader = {
      issuer: `Ủy ban nhân dân tỉnh ${province}`, number: `${100 + d}/KH-UBND`, date: null, province, year,
      title: `Kế hoạch tổng hợp số ${d} năm ${year}`, implements: null, kind: pick(['nq02', 'cchc', 'cctthc']),
    };
    for (let i = 0; i < perDoc && passages.length < total; i++) {
      const shape = pick(shapes);
      const n = 1 + Math.floor(rand() * 3);
      const text = Array.from({ length: n }, () => pick(sentences)).join(' ');
      const clause: Clause = { ...shape, id: `${id}#${shape.section}~${i}`, docId: id, text, parentId: null, order: i };
      passages.push({ clause, doc: { id, header } });
    }
  }
  return { passages: [...real.passages, ...passages], tasks: real.tasks };
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, corpus: Corpus, embedder: Embedder | null, questions: string[], rounds: number): Promise<LatencyRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-bench-'));
  try {
    const db = openDatabase(path.join(dir, 'bench.sqlite'));
    const vectors = embedder ? VectorIndex.open(path.join(dir, 'index'), { modelId: embedder.modelId, dim: embedder.dim }) : null;
    const retriever = createRetriever({ db, embedder, vectors, taskByClause: (id) => corpus.tasks.get(id) });
    const t0 = performance.now();
    await retriever.sync(corpus.passages);
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    await retriever.sync(corpus.passages);
    const resyncMs = performance.now() - t1;
    const rows: LatencyRow[] = [];
    const lanes: Array<['lexical' | 'hybrid', Array<'lexical' | 'dense'>]> = [['lexical', ['lexical']]];
    if (embedder) lanes.push(['hybrid', ['lexical', 'dense']]);
    for (const [lane, use] of lanes) {
      const search: number[] = [];
      const embed: number[] = [];
      for (const q of questions) await retriever.search(q, { lanes: use }); // warm-up
      for (let r = 0; r < rounds; r++) {
        for (const q of questions) {
          const res = await retriever.search(q, { lanes: use });
          search.push(res.ms - res.embedMs);
          embed.push(res.embedMs);
        }
      }
      rows.push({
        corpus: name, clauses: corpus.passages.length, lane, buildMs, resyncMs,
        searchP50: percentile(search, 50), searchP95: percentile(search, 95),
        embedP50: percentile(embed, 50), embedP95: percentile(embed, 95), queries: search.length,
      });
    }
    db.close();
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchEmbedder(modelsDir: string, modelId: string): Promise<{ embedder: Embedder | null; label: string }> {
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

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

function printTable(rows: LatencyRow[]): void {
  const head = ['corpus', 'clauses', 'lanes', 'build s', 'resync s', 'search p50 ms', 'search p95 ms', 'embed p50 ms', 'embed p95 ms'];
  const lines = rows.map((r) => [r.corpus, String(r.clauses), r.lane, (r.buildMs / 1000).toFixed(1), (r.resyncMs / 1000).toFixed(1), fmt(r.searchP50), fmt(r.searchP95), fmt(r.embedP50), fmt(r.embedP95)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log([row(head), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n'));
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .option('--clauses <n>', 'synthetic clauses for the scale run', '100000')
    .option('--rounds <n>', 'rounds over the dev questions', '3')
    .option('--skip-scale', 'only the sample corpus')
    .option('--json <file>', 'write the rows as JSON');
  program.parse(process.argv.slice(2), { from: 'user' });
  const opts = program.opts<{ clauses: string; rounds: string; skipScale?: boolean; json?: string }>();
  const config = loadConfig(processEnv());
  const questions = devQuestions();
  const rounds = Number(opts.rounds);
  const { embedder, label } = await benchEmbedder(config.modelsDir, config.embeddingModel);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log(`model: ${embedder ? label : 'none (lexical only)'}; ${questions.length} dev questions × ${rounds} rounds`);
  const sample = loadSampleCorpus();
  const rows = await measure('sample', sample, embedder, questions, rounds);
  if (!opts.skipScale) rows.push(...(await measure('synthetic', synthesise(sample, Number(opts.clauses)), embedder, questions, rounds)));
  printTable(rows);
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ machine: os.cpus()[0]?.model, model: label, rows }, null, 2)}\n`);
}

await main();
