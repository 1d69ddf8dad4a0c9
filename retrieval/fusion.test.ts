import { describe, expect, it } from 'vitest';
import { DENSE_WEIGHT, fuse } from './fusion.ts';

describe('fuse', () => {
  it('keeps one lane\'s score gaps, scaled to its best', () => {
    const out = fuse([{ lane: 'lexical', hits: [{ id: 'a', score: 10 }, { id: 'b', score: 2 }] }]);
    expect(out.map((f) => [f.id, f.fused])).toEqual([['a', 1], ['b', 0.2]]);
    expect(out[0]!.lanes).toMatchObject({ lexical: 10, lexicalRank: 1 });
  });

  it('lets a weak dense vote not overrule a clear lexical winner', () => {
    const out = fuse([
      { lane: 'lexical', hits: [{ id: 'a', score: 10 }, { id: 'b', score: 4 }] },
      { lane: 'dense', hits: [{ id: 'b', score: 0.9 }, { id: 'a', score: 0.3 }] },
    ]);
    expect(out[0]!.id).toBe('a');
    expect(out[1]!.lanes).toMatchObject({ lexicalRank: 2, denseRank: 1 });
  });

  it('lets the dense lane decide a close lexical call and add candidates bm25 missed', () => {
    const out = fuse([
      { lane: 'lexical', hits: [{ id: 'a', score: 10 }, { id: 'b', score: 9.8 }] },
      { lane: 'dense', hits: [{ id: 'b', score: 0.8 }, { id: 'c', score: 0.7 }, { id: 'a', score: 0.2 }] },
    ]);
    expect(out.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    const c = out.find((f) => f.id === 'c')!;
    expect(c.fused).toBeGreaterThan(0);
    expect(c.fused).toBeLessThanOrEqual(DENSE_WEIGHT);
  });

  it('returns nothing when no lane found anything', () => {
    expect(fuse([{ lane: 'lexical', hits: [] }, { lane: 'dense', hits: [] }])).toEqual([]);
  });
});
