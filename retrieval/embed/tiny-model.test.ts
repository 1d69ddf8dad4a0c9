import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTinyModel } from './tiny-model.ts';
import { buildVocab, preTokenize } from './tiny-vocab.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('tiny model vocabulary', () => {
  it('splits like BertPreTokenizer: words and single punctuation marks, lowercased NFC', () => {
    expect(preTokenize('Kế hoạch số 12/KH-UBND.')).toEqual(['kế', 'hoạch', 'số', '12', '/', 'kh', '-', 'ubnd', '.']);
    expect(preTokenize('Hoa\u0300ng')).toEqual(['hoàng']);
  });

  it('puts specials first, then characters, then frequent words with their folded forms, within the size cap', () => {
    const vocab = buildVocab(['Kế hoạch kế hoạch đất đai', 'đất'], 1000);
    expect(vocab.slice(0, 5)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    expect(vocab).toEqual(expect.arrayContaining(['k', '##ế', 'hoạch', 'hoach', 'đất', 'dat', 'đai', 'dai']));
    expect(vocab.indexOf('hoạch')).toBeLessThan(vocab.indexOf('đai'));
    expect(buildVocab(['Kế hoạch kế hoạch đất đai'], 12)).toHaveLength(12);
  });
});

describe('buildTinyModel', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const texts = ['Sở Tài chính chủ trì', 'Ủy ban nhân dân tỉnh'];
    const read = (dir: string) => fs.readFileSync(path.join(dir, 'onnx/model.onnx'));
    const a = await buildTinyModel(path.join(root, 'a'), { texts, seed: 7 });
    const b = await buildTinyModel(path.join(root, 'b'), { texts, seed: 7 });
    const c = await buildTinyModel(path.join(root, 'c'), { texts, seed: 8 });
    expect(read(a.dir).equals(read(b.dir))).toBe(true);
    expect(read(a.dir).equals(read(c.dir))).toBe(false);
    const config = JSON.parse(fs.readFileSync(path.join(a.dir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: 48 });
  });

  it('learns its vocabulary from the sample plans by default', async () => {
    const { dir } = await buildTinyModel(path.join(root, 'plans'), { dim: 32 });
    const tokenizer = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8'));
    expect(tokenizer.normalizer).toMatchObject({ type: 'BertNormalizer', lowercase: true, strip_accents: false });
    expect(Object.keys(tokenizer.model.vocab).length).toBeGreaterThan(1000);
    expect(tokenizer.model.vocab).toHaveProperty('chủ');
  });
});
