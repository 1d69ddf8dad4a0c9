/**
 * The public retriever: one `search()` that understands the question, keeps to the plans it
 * names, runs every lane available (lexical always, dense when a model is loaded), fuses,
 * re-ranks, decides whether the plans hold an answer at all, and records per-lane scores.
 */
import { createHash } from 'node:crypto';
import type { Clause } from '../corpus/types.ts';
import { expandAcronym, spellOut, type Span } from './acronyms.ts';
import { answerability, MIN_COVERAGE } from './answerable.ts';
import { provinceChoices } from './provinces-choice.ts';
import { DenseLane, denseText, type VectorIndexLike } from './dense.ts';
import { DocumentTable } from './documents.ts';
import { fuse, type LaneResult } from './fusion.ts';
import { analyseDocument, groupByDoc, LexicalIndex, passageInfo, type PassageInfo } from './lexical.ts';
import { PASSAGE_ANALYSIS } from './lexicon.ts';
import { prepareQuery, type PreparedQuery } from './query.ts';
import { scopeDocuments } from './scope.ts';
import { coverageTerms, dutyHeadingIds, MAX_SCORE, namedDocuments, rerank, withDutyHeadings, type TaskLookup } from './rerank.ts';
import { SEGMENT_VERSION } from './segments/segment.ts';
import type { ClauseSource, DocStamp, Embedder, Hit, IndexedDocument, Passage, SearchOptions, SearchResult } from './types.ts';

export type { VectorIndexLike } from './dense.ts';
export type { TaskAgencies, TaskLookup } from './rerank.ts';
export { DenseLaneError, LexicalIndexError, RetrievalError } from './errors.ts';

export interface RetrieverLogger {
  debug(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}

export interface RetrieverDeps {
  /** Folder the keyword index persists in; unset keeps it in memory (tests, throwaway runs). */
  dir?: string | null;
  /**
   * Where a candidate's text and headings are read at question time (the clause store). Unset:
   * the clauses given to `sync` are kept in memory, which only suits an index without `dir`.
   */
  clauses?: ClauseSource;
  embedder?: Embedder | null;
  vectors?: VectorIndexLike | null;
  taskByClause?: TaskLookup;
  logger?: RetrieverLogger;
}

/** What a sync changed. */
export interface SyncReport {
  written: string[];
  removed: string[];
}

export interface Retriever {
  /** Indexes the passages of every document among them whose content changed; idempotent. */
  sync(passages: Passage[]): Promise<SyncReport>;
  /**
   * Makes the index hold exactly the documents stamped: those whose fingerprint changed or that
   * are missing are read through `load` and indexed, those not listed are dropped.
   */
  reconcile(stamps: readonly DocStamp[], load: (docIds: string[]) => Promise<Passage[]>): Promise<SyncReport>;
  /** Drops documents from every index. */
  remove(docIds: string[]): Promise<void>;
  search(question: string, options?: SearchOptions): Promise<SearchResult>;
  documents(): IndexedDocument[];
  /** For maintainers (eval/diagnose.ts): the question's weighted coverage terms and which of them each clause holds. */
  explain(question: string, clauseIds: string[]): Explanation;
  /** Waits for background work (segment merges). */
  settle(): Promise<void>;
  readonly denseAvailable: boolean;
}

export interface Explanation {
  terms: Array<{ term: string; weight: number; bigram: boolean }>;
  clauses: Array<{ id: string; has: string[] }>;
}

/** Candidates' re-ranking details kept between questions (a few MB at most). */
const INFO_CACHE = 5000;

/** Candidates each lane hands to fusion: enough that re-ranking can lift a rank-30 clause to the top. */
const CANDIDATES = 60;
/**
 * Clauses read from the store and indexed at a time by `reconcile` (whole documents, at least
 * one): what a batch analyses is garbage once its segment is written, so the batch bounds the
 * memory of a first build.
 */
const RECONCILE_CLAUSES = 1000;

/** Ids in order, cut into runs of about `limit` clauses (a document without a count counts 500). */
function batches(ids: readonly string[], size: (id: string) => number | undefined, limit: number): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let n = 0;
  for (const id of ids) {
    const s = size(id) ?? 500;
    if (run.length && n + s > limit) {
      out.push(run);
      run = [];
      n = 0;
    }
    run.push(id);
    n += s;
  }
  if (run.length) out.push(run);
  return out;
}

