import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../types.ts';
import { VectorIndex } from '../vector-index.ts';
import { EmbedError } from './errors.ts';
import { syncVectors } from './sync-vectors.ts';

/** Counts what it embeds; a text's vector points along the axis picked by its first letter. */
class CountingEmbedder implements Embedder {
  readonly modelId = 'fake/axis';
  readonly dim = 26;
  embedded: string[] = [];
  async embedQueries(texts: string[]) {
    return texts.map((t) => this.vector(t));
  }
  async embedPassages(texts: string[]) {
    this.embedded.push(...texts);
    return texts.map((t) => this.vector(t));
  }
  private vector(text: string) {
    const v = new Float32Array(this.dim).fill(0.01);
    v[(text.charCodeAt(0) - 97 + 26) % 26] = 1;
    return v.map((x) => x / Math.hypot(...v));
  }
}

let dir: string;
let embedder: CountingEmbedder;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-'));
  embedder = new CountingEmbedder();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const passages = (...texts: string[]) => texts.map((text, i) => ({ id: `p${i}`, text }));

describe('syncVectors', () => {
  it('embeds everything once, then nothing while the clauses are unchanged, also after a reload', async () => {
    const index = VectorIndex.open(dir, { modelId: embedder.modelId, dim: embedder.dim });
    expect(await syncVectors(index, embedder, passages('alpha', 'bravo', 'charlie'))).toEqual({ embedded: 3, removed: 0, unchanged: 0 });
    index.save();
    const reopened = VectorIndex.open(dir, index.meta);
    embedder.embedded = [];
    expect(await syncVectors(reopened, embedder, passages('alpha', 'bravo', 'charlie'))).toEqual({ embedded: 0, removed: 0, unchanged: 3 });
    expect(embedder.embedded).toEqual([]);
    expect(reopened.search(await embedder.embedQueries(['b']).then((v) => v[0]!), 1)[0]!.id).toBe('p1');
  });

  it('re-embeds a clause whose text changed and drops clauses that are gone', async () => {
    const index = VectorIndex.open(dir, { modelId: embedder.modelId, dim: embedder.dim });
    await syncVectors(index, embedder, passages('alpha', 'bravo', 'charlie'));
    embedder.embedded = [];
    const counts = await syncVectors(index, embedder, passages('alpha', 'delta'));
    expect(counts).toEqual({ embedded: 1, removed: 1, unchanged: 1 });
    expect(embedder.embedded).toEqual(['delta']);
    expect(index.ids().sort()).toEqual(['p0', 'p1']);
    const [d] = await embedder.embedQueries(['d']);
    expect(index.search(d!, 1)[0]!.id).toBe('p1');
  });

  it('refuses to mix vectors of another model into the index', async () => {
    const index = VectorIndex.open(dir, { modelId: 'other/model', dim: embedder.dim });
    await expect(syncVectors(index, embedder, passages('alpha'))).rejects.toThrow(EmbedError);
  });
});
