import { describe, expect, it } from 'vitest';
import { compareWithBaseline, describeComparison, parseBaseline } from './baseline.ts';
import { EvalError } from './errors.ts';
import type { RunSummary } from './types.ts';

const HEAD = { hit1: 0.6, hit3: 0.7, hit5: 0.8, hit10: 0.9, mrr10: 0.7, cite1: 0.6, agency: 0.5, refusal: 0.75, falseRefusal: 0.1, p50ms: 10, p95ms: 40 };
const previous = parseBaseline({ set: 'dev.jsonl', n: 51, runs: [{ name: 'assistant', ...HEAD }, { name: 'lexical', ...HEAD, hit1: 0.9 }] });

function current(over: Partial<RunSummary>, extra: Partial<{ set: string; n: number }> = {}) {
  return { set: 'dev.jsonl', n: 51, ...extra, runs: [{ name: 'assistant', ...HEAD, ...over } as RunSummary] };
}

describe('compareWithBaseline', () => {
  it('passes on equal numbers and on drops within the 0.02 tolerance', () => {
    expect(compareWithBaseline(current({}), previous).regressions).toEqual([]);
    expect(compareWithBaseline(current({ hit1: 0.58, falseRefusal: 0.12 }), previous).regressions).toEqual([]);
  });

  it('fails on a drop of more than 0.02 in any headline metric of the full run', () => {
    const c = compareWithBaseline(current({ hit1: 0.57, agency: 0.4, hit10: 0.1 }), previous);
    expect(c.regressions.map((r) => r.metric)).toEqual(['hit1', 'agency']);
    expect(describeComparison(c)).toContain('REGRESSION hit1: 0.600 -> 0.570');
  });

  it('fails when false refusals rise, not when they fall', () => {
    expect(compareWithBaseline(current({ falseRefusal: 0.2 }), previous).regressions.map((r) => r.metric)).toEqual(['falseRefusal']);
    expect(compareWithBaseline(current({ falseRefusal: 0 }), previous).regressions).toEqual([]);
  });

  it('treats a metric that vanished as a regression and warns about another set', () => {
    const c = compareWithBaseline(current({ refusal: null }, { set: 'other.jsonl', n: 10 }), previous);
    expect(c.regressions).toEqual([{ metric: 'refusal', before: 0.75, after: null }]);
    expect(c.warnings).toHaveLength(2);
  });

  it('rejects a file that is not an eval report', () => {
    expect(() => parseBaseline({ runs: [] })).toThrow(EvalError);
    expect(() => parseBaseline({ benchmark: 'alqac2023' })).toThrow(EvalError);
  });
});
