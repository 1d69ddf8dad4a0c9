import { describe, expect, it } from 'vitest';
import { loadConfig } from '../bot/config.ts';
import type { AnswerObject } from '../prompts/types.ts';
import type { SearchResult } from '../retrieval/types.ts';
import { EvalError } from './errors.ts';
import { alqacEngineRunners, assistantRunner, laneRunner, parseAnswerLines, replayRunner, type EvalApp } from './runs.ts';

const config = loadConfig({}, { dataDir: '/tmp/unused' });
const HIT = { clauseId: 'a#I.1', doc: 'a.txt', section: 'I.1', text: 'Sở Tư pháp chủ trì.', score: 0.9, lanes: {} };

function fakeApp(opts: { dense: boolean; answerable: boolean; lanesSeen: unknown[] }): EvalApp {
  const answer: AnswerObject = {
    question: 'q', answerable: true, answer: 'Sở Tư pháp.', ms: 1,
    citations: [{ doc: 'a.txt', section: 'I.1', title: null, province: null, year: null, text: HIT.text }],
    hits: [{ doc: 'a.txt', section: 'I.1', text: HIT.text, score: 0.9 }],
  };
  const result: SearchResult = { question: 'q', filters: { provinces: [], years: [], kinds: [] }, answerable: opts.answerable, hits: [HIT], ms: 1, embedMs: 0 };
  return {
    assistant: { ask: async () => answer },
    retriever: {
      search: async (_q, o) => {
        opts.lanesSeen.push(o?.lanes);
        return result;
      },
      sync: async () => undefined,
      denseAvailable: opts.dense,
    },
    plans: {} as EvalApp['plans'],
    afterIngest: async () => undefined,
    close: () => undefined,
  };
}

describe('runs built from the app', () => {
  it('maps the assistant answer object to what the metrics read', async () => {
    const out = await assistantRunner(fakeApp({ dense: true, answerable: true, lanesSeen: [] })).run('q');
    expect(out).toMatchObject({ answerable: true, answer: 'Sở Tư pháp.', citations: [{ doc: 'a.txt', section: 'I.1', text: HIT.text }] });
    expect(out.ms).toBeGreaterThanOrEqual(0);
  });

  it('runs one lane alone, answering with its top hit unless the retriever refuses', async () => {
    const lanesSeen: unknown[] = [];
    const lexical = laneRunner(fakeApp({ dense: true, answerable: false, lanesSeen }), 'lexical', config);
    const out = await lexical.run('q');
    expect(lanesSeen).toEqual([['lexical']]);
    expect(out).toMatchObject({ answerable: false, citations: [], hits: [{ doc: 'a.txt' }] });
  });

  it('skips the dense lane with the reason when no model is loaded, and never runs it', () => {
    const dense = laneRunner(fakeApp({ dense: false, answerable: true, lanesSeen: [] }), 'dense', config);
    expect(dense.skipped).toMatch(/no embedding model/);
    expect(laneRunner(fakeApp({ dense: true, answerable: true, lanesSeen: [] }), 'dense', config).skipped).toBeUndefined();
  });

  it('gives ALQAC the engine with every lane first, then each lane', async () => {
    const lanesSeen: unknown[] = [];
    const runners = alqacEngineRunners(fakeApp({ dense: false, answerable: false, lanesSeen }), config);
    expect(runners.map((r) => [r.name, r.skipped !== undefined])).toEqual([['engine', false], ['lexical', false], ['dense', true]]);
    const out = await runners[0]!.run('q');
    expect(out.hits).toEqual([{ doc: 'a.txt', section: 'I.1' }]);
    expect(lanesSeen).toEqual([undefined]);
  });

  it('replays recorded answers by id and names a missing one', async () => {
    const answers = parseAnswerLines('{"id":"q1","answerable":true,"answer":"x","citations":[],"hits":[],"ms":7}\n');
    const questions = [{ id: 'q1', question: 'một' }, { id: 'q2', question: 'hai' }].map((q) => ({ ...q, type: null, province: null, year: null, doc: null, section: null, evidence: null, answer: null, agencies: [] }));
    const runner = replayRunner('assistant', questions, answers);
    expect((await runner.run('một')).ms).toBe(7);
    await expect(runner.run('hai')).rejects.toThrow(EvalError);
    expect(() => parseAnswerLines('{"answerable":true}')).toThrow(EvalError);
  });
});
