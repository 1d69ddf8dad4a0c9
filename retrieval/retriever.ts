/**
 * The public retriever: one `search()` that understands the question, keeps to the plans it
 * names, runs every lane available (lexical always, dense when a model is loaded), fuses,
 * re-ranks, decides whether the plans hold an answer at all, and records per-lane scores.
 */
import type { DB } from '../corpus/store/db.ts';
import { answerability, MIN_COVERAGE } from './answerable.ts';
import { provinceChoices } from './provinces-choice.ts';
import { DenseLane, denseText, type VectorIndexLike } from './dense.ts';
import { DocumentTable } from './documents.ts';
import { fuse, type LaneResult } from './fusion.ts';
import { LexicalIndex } from './lexical.ts';
import { prepareQuery } from './query.ts';
import { scopeDocuments } from './scope.ts';
import { coverageTerms, MAX_SCORE, rerank, type TaskLookup } from './rerank.ts';
import type { Embedder, Hit, IndexedDocument, Passage, SearchOptions, SearchResult } from './types.ts';

export type { VectorIndexLike } from './dense.ts';
export type { TaskAgencies, TaskLookup } from './rerank.ts';
export { DenseLaneError, LexicalIndexError, RetrievalError } from './errors.ts';

export interface RetrieverLogger {
  debug(obj: object, msg?: string): void;
}

export interface RetrieverDeps {
  db: DB;
  embedder?: Embedder | null;
  vectors?: VectorIndexLike | null;
  taskByClause?: TaskLookup;
  logger?: RetrieverLogger;
}

export interface Retriever {
  /** Indexes the passages of every document among them whose content changed; idempotent. */
  sync(passages: Passage[]): Promise<void>;
  /** Drops documents from every index. */
  remove(docIds: string[]): Promise<void>;
  search(question: string, options?: SearchOptions): Promise<SearchResult>;
  documents(): IndexedDocument[];
  /** For maintainers (eval/diagnose.ts): the question's weighted coverage terms and which of them each clause holds. */
  explain(question: string, clauseIds: string[]): Explanation;
  readonly denseAvailable: boolean;
}

export interface Explanation {
  terms: Array<{ term: string; weight: number; bigram: boolean }>;
  clauses: Array<{ id: string; has: string[] }>;
}

/** Candidates each lane hands to fusion: enough that re-ranking can lift a rank-30 clause to the top. */
const CANDIDATES = 60;

export function createRetriever(deps: RetrieverDeps): Retriever {
  const lexical = new LexicalIndex(deps.db);
  const docs = new DocumentTable(deps.db);
  const dense = deps.embedder && deps.vectors ? new DenseLane(deps.embedder, deps.vectors) : null;

  /** The vector index follows the lexical one: it gets every indexed passage, and embeds what it lacks. */
  async function syncDense(): Promise<void> {
    if (!dense) return;
    const all = [...lexical.passages().values()].map((p) => ({ id: p.id, text: denseText(p.breadcrumb, p.text) }));
    const counts = await dense.sync(all);
    deps.logger?.debug({ ...counts }, 'vector index synced');
  }

  async function sync(passages: Passage[]): Promise<void> {
    lexical.sync(passages);
    docs.upsert(uniqueDocs(passages));
    await syncDense();
  }

  async function remove(docIds: string[]): Promise<void> {
    lexical.sync([], docIds);
    docs.remove(docIds);
    await syncDense();
  }

  async function search(question: string, options: SearchOptions = {}): Promise<SearchResult> {
    const started = performance.now();
    const k = options.k ?? 10;
    const query = prepareQuery(question, docs.initials());
    const scope = scopeDocuments(query.filters, docs.all());
    const base = { question: query.question, filters: query.filters };
    if (scope.refusal) {
      return { ...base, answerable: false, refusal: scope.refusal, hits: [], ms: performance.now() - started, embedMs: 0 };
    }
    const named = query.filters.provinces.length > 0 || query.filters.years.length > 0;
    const docIds = named ? scope.docIds : undefined;
    const lanes = options.lanes ?? ['lexical', 'dense'];
    const results: LaneResult[] = [];
    if (lanes.includes('lexical')) results.push({ lane: 'lexical', hits: lexical.search(query.terms, CANDIDATES, docIds) });
    let embedMs = 0;
    if (dense && lanes.includes('dense')) {
      const allowed = docIds ? lexical.passageIds(docIds) : null;
      const run = await dense.search(query.question, CANDIDATES, allowed ?? undefined);
      embedMs = run.embedMs;
      results.push({ lane: 'dense', hits: run.hits });
    }
    const passages = lexical.passages();
    const ranked = rerank(fuse(results), {
      query,
      passages,
      stats: docIds ? lexical.scopedStats(docIds) : lexical.stats(),
      taskByClause: deps.taskByClause,
      docKinds: docs.kinds(),
      national: new Set(scope.nationalIds),
      docNumbers: docs.numbers(),
      planNameTerms: (docId) => docs.nameTerms(docId),
    });
    const hits: Hit[] = ranked.slice(0, k).map((r) => {
      const p = passages.get(r.id)!;
      return { clauseId: r.id, doc: p.docId, section: p.section, text: p.text, score: Math.min(1, r.score / MAX_SCORE), lanes: r.lanes };
    });
    const verdict = answerability(query, ranked, passages, deps.taskByClause);
    // The composer reads each province's clause from the hits: only those among them count.
    const found = verdict.answerable && query.filters.provinces.length === 0 ? provinceChoices(ranked.slice(0, k), passages, docs.byId(), MIN_COVERAGE) : [];
    const choices = found.length >= 2 ? found : [];
    const ms = performance.now() - started;
    deps.logger?.debug({ question, filters: query.filters, intents: query.intents, top: hits[0]?.clauseId, verdict, choices, ms, embedMs }, 'search');
    return { ...base, ...verdict, hits, ms, embedMs, ...(choices.length ? { provinceChoices: choices } : {}) };
  }

  function explain(question: string, clauseIds: string[]): Explanation {
    const query = prepareQuery(question, docs.initials());
    const cov = coverageTerms(query, lexical.stats());
    const terms = [
      ...cov.words.map((slot) => ({ term: slot.alternatives.map((a) => a.map(([t]) => t).join('+')).join('|'), weight: slot.weight, bigram: false })),
      ...cov.bigrams.map((slot) => ({ term: slot.alternatives[0]![0]![0], weight: slot.weight, bigram: true })),
    ];
    const passages = lexical.passages();
    return {
      terms,
      clauses: clauseIds.map((id) => ({ id, has: terms.filter((t) => t.term.split(/[|+]/).some((x) => passages.get(id)?.terms.has(x))).map((t) => t.term) })),
    };
  }

  return {
    sync,
    remove,
    search,
    explain,
    documents: () => docs.all(),
    denseAvailable: dense !== null,
  };
}

function uniqueDocs(passages: readonly Passage[]): IndexedDocument[] {
  const byId = new Map<string, IndexedDocument>();
  for (const p of passages) byId.set(p.doc.id, p.doc);
  return [...byId.values()];
}
