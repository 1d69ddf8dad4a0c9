import { describe, expect, it } from 'vitest';
import { clsPool, l2normalize, meanPool } from './pooling.ts';

const norm = (v: Float32Array) => Math.hypot(...v);

describe('pooling', () => {
  it('averages only the tokens the mask keeps, then normalises', () => {
    // batch 2, seq 3, dim 2; the second text has one padding position holding garbage
    const data = Float32Array.from([1, 0, 3, 0, 2, 0, 0, 1, 0, 3, 100, 100]);
    const [a, b] = meanPool({ data, dims: [2, 3, 2] }, [1n, 1n, 1n, 1n, 1n, 0n]);
    expect(Array.from(a!)).toEqual([1, 0]);
    expect(b![0]).toBeCloseTo(0);
    expect(b![1]).toBeCloseTo(1);
  });

  it('takes the first token for cls pooling', () => {
    const data = Float32Array.from([3, 4, 9, 9]);
    const [v] = clsPool({ data, dims: [1, 2, 2] });
    expect(v![0]).toBeCloseTo(0.6);
    expect(v![1]).toBeCloseTo(0.8);
    expect(norm(v!)).toBeCloseTo(1);
  });

  it('leaves a zero vector zero instead of dividing by zero', () => {
    expect(Array.from(l2normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
    const [v] = meanPool({ data: new Float32Array(4), dims: [1, 2, 2] }, [0, 0]);
    expect(Array.from(v!)).toEqual([0, 0]);
  });
});
