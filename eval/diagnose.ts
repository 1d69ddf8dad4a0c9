/**
 * A maintainer's look behind the eval numbers: every miss of a question set with why it went
 * wrong (refusal reason, scope the question resolved to, coverage of the top hit and of the
 * gold clause, what came first), and the coverage table the refusal decision is calibrated on.
 *
 *   npx tsx eval/diagnose.ts --set eval/sets/plans2025.jsonl --plans ../shared/bench/plans-2025 [--calibrate] [--all]
 *
 * Plans are ingested into a throwaway data dir, as `eval --plans` does.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createApp } from '../bot/app.ts';
import { processEnv, runCommand } from '../bot/cli/args.ts';
import { ingestAndSync } from '../bot/cli/ensure.ts';
import { loadConfig } from '../bot/config.ts';
import { createLogger } from '../bot/logger.ts';
import { containsEvidence } from './matching.ts';
import { expectsAnswer, loadQuestionSet } from './questions.ts';

interface Options {
  set: string;
  plans: string[];
  calibrate?: boolean;
  all?: boolean;
  explain?: boolean;
  only?: string[];
}

async function main(): Promise<number> {
  const opts = new Command('diagnose')
    .requiredOption('--set <file>', 'question set')
    .requiredOption('--plans <paths...>', 'plan files or folders')
    .option('--calibrate', 'print the top-hit coverage of every question, lowest first')
    .option('--all', 'describe every question, not only the misses')
    .option('--explain', 'list each question\'s weighted coverage terms and which the top and gold clauses hold')
    .option('--only <ids...>', 'only these question ids')
    .parse(process.argv)
    .opts<Options>();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tro-ly-diag-'));
  const config = loadConfig({ ...processEnv(), LOG_LEVEL: 'silent' }, { dataDir: dir });
  const app = await createApp(config, createLogger('silent'));
  try {
    await ingestAndSync(opts.plans, { config, store: app.plans, afterIngest: app.afterIngest });
    const questions = (await loadQuestionSet(opts.set)).filter((q) => !opts.only || opts.only.includes(q.id));
    const rows: Array<{ cov: number; gold: string; id: string; refusal: string }> = [];
    for (const q of questions) {
      const res = await app.retriever.search(q.question, { k: 30 });
      const answer = await app.assistant.ask(q.question);
      const answerable = expectsAnswer(q);
      const rank = answerable ? res.hits.findIndex((h) => containsEvidence(h.text, q.evidence ?? '')) + 1 : 0;
      const top = res.hits[0];
      rows.push({ cov: top?.lanes.coverage ?? 0, gold: answerable ? 'A' : 'U', id: q.id, refusal: res.refusal ?? '' });
      const miss = answerable ? rank !== 1 || !answer.answerable : answer.answerable;
      if (!miss && !opts.all) continue;
      const gold = rank > 0 ? res.hits[rank - 1] : undefined;
      console.log(
        `${q.id} [${q.type}] ${answerable ? `rank=${rank || '-'}` : 'UNANSWERABLE'} answered=${answer.answerable}` +
          `${res.refusal ? ` refusal=${res.refusal}` : ''} scope=${JSON.stringify(res.filters)} gold=${q.doc ?? '-'}#${q.section ?? '-'}` +
          `${gold ? ` goldCov=${(gold.lanes.coverage ?? 0).toFixed(3)}` : ''}`,
      );
      console.log(`  Q: ${q.question}`);
      if (q.evidence) console.log(`  E: ${q.evidence}`);
      if (opts.explain) {
        const ids = [...new Set([res.hits[0]?.clauseId, gold?.clauseId].filter((x): x is string => Boolean(x)))];
        const ex = app.retriever.explain(q.question, ids);
        console.log(`  terms: ${ex.terms.map((t) => `${t.term}:${t.weight.toFixed(1)}`).join(' ')}`);
        for (const c of ex.clauses) console.log(`  ${c.id === gold?.clauseId ? 'gold' : 'top '} has: ${c.has.join(' ')}`);
      }
      for (const h of res.hits.slice(0, 3)) {
        console.log(`  ${h.doc.slice(0, 18).padEnd(18)} ${h.section.padEnd(14)} s=${h.score.toFixed(3)} c=${(h.lanes.coverage ?? 0).toFixed(3)} ${h.text.slice(0, 100)}`);
      }
    }
    if (opts.calibrate) {
      for (const r of rows.sort((a, b) => a.cov - b.cov)) console.log(`${r.cov.toFixed(3)} ${r.gold} ${r.id} ${r.refusal}`);
    }
  } finally {
    await app.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
  return 0;
}

await runCommand(main);
