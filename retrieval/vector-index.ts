/**
 * Persistent nearest-neighbour index of clause vectors (hnswlib, cosine), one per embedding
 * model. On disk: `vectors-<model>.json` (the sidecar: model, dim, clause id ↔ label map,
 * the index file's name and sha256) and `vectors-<model>-<generation>.hnsw`. A save writes a
 * new generation and commits by renaming the sidecar, so a crash at any point leaves the old
 * pair whole; a sidecar whose checksum does not match its index file is not trusted and the
 * index starts empty (to be rebuilt by syncVectors).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { z } from 'zod';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export class VectorIndexError extends Error {
  override name = 'VectorIndexError';
}

export interface VectorIndexMeta {
  modelId: string;
  dim: number;
}

/** File operations save() uses; tests replace one to fail midway. */
export interface IndexIo {
  writeFile(file: string, data: string): void;
  rename(from: string, to: string): void;
}

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

const sidecarSchema = z.object({
  format: z.literal(1),
  modelId: z.string(),
  dim: z.number().int().positive(),
  indexFile: z.string(),
  sha256: z.string(),
  generation: z.number().int().nonnegative(),
  nextLabel: z.number().int().nonnegative(),
  entries: z.array(z.tuple([z.string(), z.number().int().nonnegative(), z.string().nullable()])),
});
type Sidecar = z.infer<typeof sidecarSchema>;

const defaultIo: IndexIo = {
  writeFile(file, data) {
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
};

/** A model id as a file-name part: "Xenova/multilingual-e5-small" → "Xenova__multilingual-e5-small". */
export function safeModelId(modelId: string): string {
  return modelId.replace(/\//g, '__').replace(/[^\w.-]/g, '_');
}

function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function fsyncPath(target: string, flags: 'r' | 'r+' = 'r'): void {
  const fd = fs.openSync(target, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function emptyHnsw(dim: number): Hnsw {
  const hnsw = new HierarchicalNSW('cosine', dim);
  hnsw.initIndex({ maxElements: INITIAL_CAPACITY, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: SEED, allowReplaceDeleted: true });
  return hnsw;
}

export class VectorIndex {
  private readonly labels = new Map<string, number>();
  private readonly idsByLabel = new Map<number, string>();
  private readonly hashes = new Map<string, string>();
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
  ) {}

  /** The stored index for this model, or an empty one when none (or none trustworthy) is stored. */
  static open(dir: string, meta: VectorIndexMeta, opts: { io?: Partial<IndexIo> } = {}): VectorIndex {
    const io = { ...defaultIo, ...opts.io };
    const sidecarPath = path.join(dir, `vectors-${safeModelId(meta.modelId)}.json`);
    const fresh = (reason: string | null) => new VectorIndex(dir, meta, emptyHnsw(meta.dim), 0, 0, reason, io);
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
    const index = new VectorIndex(dir, meta, hnsw, sidecar.generation, sidecar.nextLabel, null, io);
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
      this.remember(item.id, label, item.textHash);
      this.dirty = true;
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const label = this.labels.get(id);
      if (label === undefined) continue;
      this.hnsw.markDelete(label);
      this.labels.delete(id);
      this.idsByLabel.delete(label);
      this.hashes.delete(id);
      this.dirty = true;
    }
  }

  /** The k nearest clause ids by cosine similarity (higher is closer), best first. */
  search(vector: Float32Array, k: number, filter?: (id: string) => boolean): Array<{ id: string; score: number }> {
    if (vector.length !== this.meta.dim) {
      throw new VectorIndexError(`query has ${vector.length} dimensions, the index ${this.meta.dim}`);
    }
    const wanted = Math.min(Math.floor(k), this.size);
    if (wanted <= 0) return [];
    this.hnsw.setEf(Math.max(EF_SEARCH, wanted));
    const accept = (label: number) => {
      const id = this.idsByLabel.get(label);
      return id !== undefined && (filter === undefined || filter(id));
    };
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(vector), wanted, accept);
    const hits: Array<{ id: string; score: number }> = [];
    neighbors.forEach((label, i) => {
      const id = this.idsByLabel.get(label);
      if (id !== undefined) hits.push({ id, score: 1 - (distances[i] ?? 1) });
    });
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
