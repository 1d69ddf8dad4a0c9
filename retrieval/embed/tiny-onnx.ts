/**
 * The tiny test model's weights and ONNX graph. A bag-of-words encoder: each token's row of a
 * seeded embedding table, zeroed at padding, so mean pooling gives texts sharing words close
 * vectors. Real enough for transformers.js + onnxruntime to load and run; tells nothing about
 * the quality of a real model.
 */
import onnxProto from 'onnx-proto';
import { fold } from '../normalize.ts';
import { SPECIAL_TOKENS } from './tiny-vocab.ts';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** Weight of a word's own direction against the direction it shares with its folded spelling. */
const OWN = 0.6;
const SHARED = 0.8;
/** Single characters and word pieces speak softly: they spell rare words, they should not dominate. */
const PIECE_SCALE = 0.25;
/** [CLS]/[SEP] sit in every text; a large vector there would make all texts look alike. */
const SPECIAL_SCALE = 0.05;

/** FNV-1a, to turn (seed, token) into a PRNG seed. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: small, fast, deterministic across platforms. */
function prng(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit vector drawn from a standard normal seeded by `key` (Box–Muller). */
export function seededDirection(key: string, dim: number, seed: number): Float32Array {
  const rand = prng(hash(key, seed));
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    const u = Math.max(rand(), 1e-12);
    v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  }
  return scaleTo(v, 1);
}

function scaleTo(v: Float32Array, length: number): Float32Array {
  let sq = 0;
  for (const x of v) sq += x * x;
  const k = sq > 0 ? length / Math.sqrt(sq) : 0;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * k;
  return v;
}

function tokenRow(token: string, dim: number, seed: number): Float32Array {
  if (token === '[PAD]') return new Float32Array(dim);
  if ((SPECIAL_TOKENS as readonly string[]).includes(token)) return scaleTo(seededDirection(token, dim, seed), SPECIAL_SCALE);
  if (token.startsWith('##') || [...token].length === 1) return scaleTo(seededDirection(token, dim, seed), PIECE_SCALE);
  const folded = fold(token);
  const shared = seededDirection(`fold:${folded}`, dim, seed);
  // An unaccented spelling is the shared direction itself: "so" sits between "sở" and "số".
  if (folded === token) return shared;
  const own = seededDirection(token, dim, seed);
  return scaleTo(own.map((x, i) => OWN * x + SHARED * shared[i]!), 1);
}

/** Row-major [vocab.length, dim] table. */
export function embeddingTable(vocab: readonly string[], dim: number, seed: number): Float32Array {
  const table = new Float32Array(vocab.length * dim);
  vocab.forEach((token, id) => table.set(tokenRow(token, dim, seed), id * dim));
  return table;
}

function floatTensor(name: string, dims: number[], data: Float32Array) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(bytes) };
}

function valueInfo(name: string, elemType: number, dims: Array<string | number>) {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/**
 * input_ids, attention_mask, token_type_ids (int64 [batch, seq]) → last_hidden_state
 * (float [batch, seq, dim]) = (word row + type row) × mask. Opset 13, IR 8: what
 * onnxruntime-node 1.14 (transformers.js 2.17's runtime) reads.
 */
export function encoderModelBytes(table: Float32Array, vocabSize: number, dim: number): Uint8Array {
  const seqDims = ['batch_size', 'sequence_length'];
  const graph = {
    name: 'tiny_bag_of_words_encoder',
    initializer: [
      floatTensor('word_embeddings', [vocabSize, dim], table),
      floatTensor('token_type_embeddings', [2, dim], new Float32Array(2 * dim)),
      { name: 'last_axis', dims: [1], dataType: INT64, int64Data: [2] },
    ],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], name: 'word_lookup' },
      { opType: 'Gather', input: ['token_type_embeddings', 'token_type_ids'], output: ['types'], name: 'type_lookup' },
      { opType: 'Add', input: ['words', 'types'], output: ['summed'], name: 'add_types' },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        name: 'mask_to_float',
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      },
      { opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_3d'], name: 'mask_expand' },
      { opType: 'Mul', input: ['summed', 'mask_3d'], output: ['last_hidden_state'], name: 'mask_padding' },
    ],
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, INT64, seqDims)),
    output: [valueInfo('last_hidden_state', FLOAT, [...seqDims, dim])],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'tro-ly-ke-hoach/tiny-model',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
