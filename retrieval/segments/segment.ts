/**
 * A segment of the keyword index: the passages of one or more documents, inverted. Terms are
 * 53-bit hashes in a sorted array; each term's postings are varint pairs (gap to the passage
 * before, then its column-weighted count × 10 shifted left once, the low bit saying the term is
 * in the body or headings rather than only the document's title). A segment is written once
 * and never changed: a document removed from it is masked (`dead`) until the segment is merged.
 */
import type { DocHeader } from '../../corpus/types.ts';
import { ByteWriter, findHash, readVarint, termHash } from './codec.ts';

export const SEGMENT_MAGIC = 0x534b4c54;
/** Raise when the bytes or the analysis change: older segments are then rebuilt from the store. */
export const SEGMENT_VERSION = 1;

/** Column weights as integers (× 10): body 1, headings 0.6, document title 0.1, as FTS5's bm25() had them. */
export const WEIGHT10 = [10, 6, 1] as const;

export interface SegmentDoc {
  id: string;
  /** What the document was indexed from: a changed fingerprint means re-index. */
  fingerprint: string;
  header: DocHeader;
  /** Its passages are first … first + count - 1 of the segment. */
  first: number;
  count: number;
}

/** One passage's terms by column, repeats kept (lengths count every occurrence). */
export interface AnalysedPassage {
  id: string;
  body: readonly string[];
  head: readonly string[];
  title: readonly string[];
}

export interface DocInput {
  id: string;
  fingerprint: string;
  header: DocHeader;
  passages: readonly AnalysedPassage[];
}

export class Segment {
  /** Passages of removed documents, masked until a merge drops them. */
  readonly dead: Uint8Array;
  deadCount = 0;
  private readonly killed = new Set<string>();
  private readonly cursor = new Uint32Array(1);

  constructor(
    readonly docs: SegmentDoc[],
    /** Clause ids, by passage number. */
    readonly ids: string[],
    readonly lengths: Uint32Array,
    readonly hashes: Float64Array,
    /** Passages holding the term in any column (bm25's n), live ones only. */
    readonly dfAll: Uint32Array,
    /** Passages holding it in the body or headings (what re-ranking's rarity counts), live ones only. */
    readonly dfBodyHead: Uint32Array,
    readonly offsets: Uint32Array,
    readonly postings: Uint8Array,
  ) {
    this.dead = new Uint8Array(ids.length);
  }

  get size(): number {
    return this.ids.length;
  }

  get live(): number {
    return this.ids.length - this.deadCount;
  }

  term(hash: number): number {
    return findHash(this.hashes, hash);
  }

  /** Calls `visit(passage, weighted count ×10, in body or headings)` for each live posting of term index `t`. */
  postingsOf(t: number, visit: (passage: number, freq10: number, bodyHead: boolean) => void, first = 0, end = this.size): void {
    const at = this.cursor;
    at[0] = this.offsets[t]!;
    const stop = this.offsets[t + 1]!;
    let passage = -1;
    while (at[0]! < stop) {
      passage += readVarint(this.postings, at);
      const v = readVarint(this.postings, at);
      if (passage >= end) return;
      if (passage < first || this.dead[passage] === 1) continue;
      visit(passage, v >>> 1, (v & 1) === 1);
    }
  }

  /** Whether the passage holds the term in its body or headings (what re-ranking asks of a candidate). */
  has(passage: number, hash: number): boolean {
    const t = this.term(hash);
    if (t < 0) return false;
    const at = this.cursor;
    at[0] = this.offsets[t]!;
    const stop = this.offsets[t + 1]!;
    let p = -1;
    while (at[0]! < stop) {
      p += readVarint(this.postings, at);
      const v = readVarint(this.postings, at);
      if (p === passage) return (v & 1) === 1;
      if (p > passage) return false;
    }
    return false;
  }

  /** Masks a document's passages and takes them out of the term counts. */
  kill(docId: string): boolean {
    const doc = this.docs.find((d) => d.id === docId);
    if (!doc || this.killed.has(docId)) return false;
    this.killed.add(docId);
    for (let t = 0; t < this.hashes.length; t++) {
      this.postingsOf(t, (_p, _f, bodyHead) => {
        this.dfAll[t]! -= 1;
        if (bodyHead) this.dfBodyHead[t]! -= 1;
      }, doc.first, doc.first + doc.count);
    }
    this.dead.fill(1, doc.first, doc.first + doc.count);
    this.deadCount += doc.count;
    return true;
  }

