import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelFetchError } from './errors.ts';
import { fetchModel } from './hub.ts';
import { buildTinyModel } from './tiny-model.ts';
import { loadEmbedder } from './transformers.ts';

const MODEL = 'local/tiny-vi-embed';
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

/** A fake HuggingFace hub on 127.0.0.1: a tree listing and file downloads with Range support. */
interface FakeHub {
  url: string;
  requests: Array<{ path: string; range?: string }>;
  /** Files served with one byte flipped, while the listing keeps the true checksum. */
  corrupt: Set<string>;
  close(): Promise<void>;
}

function gitBlobId(bytes: Buffer): string {
  return crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

async function startHub(files: Map<string, Buffer>): Promise<FakeHub> {
  const hub = { requests: [], corrupt: new Set<string>() } as unknown as FakeHub;
  const tree = [...files].map(([p, bytes]) =>
    p.endsWith('.onnx')
      ? { type: 'file', path: p, size: bytes.length, oid: gitBlobId(Buffer.from('pointer')), lfs: { oid: crypto.createHash('sha256').update(bytes).digest('hex'), size: bytes.length, pointerSize: 134 } }
      : { type: 'file', path: p, size: bytes.length, oid: gitBlobId(bytes) },
  );
  tree.push({ type: 'directory', path: 'onnx', size: 0, oid: 'x' });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hub.requests.push({ path: url.pathname, ...(req.headers.range ? { range: req.headers.range } : {}) });
    if (url.pathname === `/api/models/${MODEL}/tree/main`) {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(tree));
    }
    const prefix = `/${MODEL}/resolve/main/`;
    let bytes = url.pathname.startsWith(prefix) ? files.get(url.pathname.slice(prefix.length)) : undefined;
    if (!bytes) return res.writeHead(404).end('not found');
    if (hub.corrupt.has(url.pathname.slice(prefix.length))) bytes = Buffer.concat([bytes.subarray(0, 10), Buffer.from([bytes[10]! ^ 0xff]), bytes.subarray(11)]);
    const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (from > 0) res.writeHead(206, { 'content-range': `bytes ${from}-${bytes.length - 1}/${bytes.length}` });
    res.end(bytes.subarray(from));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hub.close = () => new Promise((resolve) => server.close(() => resolve()));
  return hub;
}

let tmp: string;
let hub: FakeHub;
let modelsDir: string;
let served: Map<string, Buffer>;
const downloads = () => hub.requests.filter((r) => r.path.includes('/resolve/'));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-'));
  const { dir } = await buildTinyModel(path.join(tmp, 'source'), { modelId: MODEL });
  // The hub serves the fp32 weights under the quantized name, as a real e5 repo names them.
  served = new Map(FILES.map((f) => [f, fs.readFileSync(path.join(dir, f === FILES[3] ? 'onnx/model.onnx' : f))]));
  hub = await startHub(served);
});
afterAll(async () => {
  await hub.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  modelsDir = fs.mkdtempSync(path.join(tmp, 'models-'));
  hub.requests.length = 0;
  hub.corrupt.clear();
});

describe('fetchModel against a fake hub', () => {
  it('downloads the needed files, writes SHA256SUMS, and the result loads', async () => {
    const { dir, files } = await fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url });
    expect(files.map((f) => [f.path, f.status])).toEqual(FILES.map((f) => [f, 'downloaded']));
    for (const f of FILES) expect(fs.readFileSync(path.join(dir, f)).equals(served.get(f)!)).toBe(true);
    const sums = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8');
    const onnxSha = crypto.createHash('sha256').update(served.get(FILES[3]!)!).digest('hex');
    expect(sums).toContain(`${onnxSha}  onnx/model_quantized.onnx\n`);
    expect(sums.trim().split('\n')).toHaveLength(4);
    const embedder = await loadEmbedder({ modelsDir, modelId: MODEL });
    expect(embedder?.dim).toBe(48);
  });

  it('skips files already present with a matching hash and replaces a damaged one', async () => {
    await fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url });
    hub.requests.length = 0;
    const again = await fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url });
    expect(again.files.every((f) => f.status === 'present')).toBe(true);
    expect(downloads()).toEqual([]);

    fs.writeFileSync(path.join(again.dir, 'tokenizer.json'), '{}');
    const repaired = await fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url });
    expect(repaired.files.find((f) => f.path === 'tokenizer.json')?.status).toBe('downloaded');
    expect(downloads().map((r) => r.path)).toEqual([`/${MODEL}/resolve/main/tokenizer.json`]);
  });

  it('resumes an interrupted download from its .part file', async () => {
    const onnx = served.get(FILES[3]!)!;
    const dir = path.join(modelsDir, MODEL);
    fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'onnx/model_quantized.onnx.part'), onnx.subarray(0, 1000));
    const { files } = await fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url });
    expect(files.find((f) => f.path === FILES[3])?.status).toBe('resumed');
    expect(downloads().find((r) => r.path.endsWith('.onnx'))?.range).toBe('bytes=1000-');
    expect(fs.readFileSync(path.join(dir, FILES[3]!)).equals(onnx)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'onnx/model_quantized.onnx.part'))).toBe(false);
  });

  it('deletes a download whose checksum does not match and says which file', async () => {
    hub.corrupt.add(FILES[3]!);
    const failure = fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url });
    await expect(failure).rejects.toThrow(ModelFetchError);
    await expect(failure).rejects.toThrow(/onnx\/model_quantized\.onnx .*failed verification/);
    const dir = path.join(modelsDir, MODEL);
    expect(fs.existsSync(path.join(dir, FILES[3]!))).toBe(false);
    expect(fs.existsSync(path.join(dir, `${FILES[3]}.part`))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'SHA256SUMS'))).toBe(false);
  });

  it('verifies small files too, by their git blob id', async () => {
    hub.corrupt.add('config.json');
    await expect(fetchModel({ modelId: MODEL, modelsDir, hubUrl: hub.url })).rejects.toThrow(/config\.json .*failed verification/);
  });

  it('names the missing model and rejects path-like ids', async () => {
    await expect(fetchModel({ modelId: 'nobody/none', modelsDir, hubUrl: hub.url })).rejects.toThrow(/404/);
    await expect(fetchModel({ modelId: '../etc', modelsDir, hubUrl: hub.url })).rejects.toThrow(/org\/name/);
  });
});
