import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { processEnv } from '../bot/cli/args.ts';
import { openReadyApp } from '../bot/cli/ready.ts';
import { loadConfig } from '../bot/config.ts';
import { silentLogger } from '../bot/logger.ts';
import { runEval } from './cli.ts';
import { evaluate } from './harness.ts';
import { containsEvidence } from './matching.ts';
import { parseQuestionSet } from './questions.ts';
import { assistantRunner, parseAnswerLines, replayRunner } from './runs.ts';
import type { EvalReport, RunSummary } from './types.ts';

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

/**
 * The same check on the real build: `ask --batch` on the project's dev set as a child process,
 * recounted here from its JSONL with the contract's matching rule, against the harness's own
 * numbers from a replay of that output (the `eval --answers` command) and from a live run. The
 * models dir is empty, so this is the keyword-only configuration every clean install runs.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEV_SET = fileURLToPath(new URL('./sets/dev.jsonl', import.meta.url));
const METRICS = ['hit1', 'hit3', 'hit5', 'hit10', 'mrr10', 'cite1', 'refusal', 'falseRefusal'] as const;
type Recount = Record<(typeof METRICS)[number], number>;

interface BatchLine {
  id: string;
  answerable: boolean;
  citations: Array<{ text: string }>;
  hits: Array<{ text: string }>;
}

/** hit@k, MRR@10, cite@1, refusal and false refusals straight from the JSONL, by the definitions in shared/eval/README.md. */
function recountAll(setText: string, answersText: string): Recount {
  const answers = new Map<string, BatchLine>();
  for (const line of answersText.split('\n').filter((l) => l.trim())) {
    const a = JSON.parse(line) as BatchLine;
    answers.set(a.id, a);
  }
  const ranks: Array<number | null> = [];
  let cited = 0;
  let falseRefusals = 0;
  let unanswerable = 0;
  let refused = 0;
  for (const line of setText.split('\n').filter((l) => l.trim())) {
    const q = JSON.parse(line) as { id: string; type: string; evidence: string | null };
    const a = answers.get(q.id);
    if (!a) throw new Error(`no answer for ${q.id}`);
    if (q.type === 'unanswerable') {
      unanswerable += 1;
      if (!a.answerable) refused += 1;
      continue;
    }
    const evidence = q.evidence ?? '';
    const i = a.hits.slice(0, 10).findIndex((h) => containsEvidence(h.text, evidence));
    ranks.push(a.answerable && i >= 0 ? i + 1 : null);
    if (a.answerable && a.citations[0] && containsEvidence(a.citations[0].text, evidence)) cited += 1;
    if (!a.answerable) falseRefusals += 1;
  }
  const n = ranks.length;
  const at = (k: number) => ranks.filter((r) => r !== null && r <= k).length / n;
  return {
    hit1: at(1), hit3: at(3), hit5: at(5), hit10: at(10),
    mrr10: ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / n,
    cite1: cited / n,
    refusal: refused / unanswerable,
    falseRefusal: falseRefusals / n,
  };
}

function expectSameNumbers(run: RunSummary | undefined, expected: Recount, label: string): void {
  expect(run?.name, label).toBe('assistant');
  for (const key of METRICS) expect(run?.[key], `${label} ${key}`).toBeCloseTo(expected[key], 10);
}

describe('recount of a real ask --batch run on the dev set', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-recount-'));
  const env = { ...processEnv(), DATA_DIR: undefined, MODELS_DIR: path.join(dir, 'no-models'), LOG_LEVEL: 'silent' };
  const dataDir = path.join(dir, 'data');
  const answersFile = path.join(dir, 'answers.jsonl');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the harness (replayed and live) agrees with the recount, and the dev targets hold', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bot/cli/ask.ts', '--data-dir', dataDir, '--batch', DEV_SET], {
      cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024,
    });
    fs.writeFileSync(answersFile, stdout);
    const setText = fs.readFileSync(DEV_SET, 'utf8');
    const questions = parseQuestionSet(setText);
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(questions.map((q) => q.id));
    const expected = recountAll(setText, stdout);

    // Replay: the `eval --answers` command itself, its --json report read back.
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const jsonOut = path.join(dir, 'replay.json');
    const code = await runEval(['--data-dir', dataDir, '--set', DEV_SET, '--answers', answersFile, '--json', jsonOut]).finally(() => vi.restoreAllMocks());
    expect(code).toBe(0);
    const replayed = JSON.parse(fs.readFileSync(jsonOut, 'utf8')) as EvalReport;
    expectSameNumbers(replayed.runs[0], expected, 'replay');

    // Live: the assistant runner on the data dir ask just built, in this process.
    const app = await openReadyApp(loadConfig(env, { dataDir }), silentLogger());
    try {
      const live = await evaluate('dev.jsonl', questions, [assistantRunner(app)]);
      expectSameNumbers(live.runs[0], expected, 'live');
    } finally {
      await app.close();
    }

    // The headline targets the project claims on the dev set: a quality regression fails here.
    expect(expected.hit1).toBeGreaterThanOrEqual(0.85);
    expect(expected.hit5).toBeGreaterThanOrEqual(0.95);
    expect(expected.mrr10).toBeGreaterThanOrEqual(0.9);
    expect(expected.refusal).toBeGreaterThanOrEqual(0.8);
    expect(expected.falseRefusal).toBeLessThanOrEqual(0.05);
  });
});
