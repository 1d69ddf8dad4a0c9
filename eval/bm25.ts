/**
 * Plain Okapi BM25, the reference baseline for the ALQAC benchmark: lowercase word tokens
 * (Unicode letters, digits and `_`, like Python's `\w+`), no stemming, no stop words.
 * Deliberately untuned so its numbers can be compared with published plain-BM25 runs.
 */
export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

export function bm25Tokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

export class Bm25Index {
  private readonly ids: string[] = [];
  private readonly lengths: number[] = [];
  /** term → postings of [document index, term frequency]. */
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly k1: number;
  private readonly b: number;
  private avgLength = 0;

  constructor(docs: ReadonlyArray<{ id: string; text: string }>, opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.75;
    for (const doc of docs) this.add(doc.id, doc.text);
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  private add(id: string, text: string): void {
    const index = this.ids.length;
    const tokens = bm25Tokens(text);
    this.ids.push(id);
    this.lengths.push(tokens.length);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, n] of tf) {
      const list = this.postings.get(term) ?? [];
      list.push([index, n]);
      this.postings.set(term, list);
    }
  }

  /** Lucene's non-negative idf, so a term in more than half the documents still counts a little. */
  private idf(docFreq: number): number {
    return Math.log(1 + (this.ids.length - docFreq + 0.5) / (docFreq + 0.5));
  }

  /** The best `k` documents for the query, best first; ties keep corpus order. */
  search(query: string, k = 10): Bm25Hit[] {
    const scores = new Map<number, number>();
    for (const term of bm25Tokens(query)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(list.length);
      for (const [doc, tf] of list) {
        const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[doc] ?? 0)) / (this.avgLength || 1));
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, k)
      .map(([doc, score]) => ({ id: this.ids[doc] ?? '', score }));
  }
}
