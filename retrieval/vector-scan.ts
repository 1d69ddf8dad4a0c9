/**
 * Exact nearest-neighbour search over a small set of vectors: what the vector index does when a
 * question is scoped to a few plans. hnswlib's filtered search would walk nearly the whole graph
 * calling a JS callback per node to find the few allowed ones; scoring the allowed ones directly
 * is a few hundred dot products.
 */

export interface ScoredLabel {
  label: number;
  score: number;
}

/** A copy scaled to unit length, as hnswlib's cosine space stores it; a zero vector stays zero. */
export function unit(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * Keeps the k best-scored labels seen: a min-heap whose root is the worst kept, so each new
 * candidate costs one comparison unless it beats that.
 */
export class TopK {
  private readonly heap: ScoredLabel[] = [];

  constructor(private readonly k: number) {}

  offer(label: number, score: number): void {
    if (this.k <= 0) return;
    if (this.heap.length < this.k) {
      this.heap.push({ label, score });
      this.siftUp(this.heap.length - 1);
    } else if (score > this.heap[0]!.score) {
      this.heap[0] = { label, score };
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): ScoredLabel[] {
    return [...this.heap].sort((a, b) => b.score - a.score);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.score <= h[i]!.score) return;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < h.length && h[left]!.score < h[least]!.score) least = left;
      if (right < h.length && h[right]!.score < h[least]!.score) least = right;
      if (least === i) return;
      [h[least], h[i]] = [h[i]!, h[least]!];
      i = least;
    }
  }
}

/** The k labels whose unit vectors have the highest dot product with the unit `query`, best first. */
export function exactNearest(
  query: Float32Array,
  labels: Iterable<number>,
  vectorOf: (label: number) => Float32Array,
  k: number,
): ScoredLabel[] {
  const best = new TopK(k);
  for (const label of labels) best.offer(label, dot(query, vectorOf(label)));
  return best.sorted();
}
