import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Clause, DocHeader, PlanDocument } from '../corpus/types.ts';
import type { Passage } from '../retrieval/types.ts';
import { Bm25Index } from './bm25.ts';
import { EvalError } from './errors.ts';
import { percentile } from './metrics.ts';

/**
 * The ALQAC 2023 legal retrieval benchmark (shared/bench/alqac2023): 2,249 law articles and
 * questions with gold articles. Each article becomes one clause of its law, so the engine
 * indexes it exactly as it indexes a plan; nothing in the engine knows about ALQAC.
 */
export interface AlqacArticle {
  law: string;
  article: string;
  text: string;
}

export interface AlqacQuestion {
  id: string;
  text: string;
  gold: Array<{ law: string; article: string }>;
}

export interface AlqacData {
  articles: AlqacArticle[];
  questions: AlqacQuestion[];
}

/** What a run returned for one question: the (doc, section) of its hits, best first. */
export interface AlqacRunOutput {
  hits: Array<{ doc: string; section: string }>;
  ms: number;
}

export interface AlqacRunner {
  name: string;
  run(question: string): Promise<AlqacRunOutput>;
  skipped?: string;
}

export interface AlqacRunSummary {
  name: string;
  r1: number | null;
  r5: number | null;
  r10: number | null;
  mrr10: number | null;
  p50ms: number | null;
  p95ms: number | null;
}

export interface AlqacReport {
  benchmark: string;
  split: string;
  n: number;
  runs: AlqacRunSummary[];
  skipped: Array<{ name: string; reason: string }>;
}

export const ALQAC_SPLITS = ['train', 'private_test'] as const;
export type AlqacSplit = (typeof ALQAC_SPLITS)[number];

const articlesSchema = z.record(z.string(), z.string());
const questionsSchema = z.array(
  z.object({
    question_id: z.string(),
    text: z.string(),
    relevant_articles: z.array(z.object({ law_id: z.string(), article_id: z.union([z.string(), z.number()]).transform(String) })).min(1),
  }),
);

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (cause) {
    throw new EvalError(`cannot read ${file}`, { cause });
  }
}

/** Keys of the flat article file are "<law>@<article>"; law names hold no "@". */
export function parseArticles(raw: unknown): AlqacArticle[] {
  const parsed = articlesSchema.safeParse(raw);
  if (!parsed.success) throw new EvalError('articles file is not an object of "<law>@<article>": text', { cause: parsed.error });
  return Object.entries(parsed.data).map(([key, text]) => {
    const at = key.lastIndexOf('@');
    if (at <= 0) throw new EvalError(`article key "${key}" is not "<law>@<article>"`);
    return { law: key.slice(0, at).normalize('NFC'), article: key.slice(at + 1), text: text.normalize('NFC') };
  });
}

export function parseQuestions(raw: unknown): AlqacQuestion[] {
  const parsed = questionsSchema.safeParse(raw);
  if (!parsed.success) throw new EvalError('questions file does not hold ALQAC questions with relevant_articles', { cause: parsed.error });
  return parsed.data.map((q) => ({
    id: q.question_id,
    text: q.text.normalize('NFC'),
    gold: q.relevant_articles.map((a) => ({ law: a.law_id.normalize('NFC'), article: a.article_id })),
  }));
}

/** Reads the flat article file (which, unlike law.json, includes the Constitution) and one split. */
export async function loadAlqac(dir: string, split: AlqacSplit): Promise<AlqacData> {
  const articles = parseArticles(await readJson(path.join(dir, 'all_articles_2023_flat.json')));
  const questions = parseQuestions(await readJson(path.join(dir, `${split}.json`)));
  const known = new Set(articles.map((a) => articleSection(a.law, a.article)));
  const missing = questions.flatMap((q) => q.gold).filter((g) => !known.has(articleSection(g.law, g.article)));
  if (missing.length) throw new EvalError(`${missing.length} gold article(s) are not in the corpus, e.g. ${missing[0]?.law} @ ${missing[0]?.article}`);
  return { articles, questions };
}

function articleSection(law: string, article: string): string {
  return `${law}\u0000Điều ${article}`;
}

function lawHeader(law: string): DocHeader {
  return { issuer: null, number: null, date: null, province: null, year: null, title: law, implements: null, kind: null };
}

