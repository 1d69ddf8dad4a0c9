/**
 * The segmented keyword index against SQLite FTS5's own bm25() (the reference its scores must
 * match), and what segments promise: bytes that load back the same, a removed document gone
 * from results and counts, merges that change nothing searched, a folder that survives a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocHeader } from '../../corpus/types.ts';
import { termHash as hashOf } from './codec.ts';
import { SegmentIndex } from './index.ts';
import { buildSegment, mergeSegments, Segment, type DocInput } from './segment.ts';

const WEIGHTS = [1, 0.6, 0.1];
const HEADER: DocHeader = { issuer: null, number: null, date: null, province: null, year: null, title: null, implements: null, kind: null };

/** The same passages in SQLite FTS5, scored by its own bm25(): the reference. */
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

const split = (s: string) => s.split(' ').filter(Boolean);

/** Passages as documents of `perDoc` passages each; passage i has clause id `p<i>`. */
function docs(passages: string[][], perDoc = 3): DocInput[] {
  const out: DocInput[] = [];
  passages.forEach((cols, i) => {
    const d = Math.floor(i / perDoc);
    out[d] ??= { id: `d${String(d).padStart(3, '0')}`, fingerprint: 'f', header: HEADER, passages: [] };
    (out[d].passages as unknown[]).push({ id: `p${i}`, body: split(cols[0]!), head: split(cols[1]!), title: split(cols[2]!) });
  });
  return out;
}

const WORDS = ['so', 'tài', 'chính', 'chu_tri', 'thuế', 'cục', 'hoan_thue', 'tinh', 'dan', 'x'];
const column = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((ws) => ws.join(' '));
const passage = fc.tuple(column, column, column).filter((cols) => cols.some((c) => c !== ''));

describe('segmented bm25', () => {
  it('scores every passage as FTS5 bm25() with column weights does, however the passages are split into segments', () => {
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 25 }), fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), (passages, query, split) => {
        const expected = fts5Scores(passages, query);
        const index = new SegmentIndex({ dir: null });
        const all = docs(passages);
        // Documents added in several applies: several segments.
        const step = Math.ceil(all.length / split);
        for (let i = 0; i < all.length; i += step) index.apply(all.slice(i, i + step));
        const got = index.search(query, 1000);
        expect(got.map((s) => Number(s.id.slice(1))).sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const s of got) expect(s.score).toBeCloseTo(expected.get(Number(s.id.slice(1)))!, 5);
      }),
      { numRuns: 60 },
    );
  });

  it('returns the k best, best first, ties in document then passage order, and keeps to the documents asked', () => {
    const index = new SegmentIndex({ dir: null });
    index.apply(docs([['thuế thuế', '', ''], ['thuế dan dan dan', '', ''], ['thuế', 'thuế', ''], ['dan', '', ''], ['thuế thuế', '', '']], 2).reverse());
    expect(index.search(['thuế'], 3).map((s) => s.id)).toEqual(['p0', 'p4', 'p2']);
    expect(index.search(['thuế', 'dan'], 10, ['d001']).map((s) => s.id).sort()).toEqual(['p2', 'p3']);
    expect(index.search(['không_có'], 10)).toEqual([]);
    expect(index.search(['thuế'], 10, [])).toEqual([]);
  });
});