  liveDocs(): SegmentDoc[] {
    return this.docs.filter((d) => !this.killed.has(d.id));
  }

  /** The segment as bytes (the dead mask is not written: the manifest lists removed documents). */
  serialise(): Uint8Array {
    const w = new ByteWriter(this.postings.length + this.hashes.length * 20 + this.ids.length * 8 + 4096);
    const json = new TextEncoder().encode(JSON.stringify({ docs: this.docs, ids: this.ids }));
    w.u32(SEGMENT_MAGIC);
    w.u32(SEGMENT_VERSION);
    w.u32(json.length);
    w.bytes(json);
    w.align(8);
    w.u32(this.ids.length);
    w.u32(this.hashes.length);
    w.u32(this.postings.length);
    w.u32(0);
    for (const a of [this.hashes, this.lengths, this.dfAll, this.dfBodyHead, this.offsets]) w.bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    w.align(8);
    w.bytes(this.postings);
    return w.result();
  }

  static parse(bytes: Uint8Array): Segment {
    // Views below are placed from the start of the ArrayBuffer (8-aligned): a file read whole
    // starts there and is used as is; bytes inside a larger buffer are copied out first.
    const buf = bytes.byteOffset === 0 ? bytes : Uint8Array.from(bytes);
    const view = new DataView(buf.buffer);
    if (view.getUint32(0, true) !== SEGMENT_MAGIC) throw new Error('not an index segment');
    if (view.getUint32(4, true) !== SEGMENT_VERSION) throw new Error(`segment version ${view.getUint32(4, true)}, expected ${SEGMENT_VERSION}`);
    const jsonBytes = view.getUint32(8, true);
    const meta = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + jsonBytes))) as { docs: SegmentDoc[]; ids: string[] };
    let pos = Math.ceil((12 + jsonBytes) / 8) * 8;
    const passages = view.getUint32(pos, true);
    const terms = view.getUint32(pos + 4, true);
    const postingBytes = view.getUint32(pos + 8, true);
    pos += 16;
    const hashes = new Float64Array(buf.buffer, pos, terms);
    pos += terms * 8;
    const take = (n: number) => {
      const a = new Uint32Array(buf.buffer, pos, n);
      pos += n * 4;
      return a;
    };
    const lengths = take(passages);
    const dfAll = take(terms);
    const dfBodyHead = take(terms);
    const offsets = take(terms + 1);
    pos = Math.ceil(pos / 8) * 8;
    const postings = buf.subarray(pos, pos + postingBytes);
    if (postings.length !== postingBytes || meta.ids.length !== passages) throw new Error('truncated index segment');
    return new Segment(meta.docs, meta.ids, lengths, hashes, dfAll, dfBodyHead, offsets, postings);
  }
}

/** Builds a segment from documents' analysed passages, in the order given. */
export function buildSegment(docs: readonly DocInput[]): Segment {
  const lists = new Map<number, number[]>();
  const ids: string[] = [];
  const lengths: number[] = [];
  const out: SegmentDoc[] = [];
  const counts = new Map<number, number>();
  for (const doc of docs) {
    out.push({ id: doc.id, fingerprint: doc.fingerprint, header: doc.header, first: ids.length, count: doc.passages.length });
    // The title's terms are the same for every passage of a document: hashed once.
    const titleHashes = doc.passages[0] ? doc.passages[0].title.map(termHash) : [];
    for (const p of doc.passages) {
      const local = ids.length;
      ids.push(p.id);
      lengths.push(p.body.length + p.head.length + p.title.length);
      counts.clear();
      // value = weighted count × 10, shifted left; the low bit marks body or headings.
      for (const t of p.body) {
        const h = termHash(t);
        counts.set(h, ((counts.get(h) ?? 0) + (WEIGHT10[0] << 1)) | 1);
      }
      for (const t of p.head) {
        const h = termHash(t);
        counts.set(h, ((counts.get(h) ?? 0) + (WEIGHT10[1] << 1)) | 1);
      }
      const title = p.title === doc.passages[0]?.title ? titleHashes : p.title.map(termHash);
      for (const h of title) counts.set(h, (counts.get(h) ?? 0) + (WEIGHT10[2] << 1));
      for (const [h, v] of counts) {
        let list = lists.get(h);
        if (!list) lists.set(h, (list = []));
        list.push(local, v);
      }
    }
  }
  return freeze(out, ids, lengths, lists);
}

