/**
 * Where the lexical index persists: one SQLite row per passage holding its analysed terms
 * as ids (term-table.ts), already weighted for BM25, and what re-ranking reads, so loading
 * the index re-tokenises no word and a document whose content did not change (by
 * fingerprint) is never rewritten. Id arrays are stored as BLOBs in the machine's byte
 * order (little-endian everywhere this runs); a store moved elsewhere is rebuilt by sync.
 */
import { createHash } from 'node:crypto';
import type { DB } from '../corpus/store/db.ts';
import { expandAbbreviations, passageTerms } from './analyze.ts';
import { LexicalIndexError } from './errors.ts';
import { EntryMaker, type Bm25Entry } from './bm25.ts';
import { fold, words } from './normalize.ts';
import { TermTable } from './term-table.ts';
import type { Passage } from './types.ts';
import { sortedIds, type Vocabulary } from './vocabulary.ts';

/**
 * bm25 column weights (body, headings, document title). Headings carry the agency of a
 * group of points ("2.5. Cục Thuế tỉnh") and the topic of an appendix group, so they count
 * nearly as much as the body; the title is shared by a whole document and mostly breaks ties.
 * Stored pre-weighted: changing one needs SCHEMA_VERSION bumped so the rows are rebuilt.
 */
export const WEIGHTS = [1, 0.6, 0.1] as const;

/**
 * Version of the tables below. These rows are derived data: an older layout is dropped and
 * rebuilt by the next sync. (1 had an FTS5 table and term strings; 2 has term ids; 3 indexes
 * article labels, splits "1lần" and knows more abbreviations, so passages have other terms.)
 */
