/**
 * The keyword index as segments (segment.ts): BM25 scored exactly as FTS5's bm25() with
 * column weights, over postings held as varint bytes, with no term string and no clause text
 * in memory. One document's ingest or removal writes one small segment or masks one document;
 * small segments are merged in the background; everything persists in a folder, so a restart
 * loads the segments and rebuilds nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TermStats } from '../lexical.ts';
import { termHash } from './codec.ts';
import { TermDictionary } from './dictionary.ts';
import { buildSegment, mergeSegments, Segment, SEGMENT_VERSION, type DocInput, type SegmentDoc } from './segment.ts';

/** FTS5's constants. */
const K1 = 1.2;
const B = 0.75;
const MIN_IDF = 1e-6;

/** Passages per segment a bulk build writes; a merge stops growing a segment past it. */
export const SEGMENT_TARGET = 25_000;
/** Small segments (one plan each, from ingests) merged together once there are this many. */
const MERGE_FANIN = 8;
/** A segment whose removed share passes this is rewritten without them. */
const DEAD_SHARE = 0.5;

export interface ScoredPassage {
  id: string;
  score: number;
}

interface Manifest {
  version: number;
  segments: Array<{ file: string; killed: string[] }>;
}

interface Placed {
  seg: Segment;
  local: number;
}

export interface SegmentIndexOptions {
  /** Folder the segments persist in; null keeps them in memory only. */
  dir: string | null;
  onError?: (err: unknown) => void;
}

export class SegmentIndex {
  private segments: Segment[] = [];
  private readonly files = new Map<Segment, string>();
  private dict = new TermDictionary();
  private byDoc = new Map<string, { seg: Segment; doc: SegmentDoc }>();
  private byClause = new Map<string, Placed>();
  private livePassages = 0;
  private liveLength = 0;
  /** Per segment: K1 × (1 - B + B × length / average length), by passage. */
  private norms = new Map<Segment, Float64Array>();
  /** Global passage numbers: each segment's first, for the scoring scratch arrays. */
  private bases = new Map<Segment, number>();
  /** Tie order: documents by id, then passages in their order (as clauses are stored). */
  private docRank = new Map<string, number>();
  private scores = new Float64Array(0);
  private stamps = new Uint32Array(0);
  private stamp = 0;
  private mergeTimer: NodeJS.Timeout | null = null;
  private merging: Promise<void> = Promise.resolve();

  constructor(private readonly opts: SegmentIndexOptions) {
    if (opts.dir) this.load(opts.dir);
    this.refresh();
  }

  /** Live documents with what they were indexed from. */
  documents(): SegmentDoc[] {
    return [...this.byDoc.values()].map((x) => x.doc);
  }

  get passageCount(): number {
    return this.livePassages;
  }

  /**
   * Indexes documents (replacing any earlier version of each) and drops `removed`: removed and
   * replaced documents are masked, the new ones written as segments of up to SEGMENT_TARGET
   * passages. Searchable on return; merging happens later.
   */
  apply(add: readonly DocInput[], removed: readonly string[] = []): void {
    const gone = new Map<number, [number, number]>();
    for (const id of new Set([...removed, ...add.map((d) => d.id)])) this.kill(id, gone);
    this.dict.subtract(gone);
    const fresh: Segment[] = [];
    let batch: DocInput[] = [];
    let size = 0;
    const flush = () => {
      if (batch.length) fresh.push(buildSegment(batch));
      batch = [];
      size = 0;
    };
    for (const d of add) {
      if (size > 0 && size + d.passages.length > SEGMENT_TARGET) flush();
      batch.push(d);
      size += d.passages.length;
    }
    flush();
    for (const seg of fresh) {
      this.segments.push(seg);
      this.dict.add(seg);
      this.persist(seg);
    }
    this.dropEmpty();
    this.saveManifest();
    this.refresh();
    this.scheduleMerge();
  }

