import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VectorIndex, VectorIndexError } from './vector-index.ts';

const DIM = 8;
const META = { modelId: 'Xenova/multilingual-e5-small', dim: DIM };

/** Deterministic unit vectors: one axis-heavy direction per index, so nearest neighbours are known. */
function vec(i: number, dim = DIM): Float32Array {
  const v = new Float32Array(dim).map((_, d) => Math.sin(i * 7.13 + d * 1.7) * 0.2);
  v[i % dim] = v[i % dim]! + 1;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `doc#${i}`, vector: vec(i) }));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vindex-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('VectorIndex', () => {
  it('finds a stored vector first with cosine score 1', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(30));
    expect(index.size).toBe(30);
    const hits = index.search(vec(5), 3);
    expect(hits[0]).toMatchObject({ id: 'doc#5' });
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(hits[1]!.score).toBeLessThanOrEqual(hits[0]!.score);
  });

  it('applies the filter inside the search', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(30));
    const hits = index.search(vec(5), 5, (id) => id !== 'doc#5' && id.endsWith('3'));
    expect(hits.map((h) => h.id).sort()).toEqual(['doc#13', 'doc#23', 'doc#3']);
  });

  it('removes ids, and re-adding reuses the space', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(10));
    index.remove(['doc#5', 'missing']);
    expect(index.has('doc#5')).toBe(false);
    expect(index.size).toBe(9);
    expect(index.search(vec(5), 10).map((h) => h.id)).not.toContain('doc#5');
    index.upsert([{ id: 'new', vector: vec(5) }]);
    expect(index.search(vec(5), 1)[0]!.id).toBe('new');
    expect(index.ids()).toContain('new');
  });

  it('replaces the vector of an id upserted again', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(10));
    index.upsert([{ id: 'doc#1', vector: vec(4) }]);
    expect(index.size).toBe(10);
    const top = index.search(vec(4), 2).map((h) => h.id).sort();
    expect(top).toEqual(['doc#1', 'doc#4']);
  });

  it('grows past its initial capacity', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(Array.from({ length: 1500 }, (_, i) => ({ id: `c${i}`, vector: vec(i) })));
    expect(index.size).toBe(1500);
    expect(index.search(vec(1499), 1)[0]!.score).toBeCloseTo(1, 5);
  });

  it('rejects vectors of the wrong dimension', () => {
    const index = VectorIndex.open(dir, META);
    expect(() => index.upsert([{ id: 'x', vector: new Float32Array(3) }])).toThrow(VectorIndexError);
    expect(() => index.search(new Float32Array(3), 1)).toThrow(VectorIndexError);
    expect(index.search(vec(1), 5)).toEqual([]);
  });

  it('persists, reloads with the same answers, and keeps one index file', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(20).map((it) => ({ ...it, textHash: `h${it.id}` })));
    expect(index.save()).toBe(true);
    expect(index.save()).toBe(false);
    index.remove(['doc#0']);
    expect(index.save()).toBe(true);
    const reopened = VectorIndex.open(dir, META);
    expect(reopened.discarded).toBeNull();
    expect(reopened.size).toBe(19);
    expect(reopened.textHash('doc#3')).toBe('hdoc#3');
    expect(reopened.search(vec(7), 3)).toEqual(index.search(vec(7), 3));
    expect(fs.readdirSync(dir).sort()).toEqual(['vectors-Xenova__multilingual-e5-small-2.hnsw', 'vectors-Xenova__multilingual-e5-small.json']);
  });

  it('starts empty when the stored index belongs to another model or dimension', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(5));
    index.save();
    fs.renameSync(path.join(dir, 'vectors-Xenova__multilingual-e5-small.json'), path.join(dir, 'vectors-other.json'));
    fs.writeFileSync(
      path.join(dir, 'vectors-other.json'),
      fs.readFileSync(path.join(dir, 'vectors-other.json'), 'utf8').replace('Xenova/multilingual-e5-small', 'other'),
    );
    const other = VectorIndex.open(dir, { modelId: 'other', dim: 16 });
    expect(other.size).toBe(0);
    expect(other.discarded).toMatch(/dim 8/);
  });

  it('does not trust an index file whose checksum does not match the sidecar', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(5));
    index.save();
    fs.appendFileSync(path.join(dir, 'vectors-Xenova__multilingual-e5-small-1.hnsw'), 'torn');
    const reopened = VectorIndex.open(dir, META);
    expect(reopened.size).toBe(0);
    expect(reopened.discarded).toMatch(/checksum/);
  });

  it.each(['writeFile', 'rename'] as const)('keeps the old index whole when %s fails midway through a save', (op) => {
    const index = VectorIndex.open(dir, META);
    index.upsert(items(5));
    index.save();
    const before = fs.readdirSync(dir).sort();

    const failing = VectorIndex.open(dir, META, {
      io: {
        [op]: (from: string) => {
          if (from.endsWith('.json.tmp')) throw new Error('disk full');
          fs.renameSync(from, from.replace(/\.tmp$/, ''));
        },
      },
    });
    failing.upsert(items(12));
    failing.remove(['doc#0']);
    expect(() => failing.save()).toThrow(VectorIndexError);

    expect(fs.readdirSync(dir).sort()).toEqual(before);
    const reopened = VectorIndex.open(dir, META);
    expect(reopened.discarded).toBeNull();
    expect(reopened.ids().sort()).toEqual(items(5).map((i) => i.id).sort());
  });
});