describe('segments', () => {
  const sample = docs([['sở tài chính chu_tri', 'thuế', 'kế hoạch'], ['cục thuế tinh', 'thuế', 'kế hoạch'], ['dan x', '', 'kế hoạch'], ['thuế dan', 'chính', 'khác'], ['x x x', '', 'khác']], 3);

  it('load back from their bytes with the same postings and counts', () => {
    const seg = buildSegment(sample);
    const again = Segment.parse(seg.serialise());
    expect(again.ids).toEqual(seg.ids);
    expect([...again.hashes]).toEqual([...seg.hashes]);
    expect([...again.dfAll]).toEqual([...seg.dfAll]);
    expect(again.has(0, hashOf('chu_tri'))).toBe(true);
    expect(again.has(0, hashOf('kế'))).toBe(false);
    expect(() => Segment.parse(new Uint8Array(16))).toThrow(/not an index segment/);
  });

  it('a merge of segments with removed documents is the segment their live documents would build', () => {
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.boolean(), { maxLength: 10 }), (passages, parts, kills) => {
        const all = docs(passages, 2);
        const step = Math.ceil(all.length / parts);
        const segments: Segment[] = [];
        for (let i = 0; i < all.length; i += step) segments.push(buildSegment(all.slice(i, i + step)));
        const killed = new Set(all.filter((_, i) => kills[i]).map((d) => d.id));
        for (const seg of segments) for (const d of seg.docs) if (killed.has(d.id)) seg.kill(d.id);
        const merged = mergeSegments(segments);
        const expected = buildSegment(all.filter((d) => !killed.has(d.id)));
        expect(merged.ids).toEqual(expected.ids);
        expect([...merged.lengths]).toEqual([...expected.lengths]);
        expect([...merged.hashes]).toEqual([...expected.hashes]);
        expect([...merged.dfAll]).toEqual([...expected.dfAll]);
        expect([...merged.dfBodyHead]).toEqual([...expected.dfBodyHead]);
        expect([...merged.offsets]).toEqual([...expected.offsets]);
        expect([...merged.postings]).toEqual([...expected.postings]);
      }),
      { numRuns: 80 },
    );
  });

  it('a removed document leaves results and counts; a merge changes nothing searched', async () => {
    const index = new SegmentIndex({ dir: null });
    index.apply(sample);
    expect(index.stats().df('thuế')).toBe(3);
    index.apply([], ['d000']);
    expect(index.search(['thuế'], 10).map((s) => s.id)).toEqual(['p3']);
    expect(index.stats()).toMatchObject({ passages: 2 });
    expect(index.stats().df('thuế')).toBe(1);
    const merged = mergeSegments([buildSegment(sample)]);
    expect(merged.ids).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    for (let i = 0; i < 9; i++) index.apply([{ id: `e${i}`, fingerprint: 'f', header: HEADER, passages: [{ id: `q${i}`, body: ['khác'], head: [], title: [] }] }]);
    expect(index.segmentCount).toBe(10);
    const before = index.search(['thuế', 'dan', 'x'], 10);
    await index.settle();
    expect(index.segmentCount).toBeLessThan(10);
    expect(index.search(['thuế', 'dan', 'x'], 10)).toEqual(before);
    expect(index.search(['khác'], 20)).toHaveLength(9 + 2);
  });
});

describe('a persisted index', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads what it wrote, with removed documents still removed, and rebuilds nothing', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-seg-'));
    const first = new SegmentIndex({ dir });
    first.apply(docs([['sở tài chính chu_tri', 'thuế', ''], ['cục thuế', '', ''], ['dan', '', ''], ['thuế x', '', '']], 2));
    first.apply([], ['d000']);
    await first.settle();
    const again = new SegmentIndex({ dir });
    expect(again.documents().map((d) => d.id)).toEqual(['d001']);
    expect(again.search(['thuế'], 10)).toEqual(first.search(['thuế'], 10));
    expect(again.stats().df('thuế')).toBe(1);
  });

  it('drops a segment it cannot read (its documents are indexed again by the next sync) and stray files', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlkh-seg-'));
    const first = new SegmentIndex({ dir });
    first.apply(docs([['thuế', '', '']], 1));
    first.apply(docs([['dan', '', ''], ['dan', '', '']], 1).slice(1));
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('seg-'));
    fs.writeFileSync(path.join(dir, files[0]!), 'garbage');
    fs.writeFileSync(path.join(dir, 'seg-stray.bin'), 'x');
    const errors: unknown[] = [];
    const again = new SegmentIndex({ dir, onError: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
    expect(again.documents()).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'seg-stray.bin'))).toBe(false);
  });
});

