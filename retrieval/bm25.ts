/**
 * In-memory BM25 over interned terms, scoring exactly as SQLite FTS5's `bm25()` with column
 * weights (fts5_aux.c): a term's frequency in a passage is the weighted count of its
 * occurrences over the columns, the passage length its token count over all columns, IDF
 * log((N - n + 0.5) / (n + 0.5)) floored at 1e-6. FTS5 computed that per matching row
 * through its auxiliary-function API: a question with a few common words matches most of
 * 100,000 clauses, and search took p50 368 ms there (eval/bench.ts). Here the postings are
 * flat typed arrays, IDF and length norms are computed once, and a query costs one pass
 * over the postings of its own terms (p50 7 ms). Same scores, so the same ranking.
 */

/** FTS5's constants. */
const K1 = 1.2;
const B = 0.75;
const MIN_IDF = 1e-6;

export interface Scored {
  /** The passage's number: its order of addition. */
  doc: number;
  score: number;
}

/** One passage as BM25 sees it: its distinct terms, each with its column-weighted count, and its length in tokens. */
export interface Bm25Entry {
  ids: Uint32Array;
  freqs: Float32Array;
  length: number;
}

/**
 * Makes passages' entries from their term ids per column (repeats kept), one weight per
 * column as given to FTS5's bm25(). Counts in arrays indexed by term id, kept between
 * passages: a Map per passage was a fifth of indexing 100,000 clauses.
 */
export class EntryMaker {
  private freq = new Float64Array(4096);
  private seen = new Uint8Array(4096);

  constructor(private readonly weights: readonly number[]) {}

  entry(columns: ReadonlyArray<readonly number[]>): Bm25Entry {
    const distinct: number[] = [];
    let length = 0;
    columns.forEach((ids, c) => {
      const w = this.weights[c] ?? 1;
      length += ids.length;
      for (const id of ids) {
        if (id >= this.seen.length) this.grow(id);
        if (this.seen[id] === 0) {
          this.seen[id] = 1;
          this.freq[id] = 0;
          distinct.push(id);
        }
        this.freq[id]! += w;
      }
    });
    const freqs = Float32Array.from(distinct, (id) => this.freq[id]!);
    for (const id of distinct) this.seen[id] = 0;
    return { ids: Uint32Array.from(distinct), freqs, length };
  }

  private grow(id: number): void {
    const size = Math.max(id + 1, this.seen.length * 2);
    const freq = new Float64Array(size);
    freq.set(this.freq);
    const seen = new Uint8Array(size);
    seen.set(this.seen);
    this.freq = freq;
    this.seen = seen;
  }
}

/** Inverts passages' entries (numbered by position) into postings per term, in CSR layout. */
export function buildBm25(entries: readonly Bm25Entry[], vocabularySize: number): Bm25Index {
  const starts = new Uint32Array(vocabularySize + 1);
  for (const e of entries) for (const id of e.ids) starts[id + 1]! += 1;
  for (let t = 0; t < vocabularySize; t++) starts[t + 1]! += starts[t]!;
  const postDocs = new Uint32Array(starts[vocabularySize]!);
  const postFreqs = new Float32Array(postDocs.length);
  const fill = starts.slice(0, vocabularySize);
  entries.forEach((e, d) => {
    for (let j = 0; j < e.ids.length; j++) {
      const at = fill[e.ids[j]!]!++;
      postDocs[at] = d;
      postFreqs[at] = e.freqs[j]!;
    }
  });
  return new Bm25Index(starts, postDocs, postFreqs, Uint32Array.from(entries, (e) => e.length));
}

export class Bm25Index {
  /** K1 × (1 - B + B × length / average length), per passage. */
  private readonly norms: Float64Array;
  private readonly scores: Float64Array;
  /** Which query last touched each passage, so `scores` is never cleared whole. */
  private readonly stamps: Uint32Array;
  private stamp = 0;

