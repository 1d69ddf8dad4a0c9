/**
 * The refusal decision measured on libraries of different sizes, for maintainers:
 *
 *   npx tsx eval/calibrate.ts [--cache DIR] [--fresh] [--sweep] [--libraries samples p25 more all22 all42]
 *
 * Each library (a set of plan folders) is ingested once into DIR/<name> (kept between runs;
 * --fresh rebuilds after a parser change). Every question set whose plans the library holds is
 * run through the assistant; the table gives hit@1, hit@5, false refusals and refusals of the
 * unanswerable per set and library. --sweep also replays the decision at other coverage
 * thresholds (tuning sets only, holdouts left out), which is how MIN_COVERAGE is chosen: the
 * threshold must hold on every library, not on the one that happens to be loaded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createApp, type App } from '../bot/app.ts';
import { processEnv, runCommand } from '../bot/cli/args.ts';
import { ingestAndSync } from '../bot/cli/ensure.ts';
import { loadConfig } from '../bot/config.ts';
import { createLogger } from '../bot/logger.ts';
import { containsEvidence } from './matching.ts';
import { expectsAnswer, loadQuestionSet } from './questions.ts';
import type { EvalQuestion } from './types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = path.resolve(ROOT, '..', 'shared', 'bench');
const SAMPLES = path.join(ROOT, 'corpus', 'plans');
const P25 = path.join(SHARED, 'plans-2025');
const MORE = path.join(SHARED, 'plans-more');

const LIBRARIES: Record<string, string[]> = {
  samples: [SAMPLES],
  p25: [P25],
  more: [MORE],
  all22: [SAMPLES, P25],
  all42: [SAMPLES, P25, MORE],
};

/** Question sets, the plans they ask about, and whether tuning may look at them. */
const SETS: Array<{ name: string; plans: string; holdout: boolean }> = [
  { name: 'dev', plans: SAMPLES, holdout: false },
  { name: 'extra', plans: SAMPLES, holdout: false },
  { name: 'holdout', plans: SAMPLES, holdout: true },
  { name: 'plans2025', plans: P25, holdout: false },
  { name: 'plans2025-holdout', plans: P25, holdout: true },
  { name: 'plansmore', plans: MORE, holdout: false },
  { name: 'plansmore-holdout', plans: MORE, holdout: true },
];

interface Outcome {
  set: string;
  holdout: boolean;
  q: EvalQuestion;
  answerable: boolean;
  refusal: string | undefined;
  coverage: number;
  rank: number;
}

async function openLibrary(name: string, dirs: string[], cache: string, fresh: boolean): Promise<App> {
  const dataDir = path.join(cache, name);
  if (fresh) await fs.rm(dataDir, { recursive: true, force: true });
  const config = loadConfig({ ...processEnv(), LOG_LEVEL: 'silent' }, { dataDir });
  const app = await createApp(config, createLogger('silent'));
  await ingestAndSync(dirs, { config, store: app.plans, afterIngest: app.afterIngest });
  return app;
}

async function run(app: App, set: (typeof SETS)[number]): Promise<Outcome[]> {
  const questions = await loadQuestionSet(path.join(ROOT, 'eval', 'sets', `${set.name}.jsonl`));
  const out: Outcome[] = [];
  for (const q of questions) {
    const answer = await app.assistant.ask(q.question);
    const res = await app.retriever.search(q.question, { k: 10 });
    const rank = expectsAnswer(q) ? answer.hits.findIndex((h) => containsEvidence(h.text, q.evidence ?? '')) + 1 : 0;
    out.push({ set: set.name, holdout: set.holdout, q, answerable: answer.answerable, refusal: res.refusal, coverage: res.hits[0]?.lanes.coverage ?? 0, rank });
  }
  return out;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  –  ');

function metrics(rows: readonly Outcome[]) {
  const ans = rows.filter((r) => expectsAnswer(r.q));
  const un = rows.filter((r) => !expectsAnswer(r.q));
  const hit = (k: number) => ans.filter((r) => r.answerable && r.rank > 0 && r.rank <= k).length / ans.length;
  return {
    n: rows.length,
    hit1: hit(1),
    hit5: hit(5),
    falseRefusal: ans.filter((r) => !r.answerable).length / ans.length,
    refusal: un.filter((r) => !r.answerable).length / un.length,
  };
}

/** The decision replayed at another threshold: a low_score refusal becomes an answer above it, an answer a refusal below. */
function sweep(rows: readonly Outcome[], current: number): string[] {
  const lines: string[] = [];
  for (let t = 0.3; t <= 0.701; t += 0.02) {
    const replayed = rows.map((r) => {
      if (r.refusal && r.refusal !== 'low_score') return r;
      // Refusals by the time and amount rules stay refusals whatever the threshold.
      const byRule = r.refusal === 'low_score' && r.coverage >= current;
      return { ...r, answerable: byRule ? false : r.coverage >= t };
    });
    const m = metrics(replayed);
    lines.push(`  t=${t.toFixed(2)} falseRefusal ${f3(m.falseRefusal)} refusal ${f3(m.refusal)}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const opts = new Command('calibrate')
    .option('--cache <dir>', 'where the libraries are ingested', '/tmp/tro-ly-calibrate')
    .option('--fresh', 're-ingest every library (after a parser change)')
    .option('--sweep', 'replay the refusal decision at other coverage thresholds')
    .option('--libraries <names...>', `libraries to run (${Object.keys(LIBRARIES).join(', ')})`, Object.keys(LIBRARIES))
    .option('--current <t>', 'the threshold the code uses now (for --sweep)', '0.58')
    .parse(process.argv)
    .opts<{ cache: string; fresh?: boolean; sweep?: boolean; libraries: string[]; current: string }>();
  console.log('library  set                  n   hit@1  hit@5  falseRef  refusal');
  for (const lib of opts.libraries) {
    const dirs = LIBRARIES[lib];
    if (!dirs) throw new Error(`unknown library ${lib}`);
    const app = await openLibrary(lib, dirs, opts.cache, opts.fresh === true);
    try {
      const all: Outcome[] = [];
      for (const set of SETS.filter((s) => dirs.includes(s.plans))) {
        const rows = await run(app, set);
        all.push(...rows);
        const m = metrics(rows);
        console.log(`${lib.padEnd(8)} ${set.name.padEnd(18)} ${String(m.n).padStart(4)}  ${f3(m.hit1)}  ${f3(m.hit5)}  ${f3(m.falseRefusal)}     ${f3(m.refusal)}`);
      }
      if (opts.sweep) {
        console.log(`${lib}: tuning sets, replayed thresholds`);
        for (const line of sweep(all.filter((r) => !r.holdout), Number(opts.current))) console.log(line);
      }
    } finally {
      await app.close();
    }
  }
  return 0;
}

await runCommand(main);
