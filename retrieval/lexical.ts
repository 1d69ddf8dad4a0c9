/**
 * The lexical lane: BM25 (bm25.ts, scoring as FTS5 did) over terms pre-computed in JS
 * (analyze.ts) and stored in SQLite (lexical-store.ts). Three columns, weighted: the
 * clause's own words, its headings (breadcrumb), its document's title. The index lives in
 * memory, loaded once per change, with everything re-ranking reads of a candidate.
 */
import type { DB } from '../corpus/store/db.ts';
import type { QuestionTerms } from './analyze.ts';
import { buildBm25, type Bm25Entry, type Bm25Index } from './bm25.ts';
import { LexicalStore, rowEntry, uint32s, type PassageRow } from './lexical-store.ts';
import type { Passage } from './types.ts';
import { TermSet, type TermLookup, type Vocabulary } from './vocabulary.ts';

export { ensureLexicalSchema } from './lexical-store.ts';
export { LexicalIndexError } from './errors.ts';

/** What re-ranking needs of a candidate, kept in memory so no query re-reads or re-tokenises text. */
export interface PassageInfo {
  id: string;
  docId: string;
  section: string;
  kind: string;
  text: string;
  /** Body and heading terms (analyze.ts forms). */
  terms: TermLookup;
  /** Headings of the ancestors, outermost first. */
  breadcrumb: readonly string[];
  parentId: string | null;
  /** First folded words of the text and of the nearest heading: where a clause names whose task it is. */
  opening: readonly string[];
  headingOpening: readonly string[];
}

/** Document frequencies over all passages (body and heading terms), for weighting question words in re-ranking. */
export interface TermStats {
  passages: number;
  df(term: string): number;
}

export interface LexicalHit {
  id: string;
  score: number;
}

interface Loaded {
  passages: Map<string, PassageInfo>;
  /** Passages by number, the bm25 index's order. */
  list: PassageInfo[];
  /** Passage numbers of each document, for scoping a search. */
  byDoc: Map<string, number[]>;
  bm25: Bm25Index;
  vocabulary: Vocabulary;
  stats: TermStats;
}

const splitWords = (s: string): string[] => (s === '' ? [] : s.split(' '));

export class LexicalIndex {
  private readonly store: LexicalStore;
  private cache: Loaded | null = null;

  constructor(db: DB) {
    this.store = new LexicalStore(db);
  }

  /**
   * Replaces the rows of every document among `passages` whose content changed, and drops
   * `removedDocIds`. Returns the ids of documents written.
   */
  sync(passages: readonly Passage[], removedDocIds: readonly string[] = []): string[] {
    const written = this.store.sync(passages, removedDocIds);
    if (written.length > 0 || removedDocIds.length > 0) this.cache = null;
    return written;
  }

  /** The best `k` passages by bm25 over the question's terms, optionally only in `docIds`. */
  search(terms: Pick<QuestionTerms, 'unigrams' | 'bigrams'>, k: number, docIds?: readonly string[]): LexicalHit[] {
    if (docIds && docIds.length === 0) return [];
    const index = this.load();
    const ids = new Set<number>();
    for (const t of [...terms.unigrams, ...terms.bigrams]) {
      const id = index.vocabulary.id(t);
      if (id !== undefined) ids.add(id);
    }
    if (ids.size === 0) return [];
    const allowed = docIds ? scopeMask(index, docIds) : undefined;
    return index.bm25.top([...ids], k, allowed).map((s) => ({ id: index.list[s.doc]!.id, score: s.score }));
  }

  /** Ids of the passages of `docIds`: one Set lookup per candidate for the vector index's filter, which it calls per node visited. */
  passageIds(docIds: readonly string[]): Set<string> {
    const index = this.load();
    const ids = new Set<string>();
    for (const docId of docIds) for (const n of index.byDoc.get(docId) ?? []) ids.add(index.list[n]!.id);
    return ids;
  }

  /** Every indexed passage, loaded once per sync and kept in memory for re-ranking. */
  passages(): ReadonlyMap<string, PassageInfo> {
    return this.load().passages;
  }

  stats(): TermStats {
    return this.load().stats;
  }

  /**
   * Document frequencies among the passages of `docIds` only, counted on demand (a question's
   * few dozen terms over one province's clauses): the rarity of a word within the plans a
   * question is scoped to, as bm25's scoped idf (bm25.ts) uses it too.
   */
  scopedStats(docIds: readonly string[]): TermStats {
    const index = this.load();
    const scoped = docIds.flatMap((d) => index.byDoc.get(d) ?? []).map((n) => index.list[n]!);
    const memo = new Map<string, number>();
    return {
      passages: scoped.length,
      df: (term) => {
        let n = memo.get(term);
        if (n === undefined) {
          n = 0;
          for (const p of scoped) if (p.terms.has(term)) n++;
          memo.set(term, n);
        }
        return n;
      },
    };
  }

  private load(): Loaded {
    this.cache ??= this.store.read(loadIndex);
    return this.cache;
  }
}

function scopeMask(index: Loaded, docIds: readonly string[]): Uint8Array {
  const mask = new Uint8Array(index.list.length);
  for (const docId of docIds) for (const n of index.byDoc.get(docId) ?? []) mask[n] = 1;
  return mask;
}

function loadIndex(rows: Iterable<PassageRow>, vocabulary: Vocabulary): Loaded {
  const list: PassageInfo[] = [];
  const sets: TermSet[] = [];
  const entries: Bm25Entry[] = [];
  const byDoc = new Map<string, number[]>();
  for (const row of rows) {
    const n = list.length;
    sets.push(new TermSet(vocabulary, uint32s(row.terms)));
    entries.push(rowEntry(row));
    list.push(passageInfo(row, sets[n]!));
    const group = byDoc.get(row.doc_id) ?? [];
    group.push(n);
    byDoc.set(row.doc_id, group);
  }
  const passages = new Map(list.map((p) => [p.id, p]));
  return { passages, list, byDoc, bm25: buildBm25(entries, vocabulary.size), vocabulary, stats: termStats(sets, vocabulary) };
}

function passageInfo(row: PassageRow, terms: TermSet): PassageInfo {
  return {
    id: row.clause_id,
    docId: row.doc_id,
    section: row.section,
    kind: row.kind,
    text: row.text,
    terms,
    breadcrumb: JSON.parse(row.breadcrumb) as string[],
    parentId: row.parent_id,
    opening: splitWords(row.opening),
    headingOpening: splitWords(row.heading_opening),
  };
}

function termStats(sets: readonly TermSet[], vocabulary: Vocabulary): TermStats {
  const df = new Uint32Array(vocabulary.size);
  for (const set of sets) for (const id of set.ids) df[id]! += 1;
  return {
    passages: sets.length,
    df: (term) => {
      const id = vocabulary.id(term);
      return id === undefined ? 0 : df[id]!;
    },
  };
}
