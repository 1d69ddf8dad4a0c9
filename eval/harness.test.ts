import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EvalError } from './errors.ts';
import { fakeRunner, fixtureQuestions } from './fixtures/fake-runs.ts';
import { evaluate } from './harness.ts';

const QUESTIONS = fixtureQuestions(fs.readFileSync(new URL('./fixtures/set.jsonl', import.meta.url), 'utf8'));
const CONTRACT_RUN_KEYS = ['name', 'hit1', 'hit3', 'hit5', 'hit10', 'mrr10', 'cite1', 'agency', 'refusal', 'falseRefusal', 'p50ms', 'p95ms'];

describe('evaluate', () => {
  it('produces the contract JSON: runs in the order given, contract keys first, one question row per run', async () => {
    const skipped = { name: 'dense', skipped: 'no embedding model', run: () => Promise.reject(new Error('must not run')) };
    const report = await evaluate('set.jsonl', QUESTIONS, [fakeRunner('assistant', QUESTIONS, 'good'), fakeRunner('lexical', QUESTIONS, 'shifted'), skipped]);
    const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown> & { runs: Array<Record<string, unknown>>; questions: Array<Record<string, unknown>> };
    expect(Object.keys(json).slice(0, 4)).toEqual(['set', 'n', 'runs', 'questions']);
    expect([json.set, json.n]).toEqual(['set.jsonl', 6]);
    expect(json.runs.map((r) => r.name)).toEqual(['assistant', 'lexical']);
    for (const run of json.runs) {
      expect(Object.keys(run).slice(0, CONTRACT_RUN_KEYS.length)).toEqual(CONTRACT_RUN_KEYS);
      for (const k of CONTRACT_RUN_KEYS.slice(1)) expect(typeof run[k]).toBe('number');
    }
    expect(json.questions).toHaveLength(12);
    expect(Object.keys(json.questions[0]!).slice(0, 4)).toEqual(['id', 'run', 'rank', 'answerable']);
    expect(json.skipped).toEqual([{ name: 'dense', reason: 'no embedding model' }]);
    expect(json.runs[0]).toMatchObject({ hit1: 1, cite1: 1, agency: 1, refusal: 1, falseRefusal: 0 });
    expect(json.runs[1]).toMatchObject({ hit1: 0, hit3: 0.6, falseRefusal: 0.4 });
  });

  it('stops with a named error when a run throws, rather than counting a miss', async () => {
    const broken = { name: 'assistant', run: () => Promise.reject(new Error('index missing')) };
    const err = await evaluate('s', QUESTIONS, [broken]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvalError);
    expect((err as EvalError).message).toContain('f1');
    expect(((err as EvalError).cause as Error).message).toBe('index missing');
  });

  it('reports progress per question', async () => {
    const seen: number[] = [];
    await evaluate('s', QUESTIONS, [fakeRunner('a', QUESTIONS, 'good')], { onProgress: (_r, done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
