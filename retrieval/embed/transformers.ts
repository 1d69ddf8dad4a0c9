/**
 * The local embedding model on transformers.js 2.17 + onnxruntime-node. Loads only from
 * MODELS_DIR, never the network; a missing or broken model yields `null` so the assistant
 * runs lexical-only instead of failing or inventing vectors.
 */
import { AutoModel, AutoTokenizer, env } from '@xenova/transformers';
import type { Logger } from 'pino';
import { nfc } from '../normalize.ts';
import type { Embedder } from '../types.ts';
import { EmbedError } from './errors.ts';
import { checkModelFolder, modelDir } from './model-files.ts';
import { modelSpec, type ModelSpec } from './model-spec.ts';
import { clsPool, meanPool } from './pooling.ts';

export interface LoadEmbedderOptions {
  modelsDir: string;
  modelId: string;
  logger?: Logger;
  /** Texts per forward pass (default 16): bounds memory on long plans. */
  batchSize?: number;
}

interface TensorLike {
  data: ArrayLike<number | bigint>;
  dims: number[];
}
type Tokenize = (texts: string[], opts: object) => Record<string, TensorLike>;
type Forward = (inputs: Record<string, TensorLike>) => Promise<Record<string, TensorLike | undefined>>;

/** An Embedder that also reports how long the model itself ran, apart from the rest of search. */
export class LocalEmbedder implements Embedder {
  /** Milliseconds in forward passes during the last embed call. */
  lastForwardMs = 0;
  /** Milliseconds in forward passes since load. */
  totalForwardMs = 0;

  constructor(
    readonly modelId: string,
    readonly dim: number,
    private readonly tokenize: Tokenize,
    private readonly forward: Forward,
    private readonly spec: ModelSpec,
    private readonly batchSize: number,
  ) {}

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts, this.spec.queryPrefix);
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts, this.spec.passagePrefix);
  }

  private async embed(texts: string[], prefix: string): Promise<Float32Array[]> {
    this.lastForwardMs = 0;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize).map((t) => prefix + nfc(t));
      out.push(...(await this.embedBatch(batch)));
    }
    return out;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    let inputs: Record<string, TensorLike>;
    let outputs: Record<string, TensorLike | undefined>;
    let started = 0;
    try {
      // No max_length: the batch pads to its longest text, capped at model_max_length.
      inputs = this.tokenize(texts, { padding: true, truncation: true });
      started = performance.now();
      outputs = await this.forward(inputs);
    } catch (err) {
      throw new EmbedError(`${this.modelId} failed on a batch of ${texts.length} texts`, { cause: err });
    } finally {
      const ms = started > 0 ? performance.now() - started : 0;
      this.lastForwardMs += ms;
      this.totalForwardMs += ms;
    }
    const hidden = outputs.last_hidden_state;
    const mask = inputs.attention_mask;
    if (!hidden || hidden.dims.length !== 3 || !mask) {
      throw new EmbedError(`${this.modelId} returned no last_hidden_state [batch, seq, dim]`);
    }
    const state = { data: hidden.data as Float32Array, dims: hidden.dims as [number, number, number] };
    return this.spec.pooling === 'cls' ? clsPool(state) : meanPool(state, mask.data);
  }
}

/** Points transformers.js at the models folder and forbids downloads; it is a process-wide setting. */
function localOnly(modelsDir: string): void {
  env.localModelPath = modelsDir.endsWith('/') ? modelsDir : `${modelsDir}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.useBrowserCache = false;
}

async function construct(opts: LoadEmbedderOptions, quantized: boolean): Promise<LocalEmbedder> {
  const spec = modelSpec(opts.modelId);
  const tokenizer = await AutoTokenizer.from_pretrained(opts.modelId, { local_files_only: true });
  // Some tokenizer configs say 1e30 (no limit); the spec's budget bounds the work per text.
  tokenizer.model_max_length = Math.min(Number(tokenizer.model_max_length) || Infinity, spec.maxTokens);
  const model = await AutoModel.from_pretrained(opts.modelId, { local_files_only: true, quantized });
  const tokenize: Tokenize = (texts, o) => tokenizer(texts, o);
  const forward: Forward = (inputs) => model(inputs);
  const probe = new LocalEmbedder(opts.modelId, 0, tokenize, forward, spec, opts.batchSize ?? 16);
  // One real forward pass finds the dimension and proves the model runs before anyone relies on it.
  const [vector] = await probe.embedPassages(['kiểm tra mô hình']);
  if (!vector || vector.length === 0) throw new EmbedError(`${opts.modelId} produced an empty vector`);
  return new LocalEmbedder(opts.modelId, vector.length, tokenize, forward, spec, opts.batchSize ?? 16);
}

/**
 * The model `<modelsDir>/<org>/<name>/` as an Embedder, or null (with one log line) when the
 * folder is missing, incomplete or the model fails to load.
 */
export async function loadEmbedder(opts: LoadEmbedderOptions): Promise<LocalEmbedder | null> {
  const dir = modelDir(opts.modelsDir, opts.modelId);
  const check = checkModelFolder(dir);
  if (!check.complete) {
    opts.logger?.warn(
      { model: opts.modelId, path: dir, missing: check.missing },
      `embedding model not found at ${dir} (missing ${check.missing.join(', ')}): running lexical-only`,
    );
    return null;
  }
  localOnly(opts.modelsDir);
  const started = performance.now();
  try {
    const embedder = await construct(opts, check.quantized);
    opts.logger?.info(
      { model: opts.modelId, dim: embedder.dim, quantized: check.quantized, ms: Math.round(performance.now() - started) },
      'embedding model loaded',
    );
    return embedder;
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    opts.logger?.error(
      { model: opts.modelId, path: dir, err },
      `embedding model at ${dir} failed to load (${cause}): running lexical-only`,
    );
    return null;
  }
}
