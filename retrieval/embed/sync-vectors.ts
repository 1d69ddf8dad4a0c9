/**
 * Brings a vector index in line with the current clauses: embeds only what is new or whose
 * text changed (by hash), drops what is gone. Restarting the bot on an unchanged corpus
 * embeds nothing.
 */
import crypto from 'node:crypto';
import type { Embedder } from '../types.ts';
import type { VectorItem } from '../vector-index.ts';
import { EmbedError } from './errors.ts';

/** What syncVectors needs of an index (VectorIndex fits). */
export interface SyncableIndex {
  readonly meta: { modelId: string; dim: number };
  ids(): string[];
  textHash(id: string): string | undefined;
  upsert(items: readonly VectorItem[]): void;
  remove(ids: readonly string[]): void;
}

export interface SyncCounts {
  embedded: number;
  removed: number;
  unchanged: number;
}

/** Passages per embedPassages call; the embedder batches forward passes further itself. */
const BATCH = 64;

export function textHash(text: string): string {
  return crypto.createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 16);
}

/** Embeds and stores the items whose text is new or changed (by hash); leaves every other vector alone. */
export async function upsertVectors(index: SyncableIndex, embedder: Embedder, items: ReadonlyArray<{ id: string; text: string }>): Promise<number> {
  checkModel(index, embedder);
  const todo = items.filter((p) => index.textHash(p.id) !== textHash(p.text)).map((p) => [p.id, p.text] as const);
  for (let i = 0; i < todo.length; i += BATCH) {
    const batch = todo.slice(i, i + BATCH);
    const vectors = await embedder.embedPassages(batch.map(([, text]) => text));
    index.upsert(
      batch.map(([id, text], j) => {
        const vector = vectors[j];
        if (!vector) throw new EmbedError(`${embedder.modelId} returned ${vectors.length} vectors for ${batch.length} passages`);
        return { id, vector, textHash: textHash(text) };
      }),
    );
  }
  return todo.length;
}

function checkModel(index: SyncableIndex, embedder: Embedder): void {
  if (index.meta.modelId !== embedder.modelId || index.meta.dim !== embedder.dim) {
    throw new EmbedError(
      `index holds ${index.meta.modelId} (dim ${index.meta.dim}) vectors, the embedder is ${embedder.modelId} (dim ${embedder.dim})`,
    );
  }
}

export async function syncVectors(
  index: SyncableIndex,
  embedder: Embedder,
  passages: ReadonlyArray<{ id: string; text: string }>,
): Promise<SyncCounts> {
  checkModel(index, embedder);
  const current = new Map(passages.map((p) => [p.id, p.text]));
  const gone = index.ids().filter((id) => !current.has(id));
  index.remove(gone);
  const embedded = await upsertVectors(index, embedder, passages);
  return { embedded, removed: gone.length, unchanged: current.size - embedded };
}
