import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { cliConfig, isEntryPoint, processEnv, runCommand, UsageError } from '../bot/cli/args.ts';
import { loadConfig, type Config } from '../bot/config.ts';
import { createLogger } from '../bot/logger.ts';
import { ALQAC_SPLITS, alqacDocuments, bm25AlqacRunner, evaluateAlqac, loadAlqac, type AlqacSplit } from './alqac.ts';
import { compareWithBaseline, describeComparison, loadBaseline } from './baseline.ts';
import { exportFeedback, toJsonl } from './feedback.ts';
import { formatAlqacTable, formatEvalTable } from './format.ts';
import { evaluate } from './harness.ts';
import { peerRunner, planPathsFor, readPlans } from './peer.ts';
import { loadQuestionSet } from './questions.ts';
import { renderReport } from './report.ts';
import { createApp } from '../bot/app.ts';
import { ingestAndSync, summarizeReport } from '../bot/cli/ensure.ts';
import { openReadyApp } from '../bot/cli/ready.ts';
import { alqacEngineRunners, assistantRunner, laneRunner, parseAnswerLines, replayRunner, type EvalApp } from './runs.ts';
import type { EvalReport, Runner } from './types.ts';

/**
 * `npm run -s eval -- --set FILE.jsonl [--data-dir D] [--json OUT.json] [--report OUT.html]`
 * and the `--alqac`, `--feedback` and `--baseline` modes. Tables go to stdout, progress and
 * logs to stderr, JSON and HTML to the files named.
 */
interface EvalOptions {
  set?: string;
  dataDir?: string;
  json?: string;
  report?: string;
  baseline?: string;
  answers?: string;
  plans?: string[];
  alqac?: string;
  split: string;
  feedback?: boolean;
  out?: string;
}

/** Exit code when the run worked but a headline metric regressed against --baseline. */
export const EXIT_REGRESSION = 2;

const DEFAULT_SET = fileURLToPath(new URL('./sets/dev.jsonl', import.meta.url));
const SAMPLE_PLANS = fileURLToPath(new URL('../corpus/plans', import.meta.url));

function program(): Command {
  return new Command('eval')
    .description('Evaluate the assistant on a question set, the ALQAC benchmark, or export chat feedback')
    .option('--set <file>', 'question set (JSONL, shared/eval/README.md format)', DEFAULT_SET)
    .option('--data-dir <dir>', 'where the database, indexes and logs live (wins over DATA_DIR)')
    .option('--json <out>', 'write the full results as JSON to this file')
    .option('--report <out>', 'write a self-contained HTML report to this file')
    .option('--baseline <file>', `compare with a previous --json output; exit ${EXIT_REGRESSION} when a headline metric drops by more than 0.02`)
    .option('--answers <file>', 'score recorded `ask --batch` output instead of running the assistant')
    .option('--plans <paths...>', 'run on a fresh, throwaway data dir holding only these plan files or folders (the peer baseline reads the same files)')
    .option('--alqac <dir>', 'run the ALQAC 2023 retrieval benchmark from this folder')
    .option('--split <split>', `ALQAC split: ${ALQAC_SPLITS.join(' or ')}`, 'private_test')
    .option('--feedback', 'export the 👍/👎 chat feedback as a question file for review')
    .option('--out <file>', 'with --feedback: write the JSONL here instead of stdout')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
}

export async function runEval(argv: string[]): Promise<number> {
  const cmd = program();
  cmd.parse(argv, { from: 'user' });
  const opts = cmd.opts<EvalOptions>();
  const config = cliConfig(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir });
  if (opts.feedback) return feedbackMode(config, opts);
  if (opts.alqac !== undefined) return alqacMode(opts.alqac, opts);
  if (opts.plans !== undefined && opts.answers === undefined) return withPlanLibrary(opts.plans, opts.dataDir, (c) => setMode(c, opts));
  return setMode(config, opts);
}

/** The environment without DATABASE_URL: runs on throwaway data never write to the shared database. */
function throwawayEnv(): Record<string, string | undefined> {
  const { DATABASE_URL: _shared, ...env } = processEnv();
  return env;
}

/**
 * `--plans`: any library measured in one command. The plans are ingested into a fresh data dir
 * (a temporary one unless --data-dir names one, which must then be empty) that nothing else
 * shares, so the sample plans never leak into a province's own library.
 */
