/**
 * The lexical index's vocabulary in SQLite: every term a passage was indexed under, with a
 * stable id. Passages store ids, so loading the index reads numbers, never re-splits or
 * re-hashes millions of term strings. Append-only: a term outlives the passages that held
 * it (a few orphans cost nothing), so an id once written always means the same term.
 */
import type { DB } from '../corpus/store/db.ts';
import { Vocabulary } from './vocabulary.ts';

export const TERM_TABLE = `
  CREATE TABLE IF NOT EXISTS retrieval_terms (
    id    INTEGER PRIMARY KEY,
    term  TEXT NOT NULL UNIQUE
  );
`;

export class TermTable {
  private cache: Vocabulary | null = null;
  private readonly statements;

  constructor(db: DB) {
    db.exec(TERM_TABLE);
    this.statements = {
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM retrieval_terms'),
      all: db.prepare<[], { id: number; term: string }>('SELECT id, term FROM retrieval_terms'),
      // RETURNING gives the id whether the term was new or already there (written by another process).
      upsert: db.prepare<[string], { id: number }>(
        'INSERT INTO retrieval_terms (term) VALUES (?) ON CONFLICT(term) DO UPDATE SET term = excluded.term RETURNING id',
      ),
    };
  }

  /** The vocabulary with every term in the table, including ones other connections added. */
  vocabulary(): Vocabulary {
    // The cache only ever holds terms of the table, so equal counts mean it holds them all.
    if (this.cache && this.cache.count === this.statements.count.get()?.n) return this.cache;
    const vocabulary = new Vocabulary();
    for (const row of this.statements.all.iterate()) vocabulary.set(row.term, row.id);
    this.cache = vocabulary;
    return vocabulary;
  }

  /** Ids of `terms`, adding new terms to the table; call inside the writing transaction. */
  ids(terms: readonly string[]): number[] {
    const vocabulary = this.cache ?? this.vocabulary();
    return terms.map((t) => {
      const known = vocabulary.id(t);
      if (known !== undefined) return known;
      const { id } = this.statements.upsert.get(t)!;
      vocabulary.set(t, id);
      return id;
    });
  }

  /** Forgets the cached vocabulary: after a rolled-back transaction it may name ids never written. */
  forget(): void {
    this.cache = null;
  }
}
