/**
 * Document frequencies over the whole library, by term hash: the segments' own counts merged
 * into three parallel sorted arrays. Built once at load, then patched per change (a new
 * segment merged in, a removed document's counts taken out), never rebuilt whole on ingest.
 */
import { findHash } from './codec.ts';

export interface TermCounts {
  hashes: Float64Array;
  dfAll: Uint32Array;
  dfBodyHead: Uint32Array;
}

const EMPTY: TermCounts = { hashes: new Float64Array(0), dfAll: new Uint32Array(0), dfBodyHead: new Uint32Array(0) };

/** Two sorted count tables as one, counts of a shared term added. */
function mergeTwo(a: TermCounts, b: TermCounts): TermCounts {
  const n = a.hashes.length + b.hashes.length;
  const hashes = new Float64Array(n);
  const dfAll = new Uint32Array(n);
  const dfBodyHead = new Uint32Array(n);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.hashes.length || j < b.hashes.length) {
    const ha = i < a.hashes.length ? a.hashes[i]! : Infinity;
    const hb = j < b.hashes.length ? b.hashes[j]! : Infinity;
    if (ha === hb) {
      hashes[k] = ha;
      dfAll[k] = a.dfAll[i]! + b.dfAll[j]!;
      dfBodyHead[k++] = a.dfBodyHead[i++]! + b.dfBodyHead[j++]!;
    } else if (ha < hb) {
      hashes[k] = ha;
      dfAll[k] = a.dfAll[i]!;
      dfBodyHead[k++] = a.dfBodyHead[i++]!;
    } else {
      hashes[k] = hb;
      dfAll[k] = b.dfAll[j]!;
      dfBodyHead[k++] = b.dfBodyHead[j++]!;
    }
  }
  return { hashes: hashes.subarray(0, k), dfAll: dfAll.subarray(0, k), dfBodyHead: dfBodyHead.subarray(0, k) };
}

export class TermDictionary {
  private counts: TermCounts = EMPTY;

  /** Merges every segment's counts, pairwise (n log k for k segments). */
  static of(parts: readonly TermCounts[]): TermDictionary {
    let level = [...parts];
    while (level.length > 1) {
      const next: TermCounts[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(level[i + 1] ? mergeTwo(level[i]!, level[i + 1]!) : level[i]!);
      level = next;
    }
    const dict = new TermDictionary();
    dict.counts = level[0] ? compact(level[0]) : EMPTY;
    return dict;
  }

  get size(): number {
    return this.counts.hashes.length;
  }

  add(part: TermCounts): void {
    this.counts = compact(mergeTwo(this.counts, part));
  }

  /** Takes a removed document's counts out (the terms stay, at zero, until the next rebuild). */
  subtract(removed: ReadonlyMap<number, readonly [number, number]>): void {
    for (const [hash, [all, bodyHead]] of removed) {
      const t = findHash(this.counts.hashes, hash);
      if (t < 0) continue;
      this.counts.dfAll[t] = Math.max(0, this.counts.dfAll[t]! - all);
      this.counts.dfBodyHead[t] = Math.max(0, this.counts.dfBodyHead[t]! - bodyHead);
    }
  }

  dfAll(hash: number): number {
    const t = findHash(this.counts.hashes, hash);
    return t < 0 ? 0 : this.counts.dfAll[t]!;
  }

  dfBodyHead(hash: number): number {
    const t = findHash(this.counts.hashes, hash);
    return t < 0 ? 0 : this.counts.dfBodyHead[t]!;
  }
}

/** Own-buffer copies without the terms no live passage holds any more. */
function compact(c: TermCounts): TermCounts {
  let live = 0;
  for (let i = 0; i < c.dfAll.length; i++) if (c.dfAll[i]! > 0) live++;
  const hashes = new Float64Array(live);
  const dfAll = new Uint32Array(live);
  const dfBodyHead = new Uint32Array(live);
  let k = 0;
  for (let i = 0; i < c.dfAll.length; i++) {
    if (c.dfAll[i]! === 0) continue;
    hashes[k] = c.hashes[i]!;
    dfAll[k] = c.dfAll[i]!;
    dfBodyHead[k++] = c.dfBodyHead[i]!;
  }
  return { hashes, dfAll, dfBodyHead };
}
