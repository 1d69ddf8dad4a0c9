import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from './harness.ts';
import { parseQuestionSet } from './questions.ts';
import { parseAnswerLines, replayRunner } from './runs.ts';

/**
 * Recomputes hit@k from `ask --batch` output with a second, deliberately naive reading of the
 * matching rule, and checks the harness agrees. The answers are a recorded fixture; point
 * ANSWERS at real `npm run -s ask -- --batch SET` output (and SET at its set) to check a build.
 */
const SET = new URL('./fixtures/set.jsonl', import.meta.url);
const ANSWERS = new URL('./fixtures/ask-batch.jsonl', import.meta.url);

/** Tokens joined by single spaces and padded, so "contains the run" is a substring test. */
const spaced = (s: string) => ` ${(s.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;

interface Line {
  id: string;
  answerable: boolean;
  hits: Array<{ text: string }>;
}

function recount(setText: string, answersText: string) {
  const gold = new Map<string, { type: string; evidence: string | null }>();
  for (const line of setText.split('\n').filter((l) => l.trim())) {
    const q = JSON.parse(line) as { id: string; type: string; evidence: string | null };
    gold.set(q.id, q);
  }
  const ranks: Array<number | null> = [];
  for (const line of answersText.split('\n').filter((l) => l.trim())) {
    const a = JSON.parse(line) as Line;
    const g = gold.get(a.id);
    if (!g || g.type === 'unanswerable' || g.evidence === null) continue;
    // A refused answerable question is a miss whatever it retrieved (metrics.ts).
    const i = a.answerable ? a.hits.slice(0, 10).findIndex((h) => spaced(h.text).includes(spaced(g.evidence!))) : -1;
    ranks.push(i < 0 ? null : i + 1);
  }
  const at = (k: number) => ranks.filter((r) => r !== null && r <= k).length / ranks.length;
  return { hit1: at(1), hit3: at(3), hit5: at(5), hit10: at(10), mrr10: ranks.reduce<number>((s, r) => s + (r ? 1 / r : 0), 0) / ranks.length };
}

describe('recount from ask --batch output', () => {
  it('matches the harness numbers', async () => {
    const setText = fs.readFileSync(SET, 'utf8');
    const answersText = fs.readFileSync(ANSWERS, 'utf8');
    const questions = parseQuestionSet(setText);
    const report = await evaluate('fixture', questions, [replayRunner('assistant', questions, parseAnswerLines(answersText))]);
    const run = report.runs[0]!;
    const expected = recount(setText, answersText);
    for (const key of ['hit1', 'hit3', 'hit5', 'hit10', 'mrr10'] as const) expect(run[key], key).toBeCloseTo(expected[key], 10);
    // The fixture is built to exercise every branch: rank 1, rank 3, a false refusal, no hits.
    expect(expected).toEqual({ hit1: 0.4, hit3: 0.6, hit5: 0.6, hit10: 0.6, mrr10: (1 + 1 / 3 + 1) / 5 });
    expect([run.falseRefusal, run.refusal, run.agency]).toEqual([0.2, 0, 2 / 3]);
  });
});
