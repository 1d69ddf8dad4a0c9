/**
 * The dense lane: question and passages embedded by the model, nearest passages found in the
 * vector index (vector-index.ts). `VectorIndexLike` names only what this lane calls, so tests
 * and other indexes fit too.
 */
import { syncVectors, upsertVectors, type SyncableIndex, type SyncCounts } from './embed/sync-vectors.ts';
import { DenseLaneError } from './errors.ts';
import type { Embedder } from './types.ts';
import type { IdFilter } from './vector-index.ts';

export type { IdFilter } from './vector-index.ts';

export interface VectorIndexLike extends SyncableIndex {
  /**
   * Nearest ids to a unit vector, best first, among the ids `filter` allows: a set of ids (lets
   * the index scan a small scope exactly) or a predicate.
   */
  search(vector: Float32Array, k: number, filter?: IdFilter): Array<{ id: string; score: number }>;
}

/** What the model reads of a passage: its headings give a bare point ("e) ...") its topic. */
export function denseText(breadcrumb: readonly string[], text: string): string {
  return breadcrumb.length > 0 ? `${breadcrumb.join(' > ')}\n${text}` : text;
}

export class DenseLane {
  constructor(
    private readonly embedder: Embedder,
    private readonly vectors: VectorIndexLike,
  ) {}

  /** Makes the index hold exactly `passages`, embedding only new or changed text. */
  async sync(passages: ReadonlyArray<{ id: string; text: string }>): Promise<SyncCounts> {
    try {
      return await syncVectors(this.vectors, this.embedder, passages);
    } catch (err) {
      throw new DenseLaneError(`could not update the vector index with ${this.embedder.modelId}`, { cause: err });
    }
  }

  /** Embeds the passages whose text is new or changed; the rest of the index is left alone. */
  async update(passages: ReadonlyArray<{ id: string; text: string }>): Promise<number> {
    try {
      return await upsertVectors(this.vectors, this.embedder, passages);
    } catch (err) {
      throw new DenseLaneError(`could not update the vector index with ${this.embedder.modelId}`, { cause: err });
    }
  }

  /** Drops vectors of passages no longer indexed; returns the live passages that have none yet. */
  prune(live: ReadonlySet<string>): string[] {
    const held = this.vectors.ids();
    this.vectors.remove(held.filter((id) => !live.has(id)));
    const has = new Set(held);
    return [...live].filter((id) => !has.has(id));
  }

  async search(question: string, k: number, filter?: IdFilter) {
    const started = performance.now();
    let vector: Float32Array | undefined;
    try {
      [vector] = await this.embedder.embedQueries([question]);
    } catch (err) {
      throw new DenseLaneError(`could not embed the question with ${this.embedder.modelId}`, { cause: err });
    }
    const embedMs = performance.now() - started;
    if (!vector) return { hits: [], embedMs };
    return { hits: this.vectors.search(vector, k, filter), embedMs };
  }
}