/** Seeded unit vectors in general position, so nearest neighbours have no ties. */
function randomItems(n: number, seed = 7): Array<{ id: string; vector: Float32Array }> {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  return Array.from({ length: n }, (_, i) => {
    const v = Float32Array.from({ length: DIM }, next);
    const norm = Math.hypot(...v);
    return { id: `p#${i}`, vector: v.map((x) => x / norm) };
  });
}

/** The true top k by cosine, computed the slow obvious way. */
function bruteForce(all: Array<{ id: string; vector: Float32Array }>, query: Float32Array, allowed: ReadonlySet<string>, k: number) {
  return all
    .filter((it) => allowed.has(it.id))
    .map((it) => ({ id: it.id, score: it.vector.reduce((sum, x, d) => sum + x * query[d]!, 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('VectorIndex scoped search', () => {
  const all = randomItems(300);
  const scope = new Set(all.filter((_, i) => i % 5 === 0).map((it) => it.id));
  const queries = randomItems(5, 99).map((it) => it.vector);

  it('scans a small allowed set exactly, agreeing with the graph search and with brute force', () => {
    const exact = VectorIndex.open(dir, META);
    const graph = VectorIndex.open(dir, META, { exactScanMax: 0 });
    exact.upsert(all);
    graph.upsert(all);
    for (const q of queries) {
      const scanned = exact.search(q, 10, scope);
      const truth = bruteForce(all, q, scope, 10);
      expect(scanned.map((h) => h.id)).toEqual(truth.map((h) => h.id));
      scanned.forEach((h, i) => expect(h.score).toBeCloseTo(truth[i]!.score, 5));
      for (const approx of [graph.search(q, 10, scope), exact.search(q, 10, (id) => scope.has(id))]) {
        expect(approx.map((h) => h.id)).toEqual(scanned.map((h) => h.id));
        approx.forEach((h, i) => expect(h.score).toBeCloseTo(scanned[i]!.score, 5));
      }
    }
  });

  it('ignores unknown ids, returns fewer hits than k when the scope is smaller, and searches everything for a set of every id', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(all);
    const q = queries[0]!;
    expect(index.search(q, 10, new Set(['p#3', 'p#4', 'gone']))).toHaveLength(2);
    expect(index.search(q, 10, new Set())).toEqual([]);
    expect(index.search(q, 10, new Set(all.map((it) => it.id)))).toEqual(index.search(q, 10));
  });

  it('scans the vectors as they are now after a replace, a removal and a reload', () => {
    const index = VectorIndex.open(dir, META);
    index.upsert(all);
    const target = all[42]!.vector;
    const inScope = new Set(['p#0', 'p#5', 'p#10']);
    expect(index.search(target, 1, inScope)[0]!.score).toBeLessThan(0.999);
    index.upsert([{ id: 'p#5', vector: target }]);
    expect(index.search(target, 1, inScope)[0]).toMatchObject({ id: 'p#5' });
    expect(index.search(target, 1, inScope)[0]!.score).toBeCloseTo(1, 5);
    index.remove(['p#5']);
    expect(index.search(target, 3, inScope).map((h) => h.id)).not.toContain('p#5');
    index.save();
    const reopened = VectorIndex.open(dir, META);
    for (const q of queries) expect(reopened.search(q, 10, scope)).toEqual(index.search(q, 10, scope));
  });
});
