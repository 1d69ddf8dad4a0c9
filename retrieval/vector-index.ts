/**
 * Persistent nearest-neighbour index of clause vectors (hnswlib, cosine), one per embedding
 * model. On disk: `vectors-<model>.json` (the sidecar: model, dim, clause id ↔ label map,
 * the index file's name and sha256) and `vectors-<model>-<generation>.hnsw`. A save writes a
 * new generation and commits by renaming the sidecar, so a crash at any point leaves the old
 * pair whole; a sidecar whose checksum does not match its index file is not trusted and the
 * index starts empty (to be rebuilt by syncVectors).
 */
import fs from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { defaultIo, fsyncPath, type IndexIo, type Sidecar, safeModelId, sha256File, sidecarSchema } from './vector-files.ts';
import { exactNearest, unit } from './vector-scan.ts';

export { safeModelId, type IndexIo };

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export class VectorIndexError extends Error {
  override name = 'VectorIndexError';
}

export interface VectorIndexMeta {
  modelId: string;
  dim: number;
}

/**
 * Which ids a search may return: a set of ids (the index picks exact scan or graph search by its
 * size), or a predicate, which the graph search calls per node it visits.
 */
export type IdFilter = ReadonlySet<string> | ((id: string) => boolean);

export interface VectorItem {
  id: string;
  vector: Float32Array;
  /** Hash of the text the vector was made from, so a sync can tell a changed clause. */
  textHash?: string;
}

/** Graph parameters: hnswlib's defaults for recall at a few thousand clauses per plan set. */
const M = 16;
const EF_CONSTRUCTION = 200;
const EF_SEARCH = 64;
const INITIAL_CAPACITY = 1024;
const SEED = 100;
/**
 * Allowed sets up to this size are scored exactly rather than by filtered graph search. At 100,000
 * vectors an exact scan costs ~0.35 µs an id at 48 dimensions and ~1.35 µs at 384, so this caps
 * it near 3 and 11 ms; filtered graph search over a 0.5–2% share took 8–19 ms (random vectors,
 * 48 dims) and ~150 ms in the bench, and only beats the scan from ~10% of the index up.
 */
const EXACT_SCAN_MAX = 8000;

function emptyHnsw(dim: number): Hnsw {
  const hnsw = new HierarchicalNSW('cosine', dim);
  hnsw.initIndex({ maxElements: INITIAL_CAPACITY, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: SEED, allowReplaceDeleted: true });
  return hnsw;
}

export class VectorIndex {
  private readonly labels = new Map<string, number>();
  private readonly idsByLabel = new Map<number, string>();
  private readonly hashes = new Map<string, string>();
  /**
   * Unit vectors by label for exact scans: kept on upsert; for an index read from disk, copied
   * out of hnswlib on first use, since getPoint costs ~70 µs a 384-dim vector.
   */
  private readonly unitVectors = new Map<number, Float32Array>();
  private dirty = false;

  private constructor(
    readonly dir: string,
    readonly meta: VectorIndexMeta,
    private hnsw: Hnsw,
    private generation: number,
    private nextLabel: number,
    /** Why a stored index was not used (checksum mismatch, other model), or null. */
    readonly discarded: string | null,
    private readonly io: IndexIo,
    /** Allowed sets up to this size are scanned exactly (see search()). */
    private readonly exactScanMax: number,
  ) {}

