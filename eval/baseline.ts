import fs from 'node:fs/promises';
import { z } from 'zod';
import { EvalError } from './errors.ts';
import type { EvalReport } from './types.ts';

/**
 * The release gate: compares the full run of this evaluation with a previous `--json` output
 * and fails when a headline metric got worse by more than the tolerance.
 */
export const TOLERANCE = 0.02;

/** Metrics where higher is better; falseRefusal is the one where a rise is the regression. */
const HIGHER_IS_BETTER = ['hit1', 'hit5', 'mrr10', 'cite1', 'agency', 'refusal'] as const;
const LOWER_IS_BETTER = ['falseRefusal'] as const;
type Headline = (typeof HIGHER_IS_BETTER)[number] | (typeof LOWER_IS_BETTER)[number];

const metric = z.number().nullable().optional();
const previousSchema = z.object({
  set: z.string().optional(),
  n: z.number().optional(),
  runs: z
    .array(z.object({ name: z.string(), hit1: metric, hit5: metric, mrr10: metric, cite1: metric, agency: metric, refusal: metric, falseRefusal: metric }))
    .min(1),
});
export type BaselineReport = z.infer<typeof previousSchema>;

export interface Regression {
  metric: Headline;
  before: number;
  after: number | null;
}

export interface BaselineComparison {
  regressions: Regression[];
  /** Differences that do not fail the gate but a maintainer should see (another set, another run). */
  warnings: string[];
}

export function parseBaseline(raw: unknown, source = 'baseline'): BaselineReport {
  const parsed = previousSchema.safeParse(raw);
  if (!parsed.success) throw new EvalError(`${source} is not an eval --json output`, { cause: parsed.error });
  return parsed.data;
}

export async function loadBaseline(file: string): Promise<BaselineReport> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (cause) {
    throw new EvalError(`cannot read baseline ${file}`, { cause });
  }
  return parseBaseline(raw, file);
}

/** A metric that vanished (null now, a number before) counts as a regression: it can no longer be checked. */
function worse(m: Headline, before: number, after: number | null): boolean {
  if (after === null) return true;
  const delta = (LOWER_IS_BETTER as readonly string[]).includes(m) ? after - before : before - after;
  return delta > TOLERANCE + 1e-9;
}

export function compareWithBaseline(current: Pick<EvalReport, 'set' | 'n' | 'runs'>, previous: BaselineReport): BaselineComparison {
  const warnings: string[] = [];
  const now = current.runs[0];
  const then = previous.runs[0];
  if (!now || !then) throw new EvalError('nothing to compare: a report without runs');
  if (now.name !== then.name) warnings.push(`first run is "${now.name}" now but was "${then.name}"`);
  if (previous.set !== undefined && previous.set !== current.set) warnings.push(`set is ${current.set} now but was ${previous.set}`);
  if (previous.n !== undefined && previous.n !== current.n) warnings.push(`${current.n} questions now, ${previous.n} before`);
  const regressions: Regression[] = [];
  for (const m of [...HIGHER_IS_BETTER, ...LOWER_IS_BETTER]) {
    const before = then[m];
    if (before === null || before === undefined) continue;
    if (worse(m, before, now[m])) regressions.push({ metric: m, before, after: now[m] });
  }
  return { regressions, warnings };
}

export function describeComparison(c: BaselineComparison): string {
  const lines = c.warnings.map((w) => `warning: ${w}`);
  if (c.regressions.length === 0) lines.push(`baseline: no headline metric regressed by more than ${TOLERANCE}`);
  for (const r of c.regressions) lines.push(`REGRESSION ${r.metric}: ${r.before.toFixed(3)} -> ${r.after === null ? 'n/a' : r.after.toFixed(3)}`);
  return lines.join('\n');
}
