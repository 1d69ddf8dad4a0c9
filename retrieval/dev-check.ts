/**
 * Retrieval quality on the dev questions, lexical lane only (no model needed):
 *   npx tsx retrieval/dev-check.ts [--verbose] [--set FILE.jsonl]
 * Prints hit@1/3/5/10, MRR@10, refusal rates and latency; --verbose lists every miss with
 * the hits it got instead.
 */
import { DEV_SET, loadDevSet, parseSamplePlans, passagesOf, rankOf, type DevQuestion } from './dev-harness.ts';
import { createRetriever } from './retriever.ts';
import type { SearchResult } from './types.ts';

interface Outcome {
  q: DevQuestion;
  res: SearchResult;
  rank: number | null;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const rate = (n: number, d: number) => (d === 0 ? 'n/a' : (n / d).toFixed(3));

function summarise(outcomes: Outcome[]): Record<string, string> {
  const answerable = outcomes.filter((o) => o.q.evidence);
  const unanswerable = outcomes.filter((o) => !o.q.evidence);
  const within = (k: number) => answerable.filter((o) => o.rank !== null && o.rank <= k).length;
  const mrr = answerable.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0);
  const ms = outcomes.map((o) => o.res.ms);
  return {
    n: String(outcomes.length),
    hit1: rate(within(1), answerable.length),
    hit3: rate(within(3), answerable.length),
    hit5: rate(within(5), answerable.length),
    hit10: rate(within(10), answerable.length),
    mrr10: rate(mrr, answerable.length),
    refusal: rate(unanswerable.filter((o) => !o.res.answerable).length, unanswerable.length),
    falseRefusal: rate(answerable.filter((o) => !o.res.answerable).length, answerable.length),
    p50ms: percentile(ms, 0.5).toFixed(1),
    p95ms: percentile(ms, 0.95).toFixed(1),
  };
}

function describeMiss(o: Outcome): string {
  const lines = [`${o.q.id} [${o.q.type}] rank=${o.rank ?? '-'} answerable=${o.res.answerable}${o.res.refusal ? `(${o.res.refusal})` : ''} gold=${o.q.section ?? '-'}`, `  Q: ${o.q.question}`];
  for (const h of o.res.hits.slice(0, 3)) lines.push(`  ${h.section.padEnd(14)} ${h.score.toFixed(3)} ${h.text.slice(0, 110)}`);
  return lines.join('\n');
}

/** Top-hit coverage of every question, lowest first, marked answerable (A) or not (U): where MIN_COVERAGE comes from. */
function calibration(outcomes: Outcome[]): string {
  return outcomes
    .filter((o) => o.res.hits[0])
    .map((o) => ({ id: o.q.id, gold: o.q.evidence ? 'A' : 'U', coverage: o.res.hits[0]!.lanes.coverage ?? 0, refusal: o.res.refusal ?? '' }))
    .sort((a, b) => a.coverage - b.coverage)
    .map((r) => `${r.coverage.toFixed(3)} ${r.gold} ${r.id} ${r.refusal}`)
    .join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const setIndex = args.indexOf('--set');
  const questions = loadDevSet(setIndex >= 0 ? args[setIndex + 1] : DEV_SET);
  const retriever = createRetriever();
  await retriever.sync(passagesOf(parseSamplePlans()));
  const outcomes: Outcome[] = [];
  for (const q of questions) {
    const res = await retriever.search(q.question, { k: 10 });
    outcomes.push({ q, res, rank: rankOf(res.hits, q.evidence) });
  }
  if (args.includes('--verbose')) {
    for (const o of outcomes) {
      const miss = o.q.evidence ? o.rank !== 1 || !o.res.answerable : o.res.answerable;
      if (miss) console.log(describeMiss(o));
    }
  }
  if (args.includes('--calibrate')) console.log(calibration(outcomes));
  console.log(JSON.stringify(summarise(outcomes)));
}

await main();
