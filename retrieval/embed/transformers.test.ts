import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorIndex } from '../vector-index.ts';
import { syncVectors } from './sync-vectors.ts';
import { buildTinyModel } from './tiny-model.ts';
import { loadEmbedder, type LocalEmbedder } from './transformers.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

function capture() {
  const lines: Array<{ level: number; msg: string; path?: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

let root: string;
let embedder: LocalEmbedder;
let buildMs = 0;
let loadMs = 0;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'embed-'));
  let t = performance.now();
  const { modelId } = await buildTinyModel(root);
  buildMs = performance.now() - t;
  t = performance.now();
  const loaded = await loadEmbedder({ modelsDir: root, modelId });
  loadMs = performance.now() - t;
  if (!loaded) throw new Error('tiny model did not load');
  embedder = loaded;
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('loadEmbedder on the tiny model', () => {
  it('builds and loads quickly', () => {
    expect(buildMs).toBeLessThan(3000);
    expect(loadMs).toBeLessThan(3000);
    expect(embedder.dim).toBe(48);
  });

  it('returns unit vectors of the model dimension', async () => {
    const vectors = await embedder.embedPassages(['Sở Tài chính chủ trì', 'Ủy ban nhân dân tỉnh', '']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors.slice(0, 2)) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(embedder.dim);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    expect(await embedder.embedQueries([])).toEqual([]);
  });

  it('scores related texts above unrelated ones, with or without diacritics', async () => {
    const [q, same, folded, other] = await embedder.embedPassages([
      'Sở Tài chính chủ trì thẩm định dự toán',
      'Sở Tài chính thẩm định dự toán ngân sách',
      'so tai chinh chu tri tham dinh du toan',
      'chuyển đổi số trong trường học',
    ]);
    expect(dot(q!, same!)).toBeGreaterThan(dot(q!, other!) + 0.3);
    expect(dot(q!, folded!)).toBeGreaterThan(dot(q!, other!) + 0.3);
  });

  it('gives a text the same vector alone or padded in a batch larger than one forward pass', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `nhiệm vụ số ${i} về cải cách hành chính và chuyển đổi số`);
    texts[17] = 'ngắn';
    const batch = await embedder.embedPassages(texts);
    const [alone] = await embedder.embedPassages(['ngắn']);
    expect(dot(batch[17]!, alone!)).toBeCloseTo(1, 5);
    expect(embedder.lastForwardMs).toBeGreaterThan(0);
    expect(embedder.totalForwardMs).toBeGreaterThanOrEqual(embedder.lastForwardMs);
  });

  it('truncates texts longer than the model budget instead of failing', async () => {
    const long = 'kế hoạch '.repeat(2000);
    const [v] = await embedder.embedPassages([long]);
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 5);
  });

  it('adds e5 prefixes by model id', async () => {
    const texts = ['query passage kế hoạch tỉnh'];
    const e5 = await loadEmbedder({ modelsDir: root, modelId: (await buildTinyModel(root, { modelId: 'local/e5-tiny', texts })).modelId });
    const plain = await loadEmbedder({ modelsDir: root, modelId: (await buildTinyModel(root, { modelId: 'local/plain-tiny', texts })).modelId });
    const [asQuery] = await e5!.embedQueries(['kế hoạch tỉnh']);
    const [asPassage] = await e5!.embedPassages(['kế hoạch tỉnh']);
    const [query, passage] = await plain!.embedPassages(['query: kế hoạch tỉnh', 'passage: kế hoạch tỉnh']);
    expect(dot(asQuery!, query!)).toBeCloseTo(1, 5);
    expect(dot(asPassage!, passage!)).toBeCloseTo(1, 5);
    expect(dot(asQuery!, asPassage!)).toBeLessThan(0.999);
  });

  it('prefers onnx/model_quantized.onnx when present', async () => {
    const a = await buildTinyModel(root, { modelId: 'local/quant-a', seed: 1, texts: ['một hai ba'] });
    const b = await buildTinyModel(root, { modelId: 'local/quant-b', seed: 2, texts: ['một hai ba'] });
    fs.copyFileSync(path.join(b.dir, 'onnx/model.onnx'), path.join(a.dir, 'onnx/model_quantized.onnx'));
    const [fromA] = await (await loadEmbedder({ modelsDir: root, modelId: a.modelId }))!.embedPassages(['một hai']);
    const [fromB] = await (await loadEmbedder({ modelsDir: root, modelId: b.modelId }))!.embedPassages(['một hai']);
    expect(dot(fromA!, fromB!)).toBeCloseTo(1, 5);
  });
});

describe('the tiny model behind the vector index', () => {
  it('finds the clause a question is about, typed without diacritics', async () => {
    const index = VectorIndex.open(path.join(root, 'index'), { modelId: embedder.modelId, dim: embedder.dim });
    const clauses = [
      'Sở Tài chính chủ trì thẩm định dự toán ngân sách của các sở, ngành',
      'Sở Giáo dục và Đào tạo đẩy mạnh chuyển đổi số trong trường học',
      'Công an tỉnh triển khai cấp căn cước công dân gắn chíp',
      'Sở Nông nghiệp và Phát triển nông thôn hướng dẫn xây dựng nông thôn mới',
    ];
    await syncVectors(index, embedder, clauses.map((text, i) => ({ id: `c${i}`, text })));
    const [q] = await embedder.embedQueries(['so giao duc chuyen doi so truong hoc']);
    expect(index.search(q!, 4)[0]!.id).toBe('c1');
  });
});

describe('loadEmbedder without a usable model', () => {
  it('returns null and warns once, naming the path, when the folder is missing', async () => {
    const { logger, lines } = capture();
    expect(await loadEmbedder({ modelsDir: path.join(root, 'nowhere'), modelId: 'Xenova/multilingual-e5-small', logger })).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(40);
    expect(lines[0]!.msg).toContain(path.join(root, 'nowhere', 'Xenova', 'multilingual-e5-small'));
  });

  it('returns null for a folder without the onnx file', async () => {
    const { modelId, dir } = await buildTinyModel(root, { modelId: 'local/no-onnx', texts: ['a b'] });
    fs.rmSync(path.join(dir, 'onnx'), { recursive: true });
    const { logger, lines } = capture();
    expect(await loadEmbedder({ modelsDir: root, modelId, logger })).toBeNull();
    expect(lines.map((l) => l.level)).toEqual([40]);
    expect(lines[0]!.msg).toContain('onnx/model.onnx');
  });

  it('returns null with an error line carrying the cause for a corrupt model', async () => {
    const { modelId, dir } = await buildTinyModel(root, { modelId: 'local/corrupt', texts: ['a b'] });
    fs.writeFileSync(path.join(dir, 'onnx/model.onnx'), 'not a protobuf at all');
    const { logger, lines } = capture();
    expect(await loadEmbedder({ modelsDir: root, modelId, logger })).toBeNull();
    expect(lines.map((l) => l.level)).toEqual([50]);
    expect(lines[0]!.msg).toMatch(/failed to load \(.+\)/);
  });
});