  constructor(
    private readonly starts: Uint32Array,
    private readonly postDocs: Uint32Array,
    private readonly postFreqs: Float32Array,
    lengths: Uint32Array,
  ) {
    const total = lengths.reduce((sum, n) => sum + n, 0);
    const average = lengths.length > 0 ? total / lengths.length : 1;
    this.norms = Float64Array.from(lengths, (n) => K1 * (1 - B + (B * n) / average));
    this.scores = new Float64Array(lengths.length);
    this.stamps = new Uint32Array(lengths.length);
  }

  get size(): number {
    return this.norms.length;
  }

  /** Passages holding the term in any column. */
  hits(termId: number): number {
    return termId + 1 < this.starts.length ? this.starts[termId + 1]! - this.starts[termId]! : 0;
  }

  idf(termId: number): number {
    const n = this.hits(termId);
    const idf = Math.log((this.size - n + 0.5) / (n + 0.5));
    return idf <= 0 ? MIN_IDF : idf;
  }

  /**
   * The best `k` passages holding any of `termIds` (distinct), best first, ties by passage
   * number; `allowed` (by passage number), when given, keeps only the passages it marks.
   */
  top(termIds: readonly number[], k: number, allowed?: Uint8Array): Scored[] {
    this.stamp = (this.stamp + 1) >>> 0 || this.resetStamps();
    const touched: number[] = [];
    const scope = allowed ? countAllowed(allowed) : 0;
    for (const t of termIds) this.accumulate(t, touched, allowed, allowed ? this.scopedIdf(t, allowed, scope) : this.idf(t));
    return selectTop(touched, this.scores, k);
  }

  /**
   * A term's rarity among the passages a question is scoped to (its province's plans): a word
   * of those plans' own topic ("biển" in a plan on the sea) is rare in the whole library yet
   * says nothing about which of their clauses answers, so the library's idf would let it drown
   * the telling words.
   */
  private scopedIdf(termId: number, allowed: Uint8Array, size: number): number {
    if (termId + 1 >= this.starts.length) return MIN_IDF;
    let n = 0;
    const end = this.starts[termId + 1]!;
    for (let j = this.starts[termId]!; j < end; j++) if (allowed[this.postDocs[j]!] === 1) n++;
    const idf = Math.log((size - n + 0.5) / (n + 0.5));
    return idf <= 0 ? MIN_IDF : idf;
  }

  private accumulate(termId: number, touched: number[], allowed: Uint8Array | undefined, idf: number): void {
    if (termId + 1 >= this.starts.length) return;
    const { postDocs, postFreqs, norms, scores, stamps, stamp } = this;
    const end = this.starts[termId + 1]!;
    for (let j = this.starts[termId]!; j < end; j++) {
      const d = postDocs[j]!;
      if (allowed && allowed[d] === 0) continue;
      const f = postFreqs[j]!;
      const s = (idf * (f * (K1 + 1))) / (f + norms[d]!);
      if (stamps[d] === stamp) {
        scores[d]! += s;
      } else {
        stamps[d] = stamp;
        scores[d] = s;
        touched.push(d);
      }
    }
  }

  private resetStamps(): number {
    this.stamps.fill(0);
    return 1;
  }
}

function countAllowed(allowed: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < allowed.length; i++) n += allowed[i]!;
  return n;
}

/** Whether passage a ranks before passage b. */
const before = (scores: Float64Array, a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);

/** The k best of `docs` by `scores`, through a k-sized heap whose root is the worst kept. */
export function selectTop(docs: readonly number[], scores: Float64Array, k: number): Scored[] {
  const heap: number[] = [];
  const worse = (i: number, j: number) => before(scores, heap[j]!, heap[i]!);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(l, w)) w = l;
      if (r < heap.length && worse(r, w)) w = r;
      if (w === i) return;
      swap(i, w);
      i = w;
    }
  };
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (k > 0 && before(scores, d, heap[0]!)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(scores, a, b) ? -1 : 1)).map((doc) => ({ doc, score: scores[doc]! }));
}