const SCHEMA_VERSION = '3';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS retrieval_passages (
    rowid           INTEGER PRIMARY KEY,
    clause_id       TEXT NOT NULL UNIQUE,
    doc_id          TEXT NOT NULL,
    section         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    ord             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    breadcrumb      TEXT NOT NULL,        -- JSON array of headings
    parent_id       TEXT,
    terms           BLOB NOT NULL,        -- distinct body and heading term ids, ascending (uint32)
    bm25_ids        BLOB NOT NULL,        -- distinct term ids of all three columns (uint32)
    bm25_freqs      BLOB NOT NULL,        -- their column-weighted counts (float32)
    length          INTEGER NOT NULL,     -- tokens over all three columns
    opening         TEXT NOT NULL,        -- folded first words of the text
    heading_opening TEXT NOT NULL         -- folded first words of the nearest heading
  );
  CREATE INDEX IF NOT EXISTS retrieval_passages_doc ON retrieval_passages(doc_id);
  CREATE TABLE IF NOT EXISTS retrieval_fingerprints (doc_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
`;

const DROP = `
  DROP TABLE IF EXISTS retrieval_fts;
  DROP TABLE IF EXISTS retrieval_passages;
  DROP TABLE IF EXISTS retrieval_fingerprints;
  DROP TABLE IF EXISTS retrieval_terms;
`;

export function ensureLexicalSchema(db: DB): void {
  db.exec('CREATE TABLE IF NOT EXISTS retrieval_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare<[], { value: string }>("SELECT value FROM retrieval_meta WHERE key = 'lexical_schema'").get();
  if (row?.value === SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(DROP);
    db.exec(SCHEMA);
    db.prepare("INSERT OR REPLACE INTO retrieval_meta (key, value) VALUES ('lexical_schema', ?)").run(SCHEMA_VERSION);
  })();
}

export interface PassageRow {
  clause_id: string;
  doc_id: string;
  section: string;
  kind: string;
  text: string;
  breadcrumb: string;
  parent_id: string | null;
  terms: Buffer;
  bm25_ids: Buffer;
  bm25_freqs: Buffer;
  length: number;
  opening: string;
  heading_opening: string;
}

const blob = (a: Uint32Array | Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A copy, as SQLite's buffers need not be 4-byte aligned. */
export function uint32s(b: Buffer): Uint32Array {
  const out = new Uint32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function float32s(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function rowEntry(row: PassageRow): Bm25Entry {
  return { ids: uint32s(row.bm25_ids), freqs: float32s(row.bm25_freqs), length: row.length };
}

/**
 * An article's own label as one bigram ("dieu_2"), as questions cite it ("Điều 2 quy định
 * gì"); not its words alone, or every article 5 would match any "5" a question states.
 */
function labelTerms(p: Passage): string[] {
  return p.clause.kind === 'article' ? passageTerms(p.clause.section).filter((t) => t.includes('_')) : [];
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

export function openingWords(text: string): string[] {
  return expandAbbreviations(words(text, OPENING_WORDS)).words.map(fold);
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

export class LexicalStore {
  private readonly statements: ReturnType<typeof prepare>;
  private readonly entries = new EntryMaker(WEIGHTS);
  readonly terms: TermTable;

  constructor(private readonly db: DB) {
    ensureLexicalSchema(db);
    this.terms = new TermTable(db);
    this.statements = prepare(db);
  }

  /**
   * Replaces the rows of every document among `passages` whose content changed and drops
   * `removedDocIds`, all in one transaction (one commit, not one fsync per document).
   * Returns the ids of documents written.
   */
  sync(passages: readonly Passage[], removedDocIds: readonly string[] = []): string[] {
    const written: string[] = [];
    const run = this.db.transaction(() => {
      for (const docId of removedDocIds) this.deleteDoc(docId);
      for (const [docId, group] of groupByDoc(passages)) {
        const print = fingerprint(group);
        if (this.statements.fingerprint.get(docId)?.fingerprint === print) continue;
        this.writeDoc(docId, group, print);
        written.push(docId);
      }
    });
    try {
      run();
    } catch (err) {
      this.terms.forget();
      throw err;
    }
    return written;
  }

  /**
   * Every row, in the order written, with the vocabulary their ids refer to, read in one
   * transaction so another connection's sync cannot slip rows with unknown ids in between.
   */
  read<T>(use: (rows: Iterable<PassageRow>, vocabulary: Vocabulary) => T): T {
    return this.db.transaction(() => {
      const vocabulary = this.terms.vocabulary();
      return use(this.statements.all.iterate(), vocabulary);
    })();
  }

  private writeDoc(docId: string, group: readonly Passage[], print: string): void {
    try {
      this.deleteDoc(docId);
      const doc = group[0] ? this.terms.ids(passageTerms(docText(group[0]))) : [];
      // Sibling clauses share their headings: analysed once per document.
      const headings = new Map<string, number[]>();
      const head = (crumbs: readonly string[]) => {
        const text = crumbs.join(' . ');
        let ids = headings.get(text);
        if (!ids) headings.set(text, (ids = this.terms.ids(passageTerms(text))));
        return ids;
      };
      for (const p of group) this.insertPassage(p, [...head(p.clause.breadcrumb), ...this.terms.ids(labelTerms(p))], doc);
      this.statements.setFingerprint.run(docId, print);
    } catch (err) {
      throw new LexicalIndexError(`could not index ${docId}`, { cause: err });
    }
  }

  private deleteDoc(docId: string): void {
    this.statements.deleteRows.run(docId);
    this.statements.deleteFingerprint.run(docId);
  }

  private insertPassage(p: Passage, head: readonly number[], docTerms: readonly number[]): void {
    const c = p.clause;
    const body = this.terms.ids(passageTerms(bodyText(p)));
    const entry = this.entries.entry([body, head, docTerms]);
    this.statements.insert.run(
      c.id, c.docId, c.section, c.kind, c.order, c.text, JSON.stringify(c.breadcrumb), c.parentId,
      blob(sortedIds([...body, ...head])), blob(entry.ids), blob(entry.freqs), entry.length,
      openingWords(c.text).join(' '),
      openingWords(c.breadcrumb.at(-1) ?? '').join(' '),
    );
  }
}

function prepare(db: DB) {
  return {
    fingerprint: db.prepare<[string], { fingerprint: string }>('SELECT fingerprint FROM retrieval_fingerprints WHERE doc_id = ?'),
    setFingerprint: db.prepare('INSERT OR REPLACE INTO retrieval_fingerprints (doc_id, fingerprint) VALUES (?, ?)'),
    deleteRows: db.prepare('DELETE FROM retrieval_passages WHERE doc_id = ?'),
    deleteFingerprint: db.prepare('DELETE FROM retrieval_fingerprints WHERE doc_id = ?'),
    insert: db.prepare(
      `INSERT INTO retrieval_passages (clause_id, doc_id, section, kind, ord, text, breadcrumb, parent_id, terms, bm25_ids, bm25_freqs, length, opening, heading_opening)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    all: db.prepare<[], PassageRow>(
      `SELECT clause_id, doc_id, section, kind, text, breadcrumb, parent_id, terms, bm25_ids, bm25_freqs, length, opening, heading_opening
       FROM retrieval_passages ORDER BY rowid`,
    ),
  };
}
