import { describe, expect, it } from 'vitest';
import { modelSpec } from './model-spec.ts';

describe('modelSpec', () => {
  it('gives e5 models their query/passage prefixes', () => {
    for (const id of ['Xenova/multilingual-e5-small', 'intfloat/e5-base-v2', 'Xenova/e5-large']) {
      expect(modelSpec(id)).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ', pooling: 'mean' });
    }
  });

  it('uses no prefix and mean pooling for unknown models', () => {
    expect(modelSpec('local/tiny-vi-embed')).toMatchObject({ queryPrefix: '', passagePrefix: '', pooling: 'mean' });
  });

  it('does not mistake a name merely containing "e5" for an e5 model', () => {
    expect(modelSpec('someone/base5-model').queryPrefix).toBe('');
  });

  it('pools bge-m3 on [CLS]', () => {
    expect(modelSpec('Xenova/bge-m3').pooling).toBe('cls');
  });
});
