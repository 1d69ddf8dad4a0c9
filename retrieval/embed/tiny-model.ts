/**
 * Builds a tiny transformers.js-loadable embedding model in code, because model weights
 * cannot be downloaded where tests run. `npm run models:tiny -- [--out DIR]` writes it
 * into a MODELS_DIR-like folder; tests call `buildTinyModel` into a temp dir.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { embeddingTable, encoderModelBytes } from './tiny-onnx.ts';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './tiny-vocab.ts';

export const TINY_MODEL_ID = 'local/tiny-vi-embed';

export interface TinyModelOptions {
  /** Texts the vocabulary is learnt from (default: the sample plans in corpus/plans). */
  texts?: string[];
  dim?: number;
  vocabSize?: number;
  seed?: number;
  modelId?: string;
}

const DEFAULT_DIM = 48;
const DEFAULT_VOCAB = 4000;
/** A bag of words has no position limit; this only bounds the work per passage. */
const MAX_TOKENS = 256;

const PLANS_DIR = fileURLToPath(new URL('../../corpus/plans/', import.meta.url));

async function samplePlanTexts(): Promise<string[]> {
  const names = (await fs.readdir(PLANS_DIR)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map((n) => fs.readFile(path.join(PLANS_DIR, n), 'utf8')));
}

function configJson(vocabSize: number, dim: number): object {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    vocab_size: vocabSize,
    hidden_size: dim,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: dim,
    max_position_embeddings: MAX_TOKENS,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
}

export async function buildTinyModel(
  outDir: string,
  opts: TinyModelOptions = {},
): Promise<{ modelId: string; dir: string }> {
  const modelId = opts.modelId ?? TINY_MODEL_ID;
  const dim = opts.dim ?? DEFAULT_DIM;
  const seed = opts.seed ?? 1;
  const texts = opts.texts ?? (await samplePlanTexts());
  const vocab = buildVocab(texts, opts.vocabSize ?? DEFAULT_VOCAB);
  const onnxBytes = encoderModelBytes(embeddingTable(vocab, dim, seed), vocab.length, dim);

  const dir = path.join(outDir, ...modelId.split('/'));
  await fs.mkdir(path.join(dir, 'onnx'), { recursive: true });
  const writeJson = (name: string, value: object) =>
    fs.writeFile(path.join(dir, name), `${JSON.stringify(value, null, 1)}\n`);
  await Promise.all([
    writeJson('config.json', configJson(vocab.length, dim)),
    writeJson('tokenizer.json', tokenizerJson(vocab)),
    writeJson('tokenizer_config.json', tokenizerConfigJson(MAX_TOKENS)),
    // Only the fp32 name: the loader falls back to it when no quantized file is present.
    fs.writeFile(path.join(dir, 'onnx', 'model.onnx'), onnxBytes),
  ]);
  return { modelId, dir };
}

async function main(argv: string[]): Promise<void> {
  const opts = new Command('models:tiny')
    .description('build the tiny test embedding model into a models folder')
    .option('--out <dir>', 'models folder (<org>/<name>/ is created inside)', './models')
    .option('--dim <n>', 'vector dimension', String(DEFAULT_DIM))
    .parse(argv)
    .opts<{ out: string; dim: string }>();
  const started = performance.now();
  const built = await buildTinyModel(path.resolve(opts.out), { dim: Number(opts.dim) });
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify({ ...built, ms })}\n`);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv).catch((err: unknown) => {
    process.stderr.write(`models:tiny failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
