import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBm25, EntryMaker, selectTop } from './bm25.ts';
import { Vocabulary } from './vocabulary.ts';

const WEIGHTS = [1, 0.6, 0.1];

/** The same passages in SQLite FTS5, scored by its own bm25(): the reference the in-memory index must match. */
function fts5Scores(passages: string[][], query: string[]): Map<number, number> {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(a, b, c, tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")");
  const insert = db.prepare('INSERT INTO t (rowid, a, b, c) VALUES (?, ?, ?, ?)');
  passages.forEach((cols, i) => insert.run(i, cols[0], cols[1], cols[2]));
  const match = query.map((t) => `"${t}"`).join(' OR ');
  const rows = db
    .prepare<[string], { id: number; score: number }>(`SELECT rowid AS id, -bm25(t, ${WEIGHTS.join(', ')}) AS score FROM t WHERE t MATCH ?`)
    .all(match);
  db.close();
  return new Map(rows.map((r) => [r.id, r.score]));
}

function memoryScores(passages: string[][], query: string[], k = 1000, allowed?: Uint8Array) {
  const vocabulary = new Vocabulary();
  const maker = new EntryMaker(WEIGHTS);
  const entries = passages.map((cols) => maker.entry(cols.map((c) => c.split(' ').filter(Boolean).map((t) => vocabulary.intern(t)))));
  const index = buildBm25(entries, vocabulary.size);
  const ids = [...new Set(query.map((t) => vocabulary.id(t)).filter((id): id is number => id !== undefined))];
  return index.top(ids, k, allowed);
}

const WORDS = ['so', 'tài', 'chính', 'chu_tri', 'thuế', 'cục', 'hoan_thue', 'tinh', 'dan', 'x'];
const column = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((ws) => ws.join(' '));
const passage = fc.tuple(column, column, column).filter((cols) => cols.some((c) => c !== ''));

describe('Bm25Index', () => {
  it('scores every passage as FTS5 bm25() with column weights does', () => {
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 25 }), fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), (passages, query) => {
        const expected = fts5Scores(passages, query);
        const got = memoryScores(passages, query);
        expect(got.map((s) => s.doc).sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const s of got) expect(s.score).toBeCloseTo(expected.get(s.doc)!, 5);
      }),
      { numRuns: 60 },
    );
  });

  it('returns the k best, best first, keeping only allowed passages', () => {
    const passages = [['thuế thuế', '', ''], ['thuế dan dan dan', '', ''], ['thuế', 'thuế', ''], ['dan', '', '']];
    expect(memoryScores(passages, ['thuế'], 2).map((s) => s.doc)).toEqual([0, 2]);
    const allowed = Uint8Array.from([0, 1, 0, 1]);
    expect(memoryScores(passages, ['thuế', 'dan'], 10, allowed).map((s) => s.doc)).toEqual([1, 3]);
    expect(memoryScores(passages, ['không_có'], 10)).toEqual([]);
  });
});

describe('selectTop', () => {
  it('keeps the k highest scores and breaks ties by passage number', () => {
    const scores = Float64Array.from([0.5, 2, 2, 1, 0.1]);
    expect(selectTop([4, 3, 2, 1, 0], scores, 3).map((s) => s.doc)).toEqual([1, 2, 3]);
    expect(selectTop([0, 1], scores, 0)).toEqual([]);
  });

  it('agrees with a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 80 }), fc.integer({ min: 1, max: 30 }), (raw, k) => {
        const scores = Float64Array.from(raw);
        const docs = raw.map((_, i) => i);
        const sorted = [...docs].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
        expect(selectTop(docs, scores, k).map((s) => s.doc)).toEqual(sorted);
      }),
    );
  });
});
