import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../corpus/parse/index.ts';
import { buildTinyModel, TINY_MODEL_ID } from './embed/tiny-model.ts';
import { loadEmbedder } from './embed/transformers.ts';
import { createRetriever } from './retriever.ts';
import type { Embedder, Passage } from './types.ts';
import { VectorIndex } from './vector-index.ts';

/**
 * The dense lane end to end through the public retriever, on the tiny model built in code
 * (no weights can be downloaded here): the real tokenizer and ONNX runtime, the real hnswlib
 * index on disk, the five sample plans as the parser reads them.
 */
const PLANS = fileURLToPath(new URL('../corpus/plans/', import.meta.url));
const QUESTION = 'hoàn thuế giá trị gia tăng Nam Định';
const TARGET = 'nam-dinh-2024-nq02.txt#IV.2.5.e';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dense-e2e-'));
const modelsDir = path.join(root, 'models');
const indexDir = path.join(root, 'index');

/** The real embedder behind a counter, so a test can tell whether anything was (re-)embedded. */
class CountingEmbedder implements Embedder {
  queries = 0;
  passageTexts = 0;
  constructor(private readonly inner: Embedder) {}
  get modelId() {
    return this.inner.modelId;
  }
  get dim() {
    return this.inner.dim;
  }
  embedQueries(texts: string[]) {
    this.queries += texts.length;
    return this.inner.embedQueries(texts);
  }
  embedPassages(texts: string[]) {
    this.passageTexts += texts.length;
    return this.inner.embedPassages(texts);
  }
}

function samplePassages(): Passage[] {
  return fs.readdirSync(PLANS).filter((n) => n.endsWith('.txt')).sort().flatMap((name) => {
    const parsed = parseDocument(name, fs.readFileSync(path.join(PLANS, name), 'utf8'));
    const doc = { id: parsed.id, header: parsed.header };
    return parsed.clauses.map((clause) => ({ clause, doc }));
  });
}

let passages: Passage[];
let embedder: CountingEmbedder;

beforeAll(async () => {
  await buildTinyModel(modelsDir);
  const loaded = await loadEmbedder({ modelsDir, modelId: TINY_MODEL_ID });
  if (!loaded) throw new Error(`tiny model did not load from ${modelsDir}`);
  embedder = new CountingEmbedder(loaded);
  passages = samplePassages();
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('dense lane end to end on the tiny model', () => {
  it('finds the clause by meaning alone, saves, and answers again from disk without re-embedding', async () => {
    expect(passages.some((p) => p.clause.id === TARGET)).toBe(true);
    const vectors = VectorIndex.open(indexDir, { modelId: embedder.modelId, dim: embedder.dim });
    const retriever = createRetriever({ embedder, vectors });
    expect(retriever.denseAvailable).toBe(true);
    await retriever.sync(passages);
    expect(embedder.passageTexts).toBe(passages.length);
    expect(vectors.size).toBe(passages.length);

    const first = await retriever.search(QUESTION, { k: 5, lanes: ['dense'] });
    const hit = first.hits.find((h) => h.clauseId === TARGET);
    expect(hit, first.hits.map((h) => h.clauseId).join(', ')).toBeDefined();
    expect(hit?.section).toBe('IV.2.5.e');
    expect(hit?.lanes.dense).toEqual(expect.any(Number));
    // Dense alone: no lexical score leaks into the ranking.
    for (const h of first.hits) expect(h.lanes.lexical).toBeUndefined();
    expect(first.embedMs).toBeGreaterThan(0);
    expect(embedder.queries).toBe(1);
    vectors.save();

    const embeddedBefore = embedder.passageTexts;
    const reopened = VectorIndex.open(indexDir, { modelId: embedder.modelId, dim: embedder.dim });
    expect(reopened.discarded).toBeNull();
    expect(reopened.size).toBe(passages.length);
    const again = createRetriever({ embedder, vectors: reopened });
    // The stored vectors carry their text hashes: a sync of unchanged plans embeds nothing.
    await again.sync(passages);
    const second = await again.search(QUESTION, { k: 5, lanes: ['dense'] });
    expect(embedder.passageTexts).toBe(embeddedBefore);
    expect(embedder.queries).toBe(2);
    expect(second.hits.map((h) => h.clauseId)).toEqual(first.hits.map((h) => h.clauseId));
    expect(second.hits[0]?.lanes.dense).toBeCloseTo(first.hits[0]?.lanes.dense ?? Number.NaN, 5);
  });

  it('with an empty models dir runs lexical-only and still answers', async () => {
    const empty = path.join(root, 'empty-models');
    fs.mkdirSync(empty);
    const none = await loadEmbedder({ modelsDir: empty, modelId: TINY_MODEL_ID });
    expect(none).toBeNull();
    const lexicalOnly = createRetriever({ embedder: none, vectors: null });
    expect(lexicalOnly.denseAvailable).toBe(false);
    await lexicalOnly.sync(passages);
    const result = await lexicalOnly.search(QUESTION, { k: 5 });
    expect(result.answerable).toBe(true);
    expect(result.hits[0]?.clauseId).toBe(TARGET);
    expect(result.hits[0]?.lanes.dense).toBeUndefined();
    expect(result.embedMs).toBe(0);
  });
});