async function withPlanLibrary(plans: string[], dataDir: string | undefined, run: (config: Config) => Promise<number>): Promise<number> {
  if (dataDir !== undefined && (await fs.readdir(dataDir).catch(() => [])).length > 0) {
    throw new UsageError(`--plans needs a fresh data dir, and ${dataDir} is not empty`);
  }
  const dir = dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'tro-ly-eval-')));
  try {
    // Always a throwaway SQLite store in that folder: a DATABASE_URL in the environment is the office's shared database.
    const config = loadConfig(throwawayEnv(), { dataDir: dir });
    const logger = createLogger(config.logLevel);
    const app = await createApp(config, logger);
    try {
      const report = await ingestAndSync(plans, { config, store: app.plans, afterIngest: app.afterIngest });
      process.stderr.write(`${summarizeReport(report)}\n`);
      if (report.ingested.length + report.skipped.length === 0) throw new UsageError(`no plan could be read from ${plans.join(', ')}`);
    } finally {
      await app.close();
    }
    return await run(config);
  } finally {
    if (dataDir === undefined) await fs.rm(dir, { recursive: true, force: true });
  }
}

async function feedbackMode(config: Config, opts: EvalOptions): Promise<number> {
  const lines = toJsonl(exportFeedback(config.dbPath));
  if (opts.out) await fs.writeFile(opts.out, lines);
  else process.stdout.write(lines);
  return 0;
}

async function openApp(config: Config): Promise<EvalApp> {
  return createApp(config, createLogger(config.logLevel));
}

/** Opens the app on the data dir and brings its index up to date, ingesting the sample plans into a fresh one. */
function openPreparedApp(config: Config): Promise<EvalApp> {
  return openReadyApp(config, createLogger(config.logLevel));
}

function progress(run: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r${run}: ${done}/${total}${done === total ? '\n' : ''}`);
}

async function setMode(config: Config, opts: EvalOptions): Promise<number> {
  const setFile = opts.set ?? DEFAULT_SET;
  const questions = await loadQuestionSet(setFile);
  const setName = path.basename(setFile);
  let report: EvalReport;
  if (opts.answers !== undefined) {
    const answers = parseAnswerLines(await fs.readFile(opts.answers, 'utf8'));
    report = await evaluate(setName, questions, [replayRunner('assistant', questions, answers)], { onProgress: progress });
  } else {
    const app = await openPreparedApp(config);
    try {
      const runners: Runner[] = [assistantRunner(app), laneRunner(app, 'lexical', config), laneRunner(app, 'dense', config), await peer(config, opts)];
      report = await evaluate(setName, questions, runners, { onProgress: progress });
    } finally {
      await app.close();
    }
  }
  process.stdout.write(formatEvalTable(report));
  if (opts.json) await fs.writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.report) await fs.writeFile(opts.report, renderReport(report, new Date().toISOString()));
  if (opts.baseline === undefined) return 0;
  const comparison = compareWithBaseline(report, await loadBaseline(opts.baseline));
  process.stderr.write(`${describeComparison(comparison)}\n`);
  return comparison.regressions.length ? EXIT_REGRESSION : 0;
}

async function peer(config: Config, opts: EvalOptions): Promise<Runner> {
  const { paths, missing } = opts.plans ? { paths: opts.plans, missing: [] } : planPathsFor(config.dbPath, SAMPLE_PLANS);
  for (const m of missing) process.stderr.write(`peer baseline: ${m} is gone, left out\n`);
  return peerRunner(await readPlans(paths, config.maxFileBytes));
}

function isSplit(s: string): s is AlqacSplit {
  return (ALQAC_SPLITS as readonly string[]).includes(s);
}

/** Indexes the articles in a throwaway data dir, so the benchmark never touches the real one. */
async function alqacMode(dir: string, opts: EvalOptions): Promise<number> {
  if (!isSplit(opts.split)) throw new UsageError(`--split must be ${ALQAC_SPLITS.join(' or ')}`);
  const data = await loadAlqac(dir, opts.split);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tro-ly-alqac-'));
  try {
    const config = loadConfig(throwawayEnv(), { dataDir: tmp });
    const app = await openApp(config);
    try {
      for (const doc of alqacDocuments(data.articles)) await app.plans.saveDocument(doc);
      await app.afterIngest();
      const report = await evaluateAlqac(opts.split, data, [...alqacEngineRunners(app, config), bm25AlqacRunner(data.articles)]);
      process.stdout.write(formatAlqacTable(report));
      if (opts.json) await fs.writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return 0;
}

if (isEntryPoint(import.meta.url)) await runCommand(() => runEval(process.argv.slice(2)));
