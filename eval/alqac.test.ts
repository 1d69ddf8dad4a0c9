import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alqacPassages, bm25AlqacRunner, evaluateAlqac, loadAlqac, parseArticles, parseQuestions, scoreAlqac, type AlqacRunner } from './alqac.ts';
import { EvalError } from './errors.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/alqac', import.meta.url));

describe('ALQAC loader', () => {
  it('reads the flat articles and a split, with gold articles', async () => {
    const data = await loadAlqac(FIXTURE, 'train');
    expect(data.articles).toHaveLength(4);
    expect(data.articles[0]).toMatchObject({ law: 'Luật Phòng, chống ma túy', article: '1' });
    expect(data.questions.map((q) => q.id)).toEqual(['T-1', 'T-2', 'T-3']);
    expect(data.questions[1]?.gold).toEqual([{ law: 'Luật Hôn nhân và gia đình', article: '31' }, { law: 'Hiến pháp', article: '2' }]);
  });

  it('rejects malformed files with a named error', () => {
    expect(() => parseArticles({ 'no article id': 'x' })).toThrow(EvalError);
    expect(() => parseQuestions([{ question_id: 'x', text: 'y', relevant_articles: [] }])).toThrow(EvalError);
  });

  it('fails when a gold article is missing from the corpus', async () => {
    await expect(loadAlqac(path.join(FIXTURE, 'missing'), 'train')).rejects.toThrow(EvalError);
  });
});

describe('alqacPassages', () => {
  it('makes one article clause per article, one document per law', async () => {
    const { articles } = await loadAlqac(FIXTURE, 'train');
    const passages = alqacPassages(articles);
    expect(passages).toHaveLength(4);
    const p = passages[1]!;
    expect(p.clause).toMatchObject({ id: 'Luật Phòng, chống ma túy#Điều 32', docId: 'Luật Phòng, chống ma túy', section: 'Điều 32', kind: 'article', order: 1 });
    expect(p.doc.header.title).toBe('Luật Phòng, chống ma túy');
    expect(passages[0]!.doc).toBe(p.doc);
  });
});

describe('ALQAC scoring', () => {
  const questions = [
    { id: 'a', text: '', gold: [{ law: 'L', article: '1' }] },
    { id: 'b', text: '', gold: [{ law: 'L', article: '2' }, { law: 'L', article: '3' }] },
  ];

  it('averages per-question recall of gold articles and the first gold rank', () => {
    const outputs = [
      { hits: [{ doc: 'L', section: 'Điều 9' }, { doc: 'L', section: 'Điều 1' }], ms: 4 },
      { hits: [{ doc: 'L', section: 'Điều 3' }], ms: 8 },
    ];
    const s = scoreAlqac(questions, outputs, 'x');
    expect(s.r1).toBeCloseTo((0 + 0.5) / 2);
    expect(s.r5).toBeCloseTo((1 + 0.5) / 2);
    expect(s.mrr10).toBeCloseTo((0.5 + 1) / 2);
    expect([s.p50ms, s.p95ms]).toEqual([4, 8]);
  });

  it('scores empty hits as zero and no questions as null', () => {
    expect(scoreAlqac(questions, [{ hits: [], ms: 1 }, { hits: [], ms: 1 }], 'x').r10).toBe(0);
    expect(scoreAlqac([], [], 'x').r1).toBeNull();
  });

  it('runs the plain BM25 reference and lists skipped runs apart', async () => {
    const data = await loadAlqac(FIXTURE, 'train');
    const skipped: AlqacRunner = { name: 'dense', skipped: 'no model', run: () => Promise.reject(new Error('must not run')) };
    const report = await evaluateAlqac('train', data, [bm25AlqacRunner(data.articles), skipped]);
    expect(report).toMatchObject({ benchmark: 'alqac2023', split: 'train', n: 3, skipped: [{ name: 'dense', reason: 'no model' }] });
    expect(report.runs.map((r) => r.name)).toEqual(['bm25']);
    expect(Object.keys(report.runs[0]!)).toEqual(['name', 'r1', 'r5', 'r10', 'mrr10', 'p50ms', 'p95ms']);
    expect(report.runs[0]!.r1).toBeCloseTo((1 + 0.5 + 1) / 3);
  });
});
