/**
 * Vocabulary and tokenizer files of the tiny test model: a real HuggingFace tokenizers JSON
 * (BERT normaliser and pre-tokeniser, WordPiece) that transformers.js loads like any model's.
 */
import { fold, nfc } from '../normalize.ts';

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Words as BertPreTokenizer splits them: letter/digit runs, or one punctuation mark each. */
const PRE_TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

export function preTokenize(text: string): string[] {
  return Array.from(nfc(text).toLowerCase().matchAll(PRE_TOKEN), (m) => m[0]);
}

/**
 * The token list, ids in order: specials, every character seen (bare and as a "##"
 * continuation, so WordPiece can spell any word built from known characters instead of
 * emitting [UNK]), then the most frequent words, each followed by its diacritic-folded form
 * so text typed without accents still lands on known tokens.
 */
export function buildVocab(texts: readonly string[], vocabSize: number): string[] {
  const counts = new Map<string, number>();
  const chars = new Set<string>();
  for (const text of texts) {
    for (const word of preTokenize(text)) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      for (const ch of word) chars.add(ch);
    }
  }
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocab);
  const add = (token: string) => {
    if (seen.has(token) || vocab.length >= vocabSize) return;
    seen.add(token);
    vocab.push(token);
  };
  for (const ch of [...chars].sort()) {
    add(ch);
    add(`##${ch}`);
  }
  const byFrequency = [...counts.entries()]
    .filter(([word]) => [...word].length > 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [word] of byFrequency) {
    add(word);
    add(fold(word));
  }
  return vocab;
}

/** tokenizer.json in the HuggingFace tokenizers format, as a BERT uncased-with-accents model has it. */
export function tokenizerJson(vocab: readonly string[]): object {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const idOf = (token: string) => {
    const id = ids[token];
    if (id === undefined) throw new Error(`special token ${token} missing from the vocabulary`);
    return id;
  };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: false,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [idOf(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

export function tokenizerConfigJson(maxTokens: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    model_max_length: maxTokens,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
}