  /** The stored index for this model, or an empty one when none (or none trustworthy) is stored. */
  static open(dir: string, meta: VectorIndexMeta, opts: { io?: Partial<IndexIo>; exactScanMax?: number } = {}): VectorIndex {
    const io = { ...defaultIo, ...opts.io };
    const exactScanMax = opts.exactScanMax ?? EXACT_SCAN_MAX;
    const sidecarPath = path.join(dir, `vectors-${safeModelId(meta.modelId)}.json`);
    const fresh = (reason: string | null) => new VectorIndex(dir, meta, emptyHnsw(meta.dim), 0, 0, reason, io, exactScanMax);
    if (!fs.existsSync(sidecarPath)) return fresh(null);
    let sidecar: Sidecar;
    try {
      sidecar = sidecarSchema.parse(JSON.parse(fs.readFileSync(sidecarPath, 'utf8')));
    } catch (err) {
      return fresh(`unreadable sidecar ${sidecarPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (sidecar.modelId !== meta.modelId || sidecar.dim !== meta.dim) {
      return fresh(`stored index is for ${sidecar.modelId} (dim ${sidecar.dim}), not ${meta.modelId} (dim ${meta.dim})`);
    }
    const indexPath = path.join(dir, path.basename(sidecar.indexFile));
    if (!fs.existsSync(indexPath) || sha256File(indexPath) !== sidecar.sha256) {
      return fresh(`index file ${indexPath} is missing or does not match its checksum`);
    }
    const hnsw = new HierarchicalNSW('cosine', meta.dim);
    try {
      hnsw.readIndexSync(indexPath, true);
    } catch (err) {
      return fresh(`index file ${indexPath} failed to load: ${err instanceof Error ? err.message : String(err)}`);
    }
    const index = new VectorIndex(dir, meta, hnsw, sidecar.generation, sidecar.nextLabel, null, io, exactScanMax);
    for (const [id, label, hash] of sidecar.entries) index.remember(id, label, hash ?? undefined);
    return index;
  }

  get size(): number {
    return this.labels.size;
  }

  has(id: string): boolean {
    return this.labels.has(id);
  }

  ids(): string[] {
    return [...this.labels.keys()];
  }

  textHash(id: string): string | undefined {
    return this.hashes.get(id);
  }

  upsert(items: readonly VectorItem[]): void {
    for (const item of items) {
      if (item.vector.length !== this.meta.dim) {
        throw new VectorIndexError(`vector for ${item.id} has ${item.vector.length} dimensions, the index ${this.meta.dim}`);
      }
    }
    this.reserve(items.filter((i) => !this.labels.has(i.id)).length);
    for (const item of items) {
      const existing = this.labels.get(item.id);
      const label = existing ?? this.nextLabel++;
      // A new label may take the slot of a deleted one, so removals do not grow the file forever.
      this.hnsw.addPoint(Array.from(item.vector), label, existing === undefined);
      this.unitVectors.set(label, unit(item.vector));
      this.remember(item.id, label, item.textHash);
      this.dirty = true;
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const label = this.labels.get(id);
      if (label === undefined) continue;
      this.hnsw.markDelete(label);
      this.unitVectors.delete(label);
      this.labels.delete(id);
      this.idsByLabel.delete(label);
      this.hashes.delete(id);
      this.dirty = true;
    }
  }

  /** The k nearest clause ids by cosine similarity (higher is closer), best first, among those `filter` allows. */
  search(vector: Float32Array, k: number, filter?: IdFilter): Array<{ id: string; score: number }> {
    if (vector.length !== this.meta.dim) {
      throw new VectorIndexError(`query has ${vector.length} dimensions, the index ${this.meta.dim}`);
    }
    const wanted = Math.min(Math.floor(k), this.size);
    if (wanted <= 0) return [];
    if (filter === undefined) return this.graphSearch(vector, wanted);
    if (typeof filter === 'function') {
      return this.graphSearch(vector, wanted, (label) => {
        const id = this.idsByLabel.get(label);
        return id !== undefined && filter(id);
      });
    }
    const labels = this.labelsOf(filter);
    if (labels.length === this.size) return this.graphSearch(vector, wanted);
    // A scope of a few plans is a small share of the index: filtered graph search would visit
    // nearly every node to find it, each visit a call into JS, while scoring it directly is
    // one dot product per allowed clause.
    if (labels.length <= this.exactScanMax) {
      return this.toHits(exactNearest(unit(vector), labels, (label) => this.unitVector(label), wanted));
    }
    const allowed = new Set(labels);
    return this.graphSearch(vector, wanted, (label) => allowed.has(label));
  }

  private graphSearch(vector: Float32Array, wanted: number, accept?: (label: number) => boolean): Array<{ id: string; score: number }> {
    this.hnsw.setEf(Math.max(EF_SEARCH, wanted));
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(vector), wanted, accept);
    return this.toHits(neighbors.map((label, i) => ({ label, score: 1 - (distances[i] ?? 1) })));
  }

  private labelsOf(ids: ReadonlySet<string>): number[] {
    const labels: number[] = [];
    for (const id of ids) {
      const label = this.labels.get(id);
      if (label !== undefined) labels.push(label);
    }
    return labels;
  }

  private unitVector(label: number): Float32Array {
    let v = this.unitVectors.get(label);
    if (v === undefined) {
      v = unit(this.hnsw.getPoint(label));
      this.unitVectors.set(label, v);
    }
    return v;
  }

  private toHits(scored: ReadonlyArray<{ label: number; score: number }>): Array<{ id: string; score: number }> {
    const hits: Array<{ id: string; score: number }> = [];
    for (const { label, score } of scored) {
      const id = this.idsByLabel.get(label);
      if (id !== undefined) hits.push({ id, score });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Writes the index if it changed; returns whether it wrote. Throws VectorIndexError, leaving the stored pair as it was. */
  save(): boolean {
    if (!this.dirty) return false;
    fs.mkdirSync(this.dir, { recursive: true });
    const base = `vectors-${safeModelId(this.meta.modelId)}`;
    const generation = this.generation + 1;
    const indexFile = `${base}-${generation}.hnsw`;
    const indexPath = path.join(this.dir, indexFile);
    const sidecarPath = path.join(this.dir, `${base}.json`);
    const tmpIndex = `${indexPath}.tmp`;
    const tmpSidecar = `${sidecarPath}.tmp`;
    try {
      this.hnsw.writeIndexSync(tmpIndex);
      fsyncPath(tmpIndex);
      const sha256 = sha256File(tmpIndex);
      this.io.rename(tmpIndex, indexPath);
      this.io.writeFile(tmpSidecar, JSON.stringify(this.sidecar(indexFile, sha256, generation)));
      // The commit point: before this rename the old sidecar still names the old index file.
      this.io.rename(tmpSidecar, sidecarPath);
      fsyncPath(this.dir);
    } catch (err) {
      for (const leftover of [tmpIndex, tmpSidecar, indexPath]) fs.rmSync(leftover, { force: true });
      throw new VectorIndexError(`could not save the vector index in ${this.dir}`, { cause: err });
    }
    this.generation = generation;
    this.removeOtherGenerations(base, indexFile);
    this.dirty = false;
    return true;
  }

  private sidecar(indexFile: string, sha256: string, generation: number): Sidecar {
    return {
      format: 1,
      modelId: this.meta.modelId,
      dim: this.meta.dim,
      indexFile,
      sha256,
      generation,
      nextLabel: this.nextLabel,
      entries: [...this.labels].map(([id, label]) => [id, label, this.hashes.get(id) ?? null]),
    };
  }

  /** Older generations, and any orphan of a save that crashed, are no longer named by the sidecar. */
  private removeOtherGenerations(base: string, keep: string): void {
    const generationFile = new RegExp(`^${base.replace(/[.]/g, '\\.')}-\\d+\\.hnsw(\\.tmp)?$`);
    for (const name of fs.readdirSync(this.dir)) {
      if (name !== keep && generationFile.test(name)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  private remember(id: string, label: number, hash: string | undefined): void {
    const previous = this.labels.get(id);
    if (previous !== undefined && previous !== label) this.idsByLabel.delete(previous);
    this.labels.set(id, label);
    this.idsByLabel.set(label, id);
    if (hash === undefined) this.hashes.delete(id);
    else this.hashes.set(id, hash);
  }

  /** Grows capacity geometrically; deleted slots count, as hnswlib only reuses them on add. */
  private reserve(extra: number): void {
    const needed = this.hnsw.getCurrentCount() + extra;
    const capacity = this.hnsw.getMaxElements();
    if (needed > capacity) this.hnsw.resizeIndex(Math.max(needed, capacity * 2));
  }
}