/** One `Passage` per article: the law is the document, the article a clause "Điều n". */
export function alqacPassages(articles: readonly AlqacArticle[]): Passage[] {
  const docs = new Map<string, { id: string; header: DocHeader }>();
  return articles.map((a, order) => {
    const doc = docs.get(a.law) ?? { id: a.law, header: lawHeader(a.law) };
    docs.set(a.law, doc);
    const section = `Điều ${a.article}`;
    const clause: Clause = {
      id: `${a.law}#${section}`, docId: a.law, section, kind: 'article', label: `${section}.`,
      breadcrumb: [], text: a.text, parentId: null, order, depth: 0,
    };
    return { clause, doc };
  });
}

/** The laws as stored documents (one per law, its articles as clauses), so the engine reads them as it reads plans. */
export function alqacDocuments(articles: readonly AlqacArticle[]): PlanDocument[] {
  const byLaw = new Map<string, PlanDocument>();
  for (const p of alqacPassages(articles)) {
    let doc = byLaw.get(p.doc.id);
    if (!doc) byLaw.set(p.doc.id, (doc = { id: p.doc.id, path: p.doc.id, sha256: p.doc.id, header: p.doc.header, clauses: [], tasks: [] }));
    doc.clauses.push(p.clause);
  }
  return [...byLaw.values()];
}

/** The plain BM25 reference run over the same articles. */
export function bm25AlqacRunner(articles: readonly AlqacArticle[]): AlqacRunner {
  const index = new Bm25Index(articles.map((a) => ({ id: articleSection(a.law, a.article), text: a.text })));
  return {
    name: 'bm25',
    async run(question) {
      const t0 = performance.now();
      const hits = index.search(question, 10).map((h) => {
        const [doc = '', section = ''] = h.id.split('\u0000');
        return { doc, section };
      });
      return { hits, ms: performance.now() - t0 };
    },
  };
}

/**
 * R@k: share of the question's gold articles among the top k, averaged over questions (the
 * definition behind the published plain-BM25 numbers in SOURCES.md). MRR@10: reciprocal rank
 * of the first gold article in the top 10.
 */
export function scoreAlqac(questions: readonly AlqacQuestion[], outputs: readonly AlqacRunOutput[], name: string): AlqacRunSummary {
  const per = questions.map((q, i) => {
    const keys = (outputs[i]?.hits ?? []).slice(0, 10).map((h) => `${h.doc}\u0000${h.section}`);
    const ranks = q.gold.map((g) => keys.indexOf(articleSection(g.law, g.article)) + 1);
    const recall = (k: number) => ranks.filter((r) => r > 0 && r <= k).length / ranks.length;
    const first = Math.min(...ranks.map((r) => (r > 0 ? r : Infinity)));
    return { r1: recall(1), r5: recall(5), r10: recall(10), rr: Number.isFinite(first) ? 1 / first : 0 };
  });
  const avg = (f: (p: (typeof per)[number]) => number) => (per.length ? per.reduce((s, p) => s + f(p), 0) / per.length : null);
  const ms = outputs.map((o) => o.ms);
  return { name, r1: avg((p) => p.r1), r5: avg((p) => p.r5), r10: avg((p) => p.r10), mrr10: avg((p) => p.rr), p50ms: percentile(ms, 0.5), p95ms: percentile(ms, 0.95) };
}

export async function evaluateAlqac(split: string, data: AlqacData, runners: readonly AlqacRunner[]): Promise<AlqacReport> {
  const report: AlqacReport = { benchmark: 'alqac2023', split, n: data.questions.length, runs: [], skipped: [] };
  for (const runner of runners) {
    if (runner.skipped !== undefined) {
      report.skipped.push({ name: runner.name, reason: runner.skipped });
      continue;
    }
    const outputs: AlqacRunOutput[] = [];
    for (const q of data.questions) {
      try {
        outputs.push(await runner.run(q.text));
      } catch (cause) {
        throw new EvalError(`ALQAC run "${runner.name}" failed on question ${q.id}`, { cause });
      }
    }
    report.runs.push(scoreAlqac(data.questions, outputs, runner.name));
  }
  return report;
}
