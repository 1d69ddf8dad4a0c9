import { EvalError } from './errors.ts';
import { scoreQuestion, summarizeRun } from './metrics.ts';
import type { EvalQuestion, EvalReport, QuestionScore, Runner } from './types.ts';

export interface HarnessOptions {
  /** Called after every question, for a progress bar on stderr. */
  onProgress?: (run: string, done: number, total: number) => void;
}

/**
 * Runs every runner over the same questions, one after another in one process, and scores
 * them with the same rule. Skipped runners are listed with their reason, never run or faked.
 * A runner that throws stops the evaluation: an error is a bug to see, not a quiet miss.
 */
export async function evaluate(set: string, questions: readonly EvalQuestion[], runners: readonly Runner[], opts: HarnessOptions = {}): Promise<EvalReport> {
  const report: EvalReport = { set, n: questions.length, runs: [], questions: [], skipped: [] };
  for (const runner of runners) {
    if (runner.skipped !== undefined) {
      report.skipped.push({ name: runner.name, reason: runner.skipped });
      continue;
    }
    const scores = await scoreRun(runner, questions, opts);
    report.runs.push(summarizeRun(runner.name, questions, scores));
    for (const s of scores) {
      report.questions.push({ id: s.id, run: s.run, rank: s.rank, answerable: s.answerable, hitRank: s.hitRank, cite1: s.cite1, agency: s.agency, ms: s.ms });
    }
  }
  return report;
}

async function scoreRun(runner: Runner, questions: readonly EvalQuestion[], opts: HarnessOptions): Promise<QuestionScore[]> {
  const scores: QuestionScore[] = [];
  for (const q of questions) {
    let out;
    try {
      out = await runner.run(q.question);
    } catch (cause) {
      throw new EvalError(`run "${runner.name}" failed on question ${q.id}`, { cause });
    }
    scores.push(scoreQuestion(q, runner.name, out));
    opts.onProgress?.(runner.name, scores.length, questions.length);
  }
  return scores;
}
