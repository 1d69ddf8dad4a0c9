/**
 * Downloads one transformers.js model from a HuggingFace-compatible hub into
 * `<modelsDir>/<org>/<name>/`: only the files the loader needs, each verified (LFS files by
 * the sha256 the hub lists, small files by their git blob id), written to `*.part` first and
 * resumed with a Range request after an interruption. Used by `npm run models:fetch` on a
 * machine with internet; tests point it at a fake hub on 127.0.0.1.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ModelFetchError } from './errors.ts';
import { FP32_ONNX, OPTIONAL_FILES, QUANTIZED_ONNX, REQUIRED_FILES, modelDir } from './model-files.ts';

export const DEFAULT_HUB = 'https://huggingface.co';

/** Per-file progress; the CLI draws cli-progress bars, tests pass nothing. */
export interface FetchProgress {
  start(file: string, totalBytes: number, startBytes: number): void;
  advance(bytes: number): void;
  stop(): void;
}

export interface FetchModelOptions {
  modelId: string;
  modelsDir: string;
  hubUrl?: string;
  revision?: string;
  progress?: FetchProgress;
  fetch?: typeof fetch;
}

export interface FetchedFile {
  path: string;
  sha256: string;
  bytes: number;
  status: 'downloaded' | 'resumed' | 'present';
}

const treeSchema = z.array(
  z.object({
    type: z.string(),
    path: z.string(),
    size: z.number().optional(),
    oid: z.string().optional(),
    lfs: z.object({ oid: z.string(), size: z.number() }).optional(),
  }),
);
type TreeEntry = z.infer<typeof treeSchema>[number];

/** "org/name" with no path tricks: it becomes two folder names. */
const MODEL_ID = /^\w[\w.-]*\/\w[\w.-]*$/;

async function getJson(url: string, doFetch: typeof fetch): Promise<{ body: unknown; next: string | null }> {
  let res: Response;
  try {
    res = await doFetch(url);
  } catch (err) {
    throw new ModelFetchError(`could not reach ${url}`, { cause: err });
  }
  if (!res.ok) throw new ModelFetchError(`GET ${url} answered ${res.status} ${res.statusText}`);
  // The hub pages long listings with a Link: <url>; rel="next" header.
  const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  return { body: await res.json(), next };
}

async function listFiles(opts: Required<Pick<FetchModelOptions, 'hubUrl' | 'revision' | 'modelId'>>, doFetch: typeof fetch): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  let url: string | null = `${opts.hubUrl}/api/models/${opts.modelId}/tree/${opts.revision}?recursive=true`;
  while (url) {
    const page: { body: unknown; next: string | null } = await getJson(url, doFetch);
    const parsed = treeSchema.safeParse(page.body);
    if (!parsed.success) throw new ModelFetchError(`unexpected file listing from ${url}`, { cause: parsed.error });
    entries.push(...parsed.data.filter((e) => e.type === 'file'));
    url = page.next ? new URL(page.next, opts.hubUrl).href : null;
  }
  return entries;
}

/** The files the loader needs, as listed by the hub; the quantized weights when the hub has them. */
export function selectFiles(entries: readonly TreeEntry[], modelId: string): TreeEntry[] {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const weights = byPath.get(QUANTIZED_ONNX) ?? byPath.get(FP32_ONNX);
  const wanted = [...REQUIRED_FILES, ...OPTIONAL_FILES.filter((f) => byPath.has(f))];
  const found = wanted.flatMap((f) => byPath.get(f) ?? []);
  const missing: string[] = REQUIRED_FILES.filter((f) => !byPath.has(f));
  if (!weights) missing.push(`${QUANTIZED_ONNX} or ${FP32_ONNX}`);
  if (!weights || missing.length > 0) throw new ModelFetchError(`${modelId} on the hub lacks ${missing.join(', ')}`);
  return [...found, weights];
}

