/**
 * The refusal decision must not depend on which plans happen to be loaded (issue "any
 * province"): the same questions, asked of the five sample plans alone and of the samples with
 * the 17 bench plans beside them (read in place from ../shared/bench), get the same verdicts
 * whenever they name their province, and meet the same bar on both libraries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../corpus/parse/index.ts';
import { extractTasks } from '../corpus/tasks/index.ts';
import type { ParsedDocument, Task } from '../corpus/types.ts';
import { loadDevSet, parseSamplePlans, passagesOf, REPO_ROOT, type DevQuestion } from './dev-harness.ts';
import { createRetriever, type Retriever } from './retriever.ts';

const BENCH = path.resolve(REPO_ROOT, '..', 'shared', 'bench', 'plans-2025');
const benchFiles = fs.existsSync(BENCH) ? fs.readdirSync(BENCH).filter((f) => f.endsWith('.txt')).sort() : [];
if (benchFiles.length === 0) console.warn(`bench plans not found at ${BENCH}: the two-library check is skipped`);

async function library(docs: readonly ParsedDocument[]): Promise<Retriever> {
  const tasks = new Map<string, Task>();
  for (const d of docs) for (const t of extractTasks(d)) if (!tasks.has(t.clauseId)) tasks.set(t.clauseId, t);
  const retriever = createRetriever({ taskByClause: (id) => tasks.get(id) });
  await retriever.sync(passagesOf(docs));
  return retriever;
}

async function verdicts(r: Retriever, questions: readonly DevQuestion[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  for (const q of questions) out.set(q.id, (await r.search(q.question)).answerable);
  return out;
}

function rates(questions: readonly DevQuestion[], v: ReadonlyMap<string, boolean>) {
  const answerable = questions.filter((q) => q.evidence);
  const unanswerable = questions.filter((q) => !q.evidence);
  return {
    falseRefusal: answerable.filter((q) => !v.get(q.id)).length / answerable.length,
    refusal: unanswerable.filter((q) => !v.get(q.id)).length / unanswerable.length,
  };
}

describe.skipIf(benchFiles.length === 0)('the refusal decision on two library sizes', () => {
  const samples = parseSamplePlans();
  const bench = benchFiles.map((f) => parseDocument(f, fs.readFileSync(path.join(BENCH, f), 'utf8')));
  const dev = loadDevSet(path.join(REPO_ROOT, 'eval', 'sets', 'dev.jsonl'));
  const p25 = loadDevSet(path.join(REPO_ROOT, 'eval', 'sets', 'plans2025.jsonl'));
  let small: Map<string, boolean>;
  let large: Map<string, boolean>;
  let p25Small: Map<string, boolean>;
  let p25Large: Map<string, boolean>;

  beforeAll(async () => {
    const alone = await library(samples);
    const all = await library([...samples, ...bench]);
    const benchAlone = await library(bench);
    small = await verdicts(alone, dev);
    large = await verdicts(all, dev);
    p25Small = await verdicts(benchAlone, p25);
    p25Large = await verdicts(all, p25);
  }, 120_000);

  it('gives a question naming its province the same verdict whatever else is loaded', () => {
    const named = [...dev, ...p25].filter((q) => q.province !== null);
    const differ = named.filter((q) => (dev.includes(q) ? small.get(q.id) !== large.get(q.id) : p25Small.get(q.id) !== p25Large.get(q.id)));
    expect(differ.map((q) => q.id)).toEqual([]);
  });

  it('meets the bar on the samples alone and with the bench plans beside them', () => {
    for (const v of [small, large]) {
      const r = rates(dev, v);
      expect(r.falseRefusal).toBe(0);
      expect(r.refusal).toBeGreaterThanOrEqual(0.75);
    }
    for (const v of [p25Small, p25Large]) {
      const r = rates(p25, v);
      expect(r.falseRefusal).toBeLessThanOrEqual(0.08);
      expect(r.refusal).toBeGreaterThanOrEqual(0.7);
    }
  });
});
