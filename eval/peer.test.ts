import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { peerChunks, peerRunner, readPlans } from './peer.ts';

const PLANS = [
  { doc: 'a.txt', text: 'Sở Công Thương làm đầu mối theo dõi chỉ số Tiếp cận điện năng.\n\nSở Tư pháp chủ trì phổ biến pháp luật cho doanh nghiệp.' },
  { doc: 'b.txt', text: `${'Nội dung khác về đất đai và xây dựng. '.repeat(60)}\nCục Thuế tỉnh chủ trì hoàn thuế giá trị gia tăng.` },
];

describe('peer baseline (LangChain recipe)', () => {
  it('splits into overlapping chunks of at most 1000 characters, keeping the document name', async () => {
    const chunks = await peerChunks(PLANS);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.pageContent.length <= 1000)).toBe(true);
    expect(new Set(chunks.map((c) => c.metadata.doc))).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('answers with its top BM25 chunk and never refuses', async () => {
    const runner = await peerRunner(PLANS);
    const out = await runner.run('cục thuế tỉnh chủ trì hoàn thuế');
    expect(out.answerable).toBe(true);
    expect(out.hits[0]?.doc).toBe('b.txt');
    expect(out.hits[0]?.section).toMatch(/^lines \d+-\d+$/);
    expect(out.citations).toEqual([out.hits[0]]);
    expect(out.hits.length).toBeLessThanOrEqual(10);
  });

  it('reads plan folders the way ingestion does', async () => {
    const dir = fileURLToPath(new URL('../corpus/plans', import.meta.url));
    const plans = await readPlans([dir], 50 * 1024 * 1024);
    expect(plans.map((p) => p.doc)).toContain('nam-dinh-2024-nq02.txt');
    expect(plans.every((p) => p.text === p.text.normalize('NFC'))).toBe(true);
  });
});