  /** The best `k` passages for the terms (bm25), optionally among the passages of `docIds` only. */
  search(terms: readonly string[], k: number, docIds?: readonly string[]): ScoredPassage[] {
    const hashes = [...new Set(terms.map(termHash))];
    const scope = docIds ? this.scopeRanges(docIds) : null;
    if (scope && scope.passages === 0) return [];
    this.stamp = (this.stamp + 1) >>> 0 || this.resetStamps();
    const touched: number[] = [];
    for (const h of hashes) {
      const idf = bm25Idf(scope ? scope.passages : this.livePassages, scope ? this.scopedDfAll(h, scope.ranges) : this.dict.dfAll(h));
      const segments = scope ? [...scope.ranges.keys()] : this.segments;
      for (const seg of segments) {
        const t = seg.term(h);
        if (t < 0) continue;
        const base = this.bases.get(seg)!;
        const norms = this.norms.get(seg)!;
        const allowed = scope?.masks.get(seg);
        seg.postingsOf(t, (p, freq10) => {
          if (allowed && allowed[p] === 0) return;
          const f = freq10 / 10;
          const s = (idf * (f * (K1 + 1))) / (f + norms[p]!);
          const g = base + p;
          if (this.stamps[g] === this.stamp) this.scores[g]! += s;
          else {
            this.stamps[g] = this.stamp;
            this.scores[g] = s;
            touched.push(g);
          }
        });
      }
    }
    return this.top(touched, k);
  }

  /** Whether a passage holds a term in its body or headings. */
  has(clauseId: string, term: string): boolean {
    const at = this.byClause.get(clauseId);
    return at !== undefined && at.seg.has(at.local, termHash(term));
  }

  contains(clauseId: string): boolean {
    return this.byClause.has(clauseId);
  }

  /** Clause ids of the passages of these documents. */
  passageIds(docIds: readonly string[]): Set<string> {
    const ids = new Set<string>();
    for (const id of docIds) {
      const at = this.byDoc.get(id);
      if (!at) continue;
      for (let i = at.doc.first; i < at.doc.first + at.doc.count; i++) ids.add(at.seg.ids[i]!);
    }
    return ids;
  }

  /** Every live clause id, in index order. */
  allPassageIds(): string[] {
    return [...this.byClause.keys()];
  }

  /** Library-wide rarity for re-ranking: passages holding a term in their body or headings. */
  stats(): TermStats {
    return { passages: this.livePassages, df: (term) => this.dict.dfBodyHead(termHash(term)) };
  }

  /** The same among the passages of `docIds` only, counted on demand and remembered per call. */
  scopedStats(docIds: readonly string[]): TermStats {
    const scope = this.scopeRanges(docIds);
    const memo = new Map<string, number>();
    return {
      passages: scope.passages,
      df: (term) => {
        let n = memo.get(term);
        if (n === undefined) {
          n = 0;
          const h = termHash(term);
          for (const [seg, ranges] of scope.ranges) {
            const t = seg.term(h);
            if (t < 0) continue;
            for (const [first, end] of ranges) seg.postingsOf(t, (_p, _f, bodyHead) => (n! += bodyHead ? 1 : 0), first, end);
          }
          memo.set(term, n);
        }
        return n;
      },
    };
  }

