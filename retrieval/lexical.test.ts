import { describe, expect, it } from 'vitest';
import type { Clause } from '../corpus/types.ts';
import { questionTerms } from './analyze.ts';
import { analyseDocument, groupByDoc, LexicalIndex, passageInfo } from './lexical.ts';
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

function indexOf(passages: readonly Passage[]): LexicalIndex {
  const index = new LexicalIndex(null);
  index.apply([...groupByDoc(passages)].map(([, group]) => analyseDocument(group[0]!.doc, group.map((p) => p.clause), 'v1')));
  return index;
}

describe('LexicalIndex', () => {
  it('finds passages with or without diacritics and keeps to the documents asked', () => {
    const index = indexOf(PASSAGES);
    expect(index.search(terms('hoàn thuế giá trị gia tăng'), 5)[0]?.id).toBe('a.txt#2');
    expect(index.search(terms('ra soat van ban phap luat'), 5)[0]?.id).toBe('a.txt#1');
    expect(index.search(terms('hoàn thuế'), 5, ['b.txt']).map((h) => h.id)).toEqual(['b.txt#1']);
    expect(index.search(terms('hoàn thuế'), 5, [])).toEqual([]);
    expect(index.search(terms('sân bóng'), 5)).toEqual([]);
  });

  it('counts document frequencies over body and headings, not the document title', () => {
    const index = indexOf(PASSAGES);
    const stats = index.stats();
    expect(stats.passages).toBe(3);
    expect(stats.df('thuế')).toBe(2);
    expect(stats.df('nhiem')).toBe(2);
    expect(stats.df('khong_co')).toBe(0);
    // "cải cách hành chính" is every passage's document title only.
    expect(stats.df('cai_cach')).toBe(0);
    expect(index.terms('a.txt#1').has('tu_phap')).toBe(true);
    expect(index.terms('a.txt#1').has('cai_cach')).toBe(false);
    expect(index.scopedStats(['b.txt']).df('thuế')).toBe(1);
  });

  it('replaces a document re-indexed and drops one removed', () => {
    const index = indexOf(PASSAGES);
    index.apply([analyseDocument(A, [passage(A, '1', 'Sở Nội vụ chủ trì cải cách công vụ.').clause], 'v2')]);
    expect(index.search(terms('cải cách công vụ'), 5)[0]?.id).toBe('a.txt#1');
    expect(index.contains('a.txt#2')).toBe(false);
    index.apply([], ['a.txt']);
    expect(index.allPassageIds()).toEqual(['b.txt#1']);
    expect(index.documents().map((d) => [d.id, d.fingerprint])).toEqual([['b.txt', 'v1']]);
  });
});

describe('passageInfo', () => {
  it('reads the opening words where a clause names whose task it is', () => {
    const info = passageInfo(PASSAGES[0]!.clause, { has: () => false });
    expect(info.opening.slice(0, 3)).toEqual(['so', 'tu', 'phap']);
    expect(info.headingOpening).toEqual(['ii', 'nhiem', 'vu']);
  });
});
