/**
 * The lexical lane: SQLite FTS5 over terms pre-computed in JS (analyze.ts), so FTS5's
 * tokenizer only splits on spaces and never folds or drops anything itself. Three columns,
 * weighted in bm25: the clause's own words, its headings (breadcrumb), its document's title.
 */
import { createHash } from 'node:crypto';
import type { DB } from '../corpus/store/db.ts';
import { expandAbbreviations, passageTerms, type QuestionTerms } from './analyze.ts';
import { fold, words } from './normalize.ts';
import { LexicalIndexError } from './errors.ts';
import type { Passage } from './types.ts';

export { LexicalIndexError };

/** What re-ranking needs of a candidate, kept in memory so no query re-reads or re-tokenises text. */
export interface PassageInfo {
  id: string;
  docId: string;
  section: string;
  kind: string;
  text: string;
  /** Body and heading terms (analyze.ts forms). */
  terms: ReadonlySet<string>;
  /** Heading terms alone. */
  headTerms: ReadonlySet<string>;
  /** Headings of the ancestors, outermost first. */
  breadcrumb: readonly string[];
  parentId: string | null;
  /** First folded words of the text and of the nearest heading: where a clause names whose task it is. */
  opening: readonly string[];
  headingOpening: readonly string[];
}

/** Document frequencies over all passages, for weighting question words in re-ranking. */
export interface TermStats {
  passages: number;
  df: ReadonlyMap<string, number>;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/**
 * bm25 column weights (body, headings, document title). Headings carry the agency of a
 * group of points ("2.5. Cục Thuế tỉnh") and the topic of an appendix group, so they count
 * nearly as much as the body; the title is shared by a whole document and mostly breaks ties.
 */
const WEIGHTS = { body: 1, head: 0.6, doc: 0.1 } as const;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS retrieval_passages (
    rowid       INTEGER PRIMARY KEY,
    clause_id   TEXT NOT NULL UNIQUE,
    doc_id      TEXT NOT NULL,
    section     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    breadcrumb  TEXT NOT NULL,        -- JSON array of headings
    parent_id   TEXT,
    body_terms  TEXT NOT NULL,
    head_terms  TEXT NOT NULL,
    doc_terms   TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS retrieval_passages_doc ON retrieval_passages(doc_id);
  CREATE TABLE IF NOT EXISTS retrieval_fingerprints (doc_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
  CREATE VIRTUAL TABLE IF NOT EXISTS retrieval_fts USING fts5(
    body_terms, head_terms, doc_terms,
    content='retrieval_passages', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
  );
`;

export function ensureLexicalSchema(db: DB): void {
  db.exec(SCHEMA);
}

/** Body text of a passage: the clause text, plus any table cell the text does not already hold. */
function bodyText(p: Passage): string {
  const cells = Object.values(p.clause.columns ?? {}).filter((c) => c && !p.clause.text.includes(c));
  return [p.clause.text, ...cells].join(' ');
}

function docText(p: Passage): string {
  const h = p.doc.header;
  return [h.title, h.province, h.year, h.number].filter((x) => x !== null).join(' ');
}

/** How many leading words may name the agency a clause is about ("Sở Tài nguyên và Môi trường chủ trì..."). */
const OPENING_WORDS = 14;

function openingWords(text: string): string[] {
  return expandAbbreviations(words(text).slice(0, OPENING_WORDS)).words.map(fold);
}

function fingerprint(passages: readonly Passage[]): string {
  const hash = createHash('sha256');
  for (const p of passages) hash.update(JSON.stringify([p.clause, p.doc.header]));
  return hash.digest('hex');
}

function groupByDoc(passages: readonly Passage[]): Map<string, Passage[]> {
  const groups = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = groups.get(p.doc.id) ?? [];
    list.push(p);
    groups.set(p.doc.id, list);
  }
  return groups;
}

interface PassageRow {
  clause_id: string;
  doc_id: string;
  section: string;
  kind: string;
  text: string;
  breadcrumb: string;
  parent_id: string | null;
  body_terms: string;
  head_terms: string;
}

export class LexicalIndex {
  private readonly db: DB;
  private cache: { passages: Map<string, PassageInfo>; stats: TermStats } | null = null;
  private readonly statements: ReturnType<LexicalIndex['prepare']>;

  constructor(db: DB) {
    this.db = db;
    ensureLexicalSchema(db);
    this.statements = this.prepare();
  }

  private prepare() {
    const score = `bm25(retrieval_fts, ${WEIGHTS.body}, ${WEIGHTS.head}, ${WEIGHTS.doc})`;
    const select = `SELECT p.clause_id AS id, -${score} AS score FROM retrieval_fts JOIN retrieval_passages p ON p.rowid = retrieval_fts.rowid WHERE retrieval_fts MATCH ?`;
    return {
      search: this.db.prepare<[string, number], LexicalHit>(`${select} ORDER BY ${score} LIMIT ?`),
      searchIn: this.db.prepare<[string, string, number], LexicalHit>(
        `${select} AND p.doc_id IN (SELECT value FROM json_each(?)) ORDER BY ${score} LIMIT ?`,
      ),
      fingerprint: this.db.prepare<[string], { fingerprint: string }>('SELECT fingerprint FROM retrieval_fingerprints WHERE doc_id = ?'),
      setFingerprint: this.db.prepare('INSERT OR REPLACE INTO retrieval_fingerprints (doc_id, fingerprint) VALUES (?, ?)'),
      unindex: this.db.prepare(
        `INSERT INTO retrieval_fts (retrieval_fts, rowid, body_terms, head_terms, doc_terms)
         SELECT 'delete', rowid, body_terms, head_terms, doc_terms FROM retrieval_passages WHERE doc_id = ?`,
      ),
      deleteRows: this.db.prepare('DELETE FROM retrieval_passages WHERE doc_id = ?'),
      deleteFingerprint: this.db.prepare('DELETE FROM retrieval_fingerprints WHERE doc_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO retrieval_passages (clause_id, doc_id, section, kind, ord, text, breadcrumb, parent_id, body_terms, head_terms, doc_terms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      index: this.db.prepare(
        'INSERT INTO retrieval_fts (rowid, body_terms, head_terms, doc_terms) VALUES (?, ?, ?, ?)',
      ),
      all: this.db.prepare<[], PassageRow>(
        'SELECT clause_id, doc_id, section, kind, text, breadcrumb, parent_id, body_terms, head_terms FROM retrieval_passages ORDER BY doc_id, ord',
      ),
    };
  }

  /**
   * Replaces the rows of every document among `passages` whose content changed (one
   * transaction per document), and drops `removedDocIds`. Returns the ids of documents written.
   */
  sync(passages: readonly Passage[], removedDocIds: readonly string[] = []): string[] {
    const written: string[] = [];
    for (const docId of removedDocIds) this.removeDoc(docId);
    for (const [docId, group] of groupByDoc(passages)) {
      const print = fingerprint(group);
      if (this.statements.fingerprint.get(docId)?.fingerprint === print) continue;
      try {
        this.db.transaction(() => {
          this.deleteDoc(docId);
          for (const p of group) this.insertPassage(p);
          this.statements.setFingerprint.run(docId, print);
        })();
      } catch (err) {
        throw new LexicalIndexError(`could not index ${docId}`, { cause: err });
      }
      written.push(docId);
    }
    if (written.length > 0 || removedDocIds.length > 0) this.cache = null;
    return written;
  }

  private removeDoc(docId: string): void {
    this.db.transaction(() => this.deleteDoc(docId))();
  }

  private deleteDoc(docId: string): void {
    this.statements.unindex.run(docId);
    this.statements.deleteRows.run(docId);
    this.statements.deleteFingerprint.run(docId);
  }

  private insertPassage(p: Passage): void {
    const body = passageTerms(bodyText(p)).join(' ');
    const head = passageTerms(p.clause.breadcrumb.join(' . ')).join(' ');
    const doc = passageTerms(docText(p)).join(' ');
    const c = p.clause;
    const crumbs = JSON.stringify(c.breadcrumb);
    const { lastInsertRowid } = this.statements.insert.run(c.id, c.docId, c.section, c.kind, c.order, c.text, crumbs, c.parentId, body, head, doc);
    this.statements.index.run(lastInsertRowid, body, head, doc);
  }

  /** The best `k` passages by bm25 over the question's terms, optionally only in `docIds`. */
  search(terms: Pick<QuestionTerms, 'unigrams' | 'bigrams'>, k: number, docIds?: readonly string[]): LexicalHit[] {
    const all = [...terms.unigrams, ...terms.bigrams];
    if (all.length === 0 || (docIds && docIds.length === 0)) return [];
    const match = all.map((t) => `"${t}"`).join(' OR ');
    try {
      return docIds
        ? this.statements.searchIn.all(match, JSON.stringify(docIds), k)
        : this.statements.search.all(match, k);
    } catch (err) {
      throw new LexicalIndexError(`FTS5 query failed: ${match.slice(0, 200)}`, { cause: err });
    }
  }

  /** Every indexed passage, loaded once per sync and kept in memory for re-ranking. */
  passages(): ReadonlyMap<string, PassageInfo> {
    return this.load().passages;
  }

  stats(): TermStats {
    return this.load().stats;
  }

  private load(): { passages: Map<string, PassageInfo>; stats: TermStats } {
    if (this.cache) return this.cache;
    const passages = new Map<string, PassageInfo>();
    const df = new Map<string, number>();
    for (const row of this.statements.all.all()) {
      const breadcrumb = JSON.parse(row.breadcrumb) as string[];
      const headTerms = new Set(row.head_terms.split(' '));
      const terms = new Set(row.body_terms.split(' '));
      for (const t of headTerms) terms.add(t);
      for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
      passages.set(row.clause_id, {
        id: row.clause_id,
        docId: row.doc_id,
        section: row.section,
        kind: row.kind,
        text: row.text,
        terms,
        headTerms,
        breadcrumb,
        parentId: row.parent_id,
        opening: openingWords(row.text),
        headingOpening: openingWords(breadcrumb.at(-1) ?? ''),
      });
    }
    this.cache = { passages, stats: { passages: passages.size, df } };
    return this.cache;
  }
}
