/**
 * The lexical lane: BM25 over three weighted columns (the clause's own words, its headings,
 * its document's title), scored as SQLite FTS5 did, held in segments (segments/index.ts) that
 * persist in a folder. Passages are analysed here (analyze.ts forms); what re-ranking needs of
 * a candidate beyond its terms (text, headings) is read from the clause store per question.
 */
import type { Clause } from '../corpus/types.ts';
import { expandAbbreviations, passageTerms, type QuestionTerms } from './analyze.ts';
import { fold, words } from './normalize.ts';
import { SegmentIndex } from './segments/index.ts';
import type { AnalysedPassage, DocInput, SegmentDoc } from './segments/segment.ts';
import type { IndexedDocument, Passage } from './types.ts';

export { LexicalIndexError } from './errors.ts';

/** The distinct terms of one passage, read-only; what re-ranking asks of a candidate. */
export interface TermLookup {
  has(term: string): boolean;
}

/** What re-ranking needs of a candidate. */
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

/** Document frequencies over passages (body and heading terms), for weighting question words in re-ranking. */
export interface TermStats {
  passages: number;
  df(term: string): number;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/** How many leading words may name the agency a clause is about ("Sở Tài nguyên và Môi trường chủ trì..."). */
const OPENING_WORDS = 14;

export function openingWords(text: string): string[] {
  return expandAbbreviations(words(text, OPENING_WORDS)).words.map(fold);
}

/**
 * An article's own label as one bigram ("dieu_2"), as questions cite it ("Điều 2 quy định
 * gì"); not its words alone, or every article 5 would match any "5" a question states.
 */
function labelTerms(c: Clause): string[] {
  return c.kind === 'article' ? passageTerms(c.section).filter((t) => t.includes('_')) : [];
}

/** Body text of a passage: the clause text, plus any table cell the text does not already hold. */
function bodyText(c: Clause): string {
  const cells = Object.values(c.columns ?? {}).filter((x) => x && !c.text.includes(x));
  return [c.text, ...cells].join(' ');
}

function docText(d: IndexedDocument): string {
  const h = d.header;
  return [h.title, h.province, h.year, h.number].filter((x) => x !== null).join(' ');
}

/**
 * One document's passages analysed for the index. Sibling clauses share their headings, and
 * every clause its document's title: each analysed once.
 */
export function analyseDocument(doc: IndexedDocument, clauses: readonly Clause[], fingerprint: string): DocInput {
  const title = passageTerms(docText(doc));
  const headings = new Map<string, string[]>();
  const passages: AnalysedPassage[] = clauses.map((c) => {
    const key = c.breadcrumb.join(' . ');
    let head = headings.get(key);
    if (!head) headings.set(key, (head = passageTerms(key)));
    return { id: c.id, body: passageTerms(bodyText(c)), head: [...head, ...labelTerms(c)], title };
  });
  return { id: doc.id, fingerprint, header: doc.header, passages };
}

/** A candidate as re-ranking reads it: the clause from the store, its terms from the index. */
export function passageInfo(clause: Clause, terms: TermLookup): PassageInfo {
  return {
    id: clause.id,
    docId: clause.docId,
    section: clause.section,
    kind: clause.kind,
    text: clause.text,
    terms,
    breadcrumb: clause.breadcrumb,
    parentId: clause.parentId,
    opening: openingWords(clause.text),
    headingOpening: openingWords(clause.breadcrumb.at(-1) ?? ''),
  };
}

export class LexicalIndex {
  private readonly index: SegmentIndex;

  /** `dir`: where the segments persist (null: in memory only). */
  constructor(dir: string | null, onError?: (err: unknown) => void) {
    this.index = new SegmentIndex({ dir, ...(onError ? { onError } : {}) });
  }

  documents(): SegmentDoc[] {
    return this.index.documents();
  }

  get passageCount(): number {
    return this.index.passageCount;
  }

  /** Indexes `add` (each replacing its earlier version) and drops `removed`. */
  apply(add: readonly DocInput[], removed: readonly string[] = []): void {
    this.index.apply(add, removed);
  }

  /** The best `k` passages by bm25 over the question's terms, optionally only in `docIds`. */
  search(terms: Pick<QuestionTerms, 'unigrams' | 'bigrams'>, k: number, docIds?: readonly string[]): LexicalHit[] {
    if (docIds && docIds.length === 0) return [];
    const all = [...terms.unigrams, ...terms.bigrams];
    if (all.length === 0) return [];
    return this.index.search(all, k, docIds);
  }

  /** A candidate's terms, looked up in the index. */
  terms(clauseId: string): TermLookup {
    return { has: (term) => this.index.has(clauseId, term) };
  }

  contains(clauseId: string): boolean {
    return this.index.contains(clauseId);
  }

  /** Ids of the passages of `docIds`, for the vector index's filter. */
  passageIds(docIds: readonly string[]): Set<string> {
    return this.index.passageIds(docIds);
  }

  allPassageIds(): string[] {
    return this.index.allPassageIds();
  }

  stats(): TermStats {
    return this.index.stats();
  }

  /** Rarity among the passages of `docIds` only, as bm25's scoped idf counts it too. */
  scopedStats(docIds: readonly string[]): TermStats {
    return this.index.scopedStats(docIds);
  }

  /** Waits for background merging (tests, shutdown). */
  settle(): Promise<void> {
    return this.index.settle();
  }

  get segmentCount(): number {
    return this.index.segmentCount;
  }
}

/** Passages grouped by document, in the order given. */
export function groupByDoc(passages: readonly Passage[]): Map<string, Passage[]> {
  const groups = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = groups.get(p.doc.id) ?? [];
    list.push(p);
    groups.set(p.doc.id, list);
  }
  return groups;
}