function freeze(docs: SegmentDoc[], ids: string[], lengths: number[], lists: Map<number, number[]>): Segment {
  const hashes = Float64Array.from(lists.keys()).sort();
  const dfAll = new Uint32Array(hashes.length);
  const dfBodyHead = new Uint32Array(hashes.length);
  const offsets = new Uint32Array(hashes.length + 1);
  const w = new ByteWriter(1 << 20);
  hashes.forEach((h, t) => {
    offsets[t] = w.length;
    const list = lists.get(h)!;
    let prev = -1;
    for (let i = 0; i < list.length; i += 2) {
      const local = list[i]!;
      const v = list[i + 1]!;
      w.varint(local - prev);
      w.varint(v);
      prev = local;
      dfAll[t]! += 1;
      if (v & 1) dfBodyHead[t]! += 1;
    }
  });
  offsets[hashes.length] = w.length;
  return new Segment(docs, ids, Uint32Array.from(lengths), hashes, dfAll, dfBodyHead, offsets, w.result().slice());
}

/**
 * One segment holding the live documents of several, in their order: what a merge writes.
 * A k-way walk over the parts' sorted term hashes writes each term's postings straight into
 * the output bytes (part after part, renumbered), so a merge holds little beyond its result.
 */
export function mergeSegments(parts: readonly Segment[]): Segment {
  const ids: string[] = [];
  const lengths: number[] = [];
  const docs: SegmentDoc[] = [];
  // Old passage number → new, for the live ones, per part.
  const renumbers = parts.map((seg) => {
    const renumber = new Int32Array(seg.size).fill(-1);
    for (const d of seg.liveDocs()) {
      docs.push({ ...d, first: ids.length });
      for (let i = d.first; i < d.first + d.count; i++) {
        renumber[i] = ids.length;
        ids.push(seg.ids[i]!);
        lengths.push(seg.lengths[i]!);
      }
    }
    return renumber;
  });
  const union = new Float64Array(parts.reduce((n, seg) => n + seg.hashes.length, 0));
  let filled = 0;
  for (const seg of parts) {
    union.set(seg.hashes, filled);
    filled += seg.hashes.length;
  }
  union.sort();
  let unique = 0;
  for (let i = 0; i < union.length; i++) if (i === 0 || union[i] !== union[i - 1]) union[unique++] = union[i]!;

  const hashes = new Float64Array(unique);
  const dfAll = new Uint32Array(unique);
  const dfBodyHead = new Uint32Array(unique);
  const offsets = new Uint32Array(unique + 1);
  const w = new ByteWriter(Math.max(1 << 16, parts.reduce((n, seg) => n + seg.postings.length, 0)));
  const cursors = new Uint32Array(parts.length);
  let out = 0;
  for (let u = 0; u < unique; u++) {
    const h = union[u]!;
    const start = w.length;
    let prev = -1;
    let all = 0;
    let bodyHeadCount = 0;
    parts.forEach((seg, j) => {
      const t = cursors[j]!;
      if (t >= seg.hashes.length || seg.hashes[t] !== h) return;
      cursors[j] = t + 1;
      const renumber = renumbers[j]!;
      seg.postingsOf(t, (p, freq10, bodyHead) => {
        const to = renumber[p]!;
        w.varint(to - prev);
        w.varint((freq10 << 1) | (bodyHead ? 1 : 0));
        prev = to;
        all += 1;
        if (bodyHead) bodyHeadCount += 1;
      });
    });
    // A term only removed documents held leaves the merged segment.
    if (all === 0) continue;
    hashes[out] = h;
    dfAll[out] = all;
    dfBodyHead[out] = bodyHeadCount;
    offsets[out] = start;
    out += 1;
  }
  offsets[out] = w.length;
  return new Segment(
    docs, ids, Uint32Array.from(lengths), hashes.slice(0, out), dfAll.slice(0, out), dfBodyHead.slice(0, out), offsets.slice(0, out + 1), w.result().slice(),
  );
}