  /** Waits for a merge in progress (tests, shutdown). */
  async settle(): Promise<void> {
    if (this.mergeTimer) {
      clearTimeout(this.mergeTimer);
      this.mergeTimer = null;
      this.merge();
    }
    await this.merging;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  private kill(docId: string, gone: Map<number, [number, number]>): void {
    const at = this.byDoc.get(docId);
    if (!at) return;
    const { seg, doc } = at;
    for (let t = 0; t < seg.hashes.length; t++) {
      seg.postingsOf(t, (_p, _f, bodyHead) => {
        const h = seg.hashes[t]!;
        const c = gone.get(h) ?? [0, 0];
        c[0] += 1;
        if (bodyHead) c[1] += 1;
        gone.set(h, c);
      }, doc.first, doc.first + doc.count);
    }
    seg.kill(docId);
    this.byDoc.delete(docId);
  }

  private scopeRanges(docIds: readonly string[]) {
    const ranges = new Map<Segment, Array<[number, number]>>();
    const masks = new Map<Segment, Uint8Array>();
    let passages = 0;
    for (const id of new Set(docIds)) {
      const at = this.byDoc.get(id);
      if (!at || at.doc.count === 0) continue;
      const list = ranges.get(at.seg) ?? [];
      list.push([at.doc.first, at.doc.first + at.doc.count]);
      ranges.set(at.seg, list);
      let mask = masks.get(at.seg);
      if (!mask) masks.set(at.seg, (mask = new Uint8Array(at.seg.size)));
      mask.fill(1, at.doc.first, at.doc.first + at.doc.count);
      passages += at.doc.count;
    }
    return { ranges, masks, passages };
  }

  private scopedDfAll(hash: number, ranges: ReadonlyMap<Segment, Array<[number, number]>>): number {
    let n = 0;
    for (const [seg, list] of ranges) {
      const t = seg.term(hash);
      if (t < 0) continue;
      for (const [first, end] of list) seg.postingsOf(t, () => n++, first, end);
    }
    return n;
  }

  /** The k best by score, ties in document-then-passage order. */
  private top(touched: readonly number[], k: number): ScoredPassage[] {
    const key = (g: number) => this.orderKey(g);
    const sorted = touched.length > 4 * k ? preselect(touched, this.scores, k) : [...touched];
    sorted.sort((a, b) => this.scores[b]! - this.scores[a]! || key(a) - key(b));
    return sorted.slice(0, k).map((g) => {
      const { seg, local } = this.placeOf(g);
      return { id: seg.ids[local]!, score: this.scores[g]! };
    });
  }

  private orderKey(g: number): number {
    const { seg, local } = this.placeOf(g);
    const doc = seg.docs.find((d) => local >= d.first && local < d.first + d.count)!;
    return (this.docRank.get(doc.id) ?? 0) * 1_048_576 + (local - doc.first);
  }

  private placeOf(g: number): Placed {
    // Few segments: a linear walk over the bases is cheaper than keeping a map per passage.
    let best: Segment = this.segments[0]!;
    for (const seg of this.segments) if (this.bases.get(seg)! <= g) best = seg;
    return { seg: best, local: g - this.bases.get(best)! };
  }

  private resetStamps(): number {
    this.stamps.fill(0);
    return 1;
  }

  /** Rebuilds what follows from the set of segments: bases, norms, document and clause maps, tie order. */
  private refresh(): void {
    let base = 0;
    this.bases.clear();
    this.byDoc.clear();
    this.byClause.clear();
    this.livePassages = 0;
    this.liveLength = 0;
    for (const seg of this.segments) {
      this.bases.set(seg, base);
      base += seg.size;
      for (const doc of seg.liveDocs()) {
        this.byDoc.set(doc.id, { seg, doc });
        for (let i = doc.first; i < doc.first + doc.count; i++) {
          this.byClause.set(seg.ids[i]!, { seg, local: i });
          this.livePassages += 1;
          this.liveLength += seg.lengths[i]!;
        }
      }
    }
    const avg = this.livePassages > 0 ? this.liveLength / this.livePassages : 1;
    this.norms.clear();
    for (const seg of this.segments) this.norms.set(seg, Float64Array.from(seg.lengths, (n) => K1 * (1 - B + (B * n) / avg)));
    if (this.scores.length < base) {
      this.scores = new Float64Array(base);
      this.stamps = new Uint32Array(base);
      this.stamp = 0;
    }
    this.docRank = new Map([...this.byDoc.keys()].sort().map((id, i) => [id, i]));
  }

  private dropEmpty(): void {
    for (const seg of this.segments.filter((s) => s.live === 0 && s.liveDocs().length === 0)) this.removeSegment(seg);
  }

  private removeSegment(seg: Segment): void {
    this.segments = this.segments.filter((s) => s !== seg);
    const file = this.files.get(seg);
    this.files.delete(seg);
    if (file && this.opts.dir) fs.rmSync(path.join(this.opts.dir, file), { force: true });
  }

  private scheduleMerge(): void {
    if (this.mergeTimer || !this.wantsMerge()) return;
    this.mergeTimer = setTimeout(() => {
      this.mergeTimer = null;
      this.merge();
    }, 50);
    this.mergeTimer.unref();
  }

  private smallSegments(): Segment[] {
    return this.segments.filter((s) => s.live < SEGMENT_TARGET / 4);
  }

  private wantsMerge(): boolean {
    return this.smallSegments().length >= MERGE_FANIN || this.segments.some((s) => s.size > 0 && s.deadCount / s.size > DEAD_SHARE);
  }

  /** Merges small segments into one and rewrites those mostly removed; the live content is unchanged. */
  private merge(): void {
    this.merging = this.merging.then(() => {
      try {
        const groups: Segment[][] = [];
        const small = this.smallSegments();
        // Small segments merge in runs of up to SEGMENT_TARGET live passages, never one giant.
        if (small.length >= MERGE_FANIN) {
          let run: Segment[] = [];
          let size = 0;
          for (const seg of small) {
            if (run.length && size + seg.live > SEGMENT_TARGET) {
              if (run.length > 1) groups.push(run);
              run = [];
              size = 0;
            }
            run.push(seg);
            size += seg.live;
          }
          if (run.length > 1) groups.push(run);
        }
        for (const seg of this.segments) if (!small.includes(seg) && seg.size > 0 && seg.deadCount / seg.size > DEAD_SHARE) groups.push([seg]);
        for (const group of groups) {
          const merged = mergeSegments(group);
          const at = this.segments.indexOf(group[0]!);
          for (const seg of group) this.removeSegment(seg);
          this.segments.splice(Math.min(at, this.segments.length), 0, merged);
          this.persist(merged);
        }
        if (groups.length) {
          this.saveManifest();
          this.refresh();
        }
      } catch (err) {
        this.opts.onError?.(err);
      }
    });
  }

  private persist(seg: Segment): void {
    if (!this.opts.dir) return;
    const file = `seg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.bin`;
    fs.mkdirSync(this.opts.dir, { recursive: true });
    const tmp = path.join(this.opts.dir, `${file}.tmp`);
    fs.writeFileSync(tmp, seg.serialise());
    fs.renameSync(tmp, path.join(this.opts.dir, file));
    this.files.set(seg, file);
  }

  private saveManifest(): void {
    if (!this.opts.dir) return;
    const manifest: Manifest = {
      version: SEGMENT_VERSION,
      segments: this.segments.map((seg) => ({ file: this.files.get(seg)!, killed: seg.docs.filter((d) => !seg.liveDocs().includes(d)).map((d) => d.id) })),
    };
    const tmp = path.join(this.opts.dir, 'manifest.json.tmp');
    fs.writeFileSync(tmp, JSON.stringify(manifest));
    fs.renameSync(tmp, path.join(this.opts.dir, 'manifest.json'));
  }

  /** Reads the segments the manifest lists; one that cannot be read is dropped (its documents get re-indexed by the next sync). */
  private load(dir: string): void {
    let manifest: Manifest | null = null;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      manifest = null;
    }
    const listed = new Set<string>();
    if (manifest && manifest.version === SEGMENT_VERSION) {
      for (const entry of manifest.segments) {
        try {
          const seg = Segment.parse(fs.readFileSync(path.join(dir, entry.file)));
          for (const id of entry.killed) seg.kill(id);
          this.segments.push(seg);
          this.files.set(seg, entry.file);
          listed.add(entry.file);
        } catch (err) {
          this.opts.onError?.(err);
        }
      }
    }
    // Files no manifest lists: a write interrupted before its manifest, or an older version.
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) if (f.startsWith('seg-') && !listed.has(f)) fs.rmSync(path.join(dir, f), { force: true });
    this.dict = TermDictionary.of(this.segments);
  }
}

function bm25Idf(passages: number, df: number): number {
  const idf = Math.log((passages - df + 0.5) / (df + 0.5));
  return idf <= 0 ? MIN_IDF : idf;
}

/** Keeps roughly the best `k` without sorting everything: a threshold from a sample, then the ones above it. */
function preselect(touched: readonly number[], scores: Float64Array, k: number): number[] {
  const values = Float64Array.from(touched, (g) => scores[g]!).sort();
  const cut = values[Math.max(0, values.length - k)]!;
  return touched.filter((g) => scores[g]! >= cut);
}
