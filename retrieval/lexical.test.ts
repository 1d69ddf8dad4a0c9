import { describe, expect, it } from 'vitest';
import { openDatabase } from '../corpus/store/db.ts';
import type { Clause } from '../corpus/types.ts';
import { questionTerms } from './analyze.ts';
import { LexicalIndex } from './lexical.ts';
import type { IndexedDocument, Passage } from './types.ts';

const doc = (id: string, province: string): IndexedDocument => ({
  id,
  header: { issuer: null, number: null, date: null, province, year: 2024, title: 'Kế hoạch cải cách hành chính', implements: null, kind: 'cchc' },
});
const A = doc('a.txt', 'Nam Định');
const B = doc('b.txt', 'Bắc Giang');

function passage(d: IndexedDocument, section: string, text: string, breadcrumb: string[] = ['II. Nhiệm vụ']): Passage {
  const clause: Clause = { id: `${d.id}#${section}`, docId: d.id, section, kind: 'point', label: null, breadcrumb, text, parentId: null, order: 0, depth: 2 };
  return { clause, doc: d };
}

const PASSAGES = [
  passage(A, '1', 'Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật.'),
  passage(A, '2', 'Cục Thuế tỉnh đẩy mạnh hoàn thuế giá trị gia tăng điện tử.'),
  passage(B, '1', 'Cục Thuế tỉnh tháo gỡ vướng mắc về hoàn thuế GTGT.', ['Tăng khả năng tiếp cận vốn']),
];

const terms = (q: string) => questionTerms(q.toLowerCase().split(/\s+/));

describe('LexicalIndex', () => {
  it('finds passages with or without diacritics and keeps to the documents asked', () => {
    const index = new LexicalIndex(openDatabase(':memory:'));
    index.sync(PASSAGES);
    expect(index.search(terms('hoàn thuế giá trị gia tăng'), 5)[0]?.id).toBe('a.txt#2');
    expect(index.search(terms('ra soat van ban phap luat'), 5)[0]?.id).toBe('a.txt#1');
    expect(index.search(terms('hoàn thuế'), 5, ['b.txt']).map((h) => h.id)).toEqual(['b.txt#1']);
    expect(index.search(terms('hoàn thuế'), 5, [])).toEqual([]);
    expect(index.search(terms('sân bóng'), 5)).toEqual([]);
  });

  it('counts document frequencies over body and headings', () => {
    const index = new LexicalIndex(openDatabase(':memory:'));
    index.sync(PASSAGES);
    const stats = index.stats();
    expect(stats.passages).toBe(3);
    expect(stats.df('thuế')).toBe(2);
    expect(stats.df('nhiem')).toBe(2);
    expect(stats.df('khong_co')).toBe(0);
    expect(index.passages().get('a.txt#1')?.opening.slice(0, 3)).toEqual(['so', 'tu', 'phap']);
  });

  it('rewrites only changed documents and loads the same index on another connection', () => {
    const db = openDatabase(':memory:');
    const index = new LexicalIndex(db);
    expect(index.sync(PASSAGES)).toEqual(['a.txt', 'b.txt']);
    expect(index.sync(PASSAGES)).toEqual([]);
    const changed = [passage(A, '1', 'Sở Nội vụ chủ trì cải cách công vụ.'), ...PASSAGES.slice(1)];
    expect(index.sync(changed)).toEqual(['a.txt']);
    expect(index.search(terms('cải cách công vụ'), 5)[0]?.id).toBe('a.txt#1');
    const other = new LexicalIndex(db);
    expect(other.search(terms('cải cách công vụ'), 5)).toEqual(index.search(terms('cải cách công vụ'), 5));
    index.sync([], ['a.txt']);
    expect([...index.passages().keys()]).toEqual(['b.txt#1']);
  });

  it('drops an index of an older layout and rebuilds it on sync', () => {
    const db = openDatabase(':memory:');
    db.exec(`CREATE TABLE retrieval_passages (rowid INTEGER PRIMARY KEY, clause_id TEXT, body_terms TEXT);
             CREATE TABLE retrieval_fingerprints (doc_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
             INSERT INTO retrieval_fingerprints VALUES ('a.txt', 'old');`);
    const index = new LexicalIndex(db);
    expect(index.sync(PASSAGES)).toEqual(['a.txt', 'b.txt']);
    expect(index.search(terms('hoàn thuế'), 5)).toHaveLength(2);
  });
});