async function hashFile(file: string, algorithm: 'sha256' | 'sha1', prefix?: string): Promise<string> {
  const hash = crypto.createHash(algorithm);
  if (prefix) hash.update(prefix);
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Whether the file's bytes are the ones the hub listed: sha256 for LFS files, git's blob sha1 otherwise. */
async function verify(file: string, entry: TreeEntry): Promise<{ ok: boolean; sha256: string; expected: string | null }> {
  const sha256 = await hashFile(file, 'sha256');
  if (entry.lfs) return { ok: sha256 === entry.lfs.oid, sha256, expected: entry.lfs.oid };
  if (entry.oid && /^[0-9a-f]{40}$/.test(entry.oid)) {
    const size = fs.statSync(file).size;
    const blob = await hashFile(file, 'sha1', `blob ${size}\0`);
    return { ok: blob === entry.oid, sha256, expected: entry.oid };
  }
  return { ok: true, sha256, expected: null };
}

async function download(url: string, part: string, entry: TreeEntry, opts: FetchModelOptions): Promise<boolean> {
  const doFetch = opts.fetch ?? fetch;
  const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
  let res: Response;
  try {
    res = await doFetch(url, have > 0 ? { headers: { Range: `bytes=${have}-` } } : {});
  } catch (err) {
    throw new ModelFetchError(`could not download ${url}`, { cause: err });
  }
  // 416: the part file already holds every byte; the checksum decides whether it is right.
  if (res.status === 416 && have > 0) return true;
  if (!res.ok || !res.body) throw new ModelFetchError(`GET ${url} answered ${res.status} ${res.statusText}`);
  const resumed = res.status === 206 && have > 0;
  const total = entry.lfs?.size ?? entry.size ?? Number(res.headers.get('content-length') ?? 0) + (resumed ? have : 0);
  opts.progress?.start(entry.path, total, resumed ? have : 0);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      opts.progress?.advance(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as never), counter, fs.createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  } catch (err) {
    throw new ModelFetchError(`download of ${url} was interrupted (kept ${part} to resume)`, { cause: err });
  } finally {
    opts.progress?.stop();
  }
  return resumed;
}

async function fetchFile(entry: TreeEntry, dir: string, opts: FetchModelOptions & { hubUrl: string; revision: string }): Promise<FetchedFile> {
  const target = path.join(dir, ...entry.path.split('/'));
  if (fs.existsSync(target)) {
    const present = await verify(target, entry);
    if (present.ok) return { path: entry.path, sha256: present.sha256, bytes: fs.statSync(target).size, status: 'present' };
    fs.rmSync(target);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  const url = `${opts.hubUrl}/${opts.modelId}/resolve/${opts.revision}/${entry.path}`;
  const resumed = await download(url, part, entry, opts);
  const check = await verify(part, entry);
  if (!check.ok) {
    fs.rmSync(part, { force: true });
    throw new ModelFetchError(
      `${entry.path} of ${opts.modelId} failed verification (expected ${check.expected}, got sha256 ${check.sha256}); the file was deleted, run again`,
    );
  }
  fs.renameSync(part, target);
  return { path: entry.path, sha256: check.sha256, bytes: fs.statSync(target).size, status: resumed ? 'resumed' : 'downloaded' };
}

/** `sha256sum -c` format, so the folder can be checked by hand on an offline machine. */
function writeSums(dir: string, files: readonly FetchedFile[]): void {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${f.sha256}  ${f.path}\n`);
  const tmp = path.join(dir, 'SHA256SUMS.tmp');
  fs.writeFileSync(tmp, lines.join(''));
  fs.renameSync(tmp, path.join(dir, 'SHA256SUMS'));
}

export async function fetchModel(opts: FetchModelOptions): Promise<{ dir: string; files: FetchedFile[] }> {
  if (!MODEL_ID.test(opts.modelId)) throw new ModelFetchError(`model id must look like "org/name", got "${opts.modelId}"`);
  const full = { ...opts, hubUrl: (opts.hubUrl ?? DEFAULT_HUB).replace(/\/+$/, ''), revision: opts.revision ?? 'main' };
  const entries = selectFiles(await listFiles(full, opts.fetch ?? fetch), opts.modelId);
  const dir = modelDir(opts.modelsDir, opts.modelId);
  const files: FetchedFile[] = [];
  for (const entry of entries) files.push(await fetchFile(entry, dir, full));
  writeSums(dir, files);
  return { dir, files };
}
