import type { Clause, DocHeader } from '../corpus/types.ts';

/** What the index knows of a document, for filters and citations. */
export interface IndexedDocument {
  id: string;
  header: DocHeader;
}

/** A retrieval unit: one clause with the fields search uses. */
export interface Passage {
  clause: Clause;
  doc: IndexedDocument;
}

/** Where the retriever reads clauses at question time (the clause store, SQLite or PostgreSQL). */
export interface ClauseSource {
  /** The clauses with these ids that exist, in any order. */
  clauses(ids: readonly string[]): Promise<Clause[]>;
}

/** A document the index should hold, and what identifies its content (e.g. file hash and parser version). */
export interface DocStamp {
  id: string;
  fingerprint: string;
  /** How many clauses it has, when known: `reconcile` reads the store in batches of bounded size. */
  clauses?: number;
}

/** Turns text into unit-length vectors. Implementations: the transformers.js model, fakes in tests. */
export interface Embedder {
  readonly modelId: string;
  readonly dim: number;
  embedQueries(texts: string[]): Promise<Float32Array[]>;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}

/** What the question names, found by query understanding. */
export interface QueryFilters {
  provinces: string[];
  years: number[];
  kinds: string[];
}

export interface LaneScores {
  lexical?: number;
  lexicalRank?: number;
  dense?: number;
  denseRank?: number;
  fused?: number;
  rerank?: number;
  /** Rarity-weighted share of the question's words the clause holds, in [0, 1]. */
  coverage?: number;
}

export interface Hit {
  clauseId: string;
  doc: string;
  section: string;
  text: string;
  score: number;
  lanes: LaneScores;
}

export interface SearchOptions {
  /** How many hits to return (default 10). */
  k?: number;
  /** Which lanes run: the default runs every lane available. */
  lanes?: Array<'lexical' | 'dense'>;
}

/** One province's best answer to a question that named none (null: a national plan). */
export interface ProvinceChoice {
  province: string | null;
  clauseId: string;
}

export interface SearchResult {
  question: string;
  filters: QueryFilters;
  answerable: boolean;
  /** Why the question was refused, when it was. */
  refusal?: 'unknown_scope' | 'low_score' | 'empty';
  hits: Hit[];
  ms: number;
  /** Time inside the embedding model's forward pass, reported separately. */
  embedMs: number;
  /** Set when the question names no province and several provinces' plans answer it about equally (their clauses are among `hits`). */
  provinceChoices?: ProvinceChoice[];
}