/** A document's content fingerprint, for `sync` of passages given whole. */
function contentPrint(passages: readonly Passage[]): string {
  const hash = createHash('sha256');
  for (const p of passages) hash.update(JSON.stringify([p.clause, p.doc.header]));
  return hash.digest('hex');
}

/** The index's own version and the abbreviation table are part of every fingerprint: a new analysis re-indexes everything. */
const stamped = (fingerprint: string) => `${SEGMENT_VERSION}:${PASSAGE_ANALYSIS}:${fingerprint}`;

/** Clauses kept from `sync`, for an index without a store behind it. */
class MemoryClauses implements ClauseSource {
  private readonly byId = new Map<string, Clause>();
  put(passages: readonly Passage[]): void {
    for (const p of passages) this.byId.set(p.clause.id, p.clause);
  }
  drop(docIds: readonly string[]): void {
    const gone = new Set(docIds);
    for (const [id, c] of this.byId) if (gone.has(c.docId)) this.byId.delete(id);
  }
  async clauses(ids: readonly string[]): Promise<Clause[]> {
    return ids.flatMap((id) => {
      const c = this.byId.get(id);
      return c ? [c] : [];
    });
  }
}

export function createRetriever(deps: RetrieverDeps = {}): Retriever {
  const dir = deps.dir ?? null;
  if (dir && !deps.clauses) throw new Error('a persisted index needs a clause store to read candidates from');
  const memory = deps.clauses ? null : new MemoryClauses();
  const source: ClauseSource = deps.clauses ?? memory!;
  const lexical = new LexicalIndex(dir ? `${dir}/lexical` : null, (err) => deps.logger?.warn?.({ err: String(err) }, 'keyword index segment skipped'));
  const docs = new DocumentTable();
  // Candidates as re-ranking reads them, kept between questions (they recur); emptied whenever the index changes.
  const infos = new Map<string, PassageInfo>();
  const refreshDocs = () => {
    docs.set(lexical.documents().map((d) => ({ id: d.id, header: d.header })));
    infos.clear();
  };
  refreshDocs();
  const dense = deps.embedder && deps.vectors ? new DenseLane(deps.embedder, deps.vectors) : null;

  /** Indexes whole documents' passages (replacing their earlier versions) in every lane. */
  async function index(groups: ReadonlyArray<[string, Passage[], string]>, removed: readonly string[]): Promise<void> {
    memory?.drop(removed);
    lexical.apply(groups.map(([, passages, print]) => analyseDocument(passages[0]!.doc, passages.map((p) => p.clause), print)), removed);
    for (const [, passages] of groups) memory?.put(passages);
    refreshDocs();
    if (dense) await dense.update(groups.flatMap(([, ps]) => ps.map((p) => ({ id: p.clause.id, text: denseText(p.clause.breadcrumb, p.clause.text) }))));
  }

  /** The vector index follows the keyword index: it drops what is gone, and embeds what it lacks (a model added later). */
  async function syncDense(): Promise<void> {
    if (!dense) return;
    const live = new Set(lexical.allPassageIds());
    const missing = dense.prune(live);
    for (let i = 0; i < missing.length; i += 500) {
      const clauses = await source.clauses(missing.slice(i, i + 500));
      await dense.update(clauses.map((c) => ({ id: c.id, text: denseText(c.breadcrumb, c.text) })));
    }
  }

  async function sync(passages: Passage[]): Promise<SyncReport> {
    const known = new Map(lexical.documents().map((d) => [d.id, d.fingerprint]));
    const groups: Array<[string, Passage[], string]> = [];
    for (const [docId, group] of groupByDoc(passages)) {
      const print = stamped(contentPrint(group));
      if (known.get(docId) !== print) groups.push([docId, group, print]);
    }
    if (groups.length) await index(groups, []);
    await syncDense();
    return { written: groups.map(([id]) => id), removed: [] };
  }

  async function reconcile(stamps: readonly DocStamp[], load: (docIds: string[]) => Promise<Passage[]>): Promise<SyncReport> {
    const known = new Map(lexical.documents().map((d) => [d.id, d.fingerprint]));
    const wanted = new Map(stamps.map((s) => [s.id, stamped(s.fingerprint)]));
    const removed = [...known.keys()].filter((id) => !wanted.has(id));
    const changed = [...wanted].filter(([id, print]) => known.get(id) !== print).map(([id]) => id);
    if (removed.length) {
      lexical.apply([], removed);
      memory?.drop(removed);
      refreshDocs();
    }
    const sizes = new Map(stamps.map((s) => [s.id, s.clauses]));
    for (const batch of batches(changed, (id) => sizes.get(id), RECONCILE_CLAUSES)) {
      const byDoc = groupByDoc(await load(batch));
      // A stamped document with no clause left still replaces its earlier version (as empty).
      await index(batch.flatMap((id) => {
        const group = byDoc.get(id);
        return group?.length ? [[id, group, wanted.get(id)!] as [string, Passage[], string]] : [];
      }), batch.filter((id) => !byDoc.get(id)?.length));
    }
    await syncDense();
    return { written: changed, removed };
  }

  async function remove(docIds: string[]): Promise<void> {
    lexical.apply([], docIds);
    memory?.drop(docIds);
    refreshDocs();
    await syncDense();
  }

  /** The candidates as re-ranking reads them: clauses from the store, terms from the index. */
  async function details(ids: readonly string[]): Promise<Map<string, PassageInfo>> {
    const out = new Map<string, PassageInfo>();
    const missing: string[] = [];
    for (const id of ids) {
      const known = infos.get(id);
      if (known) out.set(id, known);
      else if (lexical.contains(id)) missing.push(id);
    }
    for (const c of await source.clauses(missing)) {
      const info = passageInfo(c, lexical.terms(c.id));
      out.set(c.id, info);
      infos.set(c.id, info);
    }
    for (const id of infos.keys()) {
      if (infos.size <= INFO_CACHE) break;
      infos.delete(id);
    }
    // In the order asked, as the store returned them before the cache.
    return new Map(ids.flatMap((id) => (out.has(id) ? [[id, out.get(id)!] as [string, PassageInfo]] : [])));
  }

  /**
   * The question with the acronyms neither the table nor the plans in scope know spelled out
   * from the plans (acronyms.ts): from the best keyword candidates' text and headings and the
   * plans' titles. Unchanged when there are none or none is found.
   */
  async function spellAcronyms(query: PreparedQuery, docIds: readonly string[] | undefined): Promise<{ text: string; spans: Span[] } | null> {
    const stats = docIds ? lexical.scopedStats(docIds) : lexical.stats();
    const unknown = query.acronyms.filter((a) => stats.df(a.folded) === 0);
    if (unknown.length === 0) return null;
    const candidates = await details(lexical.search(query.terms, CANDIDATES, docIds).map((h) => h.id));
    const inScope = docIds ? new Set(docIds) : null;
    const texts = [
      ...[...candidates.values()].flatMap((p) => [p.text, ...p.breadcrumb]),
      ...docs.all().flatMap((d) => (!inScope || inScope.has(d.id)) && d.header.title ? [d.header.title] : []),
    ];
    const found = unknown.flatMap((a) => {
      const phrase = expandAcronym(a.letters, texts);
      return phrase ? [[a, phrase] as const] : [];
    });
    return found.length > 0 ? spellOut(query.question, found) : null;
  }

  async function search(question: string, options: SearchOptions = {}): Promise<SearchResult> {
    return run(question, options, null);
  }

  /**
   * `spelled`: the acronyms already spelled out in `question` (null: not yet looked for);
   * `keywordTerms`: the keyword lane's terms when they are not the question's own (the words as typed).
   */
  async function run(question: string, options: SearchOptions, spelled: Span[] | null, keywordTerms?: PreparedQuery['terms']): Promise<SearchResult> {
    const started = performance.now();
    const k = options.k ?? 10;
    const query = prepareQuery(question, docs.initials(), spelled ?? []);
    const scope = scopeDocuments(query.filters, docs.all(), [...namedDocuments(query, docs.numbers())], query.nationalCue);
    const base = { question: query.question, filters: query.filters };
    const named = query.filters.provinces.length > 0 || query.filters.years.length > 0;
    const docIds = named ? scope.docIds : undefined;
    if (spelled === null && query.acronyms.length > 0) {
      const out = await spellAcronyms(query, scope.refusal ? undefined : docIds);
      if (out) {
        deps.logger?.debug({ question, spelled: out.text }, 'acronyms spelled out');
        // The keyword lane keeps the words as typed: the spelled phrase is mostly the plan's own name, which
        // every clause of its preamble repeats (on plans2025b, spelling it out for the keyword lane too
        // lost three questions at rank 1 and gained none); re-ranking and the refusal decision read it.
        const res = await run(out.text, options, out.spans, query.terms);
        return { ...res, question: query.question, ms: performance.now() - started };
      }
    }
    if (scope.refusal) {
      return { ...base, answerable: false, refusal: scope.refusal, hits: [], ms: performance.now() - started, embedMs: 0 };
    }
    const lanes = options.lanes ?? ['lexical', 'dense'];
    const results: LaneResult[] = [];
    if (lanes.includes('lexical')) results.push({ lane: 'lexical', hits: lexical.search(keywordTerms ?? query.terms, CANDIDATES, docIds) });
    let embedMs = 0;
    if (dense && lanes.includes('dense')) {
      const allowed = docIds ? lexical.passageIds(docIds) : null;
      const run = await dense.search(query.question, CANDIDATES, allowed ?? undefined);
      embedMs = run.embedMs;
      results.push({ lane: 'dense', hits: run.hits });
    }
    const fused = fuse(results);
    const passages = await details(fused.map((c) => c.id));
    const reranked = rerank(fused, {
      query,
      passages,
      stats: docIds ? lexical.scopedStats(docIds) : lexical.stats(),
      taskByClause: deps.taskByClause,
      docKinds: docs.kinds(),
      national: new Set(scope.nationalIds),
      placeOnly: scope.placeOnly ?? false,
      docNumbers: docs.numbers(),
      planNameTerms: (docId) => docs.nameTerms(docId),
    });
    // A point that answers "who leads" is followed by the heading above it that names the lead.
    const headingIds = dutyHeadingIds(reranked, passages, query.intents);
    const parents = headingIds.length > 0 ? await details(headingIds) : new Map<string, PassageInfo>();
    for (const [id, p] of parents) passages.set(id, p);
    const ranked = parents.size > 0 ? withDutyHeadings(reranked, parents, headingIds, passages) : reranked;
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
    return {
      terms,
      clauses: clauseIds.map((id) => ({ id, has: terms.filter((t) => t.term.split(/[|+]/).some((x) => lexical.terms(id).has(x))).map((t) => t.term) })),
    };
  }

  return {
    sync,
    reconcile,
    remove,
    search,
    explain,
    settle: () => lexical.settle(),
    documents: () => docs.all(),
    denseAvailable: dense !== null,
  };
}
