import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK, dot, exactNearest, unit } from './vector-scan.ts';

describe('TopK', () => {
  it('keeps the k highest scores, best first, whatever the order they come in', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true })), fc.integer({ min: 0, max: 12 }), (scores, k) => {
        const top = new TopK(k);
        scores.forEach((s, label) => top.offer(label, s));
        // `+ 0` folds -0 into 0: the two tie, and which one the heap keeps does not matter.
        const expected = [...scores].sort((a, b) => b - a).slice(0, k).map((s) => s + 0);
        expect(top.sorted().map((s) => s.score + 0)).toEqual(expected);
      }),
    );
  });
});

describe('exactNearest', () => {
  it('ranks the given labels by dot product with the query', () => {
    const vectors = [unit([1, 0]), unit([1, 1]), unit([0, 1]), unit([-1, 0])];
    const hits = exactNearest(unit([1, 0.2]), [0, 1, 2, 3], (l) => vectors[l]!, 2);
    expect(hits.map((h) => h.label)).toEqual([0, 1]);
    expect(hits[0]!.score).toBeCloseTo(dot(unit([1, 0.2]), vectors[0]!), 6);
    expect(exactNearest(unit([1, 0]), [2, 3], (l) => vectors[l]!, 5).map((h) => h.label)).toEqual([2, 3]);
  });

  it('scales vectors to unit length and leaves a zero vector alone', () => {
    expect(Array.from(unit([3, 4]))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(unit([0, 0]))).toEqual([0, 0]);
  });
});
