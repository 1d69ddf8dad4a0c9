import { describe, expect, it } from 'vitest';
import { openDatabase } from '../corpus/store/db.ts';
import { TermTable } from './term-table.ts';
import { sortedIds, TermSet, Vocabulary } from './vocabulary.ts';

describe('Vocabulary and TermSet', () => {
  it('interns terms to stable ids and answers membership by term', () => {
    const v = new Vocabulary();
    const ids = ['thuế', 'thue', 'cuc_thue', 'thuế'].map((t) => v.intern(t));
    expect(ids).toEqual([0, 1, 2, 0]);
    v.set('so', 10);
    expect(v.size).toBe(11);
    expect(v.intern('mới')).toBe(11);
    const set = new TermSet(v, sortedIds([2, 0, 2]));
    expect(set.has('thuế')).toBe(true);
    expect(set.has('cuc_thue')).toBe(true);
    expect(set.has('thue')).toBe(false);
    expect(set.has('không có')).toBe(false);
  });

  it('sorts and dedupes ids', () => {
    expect([...sortedIds([5, 1, 5, 3, 1, 10])]).toEqual([1, 3, 5, 10]);
    expect([...sortedIds([])]).toEqual([]);
  });
});

describe('TermTable', () => {
  it('keeps ids across connections and sees terms another one added', () => {
    const db = openDatabase(':memory:');
    const a = new TermTable(db);
    const b = new TermTable(db);
    const [thue, so] = a.ids(['thuế', 'sở']);
    expect(b.ids(['sở', 'thuế'])).toEqual([so, thue]);
    const [cuc] = b.ids(['cục']);
    expect(a.vocabulary().id('cục')).toBe(cuc);
    expect(new Set([thue, so, cuc]).size).toBe(3);
  });

  it('forgets ids of a rolled-back transaction', () => {
    const db = openDatabase(':memory:');
    const table = new TermTable(db);
    table.ids(['một']);
    expect(() =>
      db.transaction(() => {
        table.ids(['hai']);
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    table.forget();
    expect(table.vocabulary().id('hai')).toBeUndefined();
    expect(table.vocabulary().id('một')).toBeDefined();
  });
});
