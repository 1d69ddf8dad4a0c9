import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/index.ts';
import type { Clause, Task } from '../types.ts';
import { normaliseAgency } from './agencies.ts';
import { fold } from './fold.ts';
import { extractTasks } from './index.ts';
import { findRoles } from './roles.ts';

/**
 * Generalisation check on plans nobody tuned for (../shared/bench/plans-2025 beside the repository, skipped when
 * absent): every file parses and yields tasks without crashing, and we report the share of
 * sentences containing "chủ trì" that end up in a task with a lead agency.
 *
 * Two numbers are printed. "raw" counts every sentence saying "chủ trì". "assignments" (the one
 * held to ≥ 90%) leaves out sentences where every "chủ trì" is a generic reference to an unnamed
 * lead: "các cơ quan được phân công chủ trì", "vai trò chủ trì của lực lượng Công an", "cơ quan chủ
 * trì soạn thảo". Labels ("Đơn vị chủ trì thực hiện: …"), "X là cơ quan chủ trì" and the aside
 * "Sở Tài chính (cơ quan chủ trì)" stay counted. A heading that only names its agency ("Sở Tài chính
 * (cơ quan chủ trì)" over numbered duties) is no task itself; it counts as covered when a task below
 * it carries that agency as lead.
 */

const BENCH = process.env.TASKS_BENCH_DIR ?? fileURLToPath(new URL('../../../shared/bench/plans-2025', import.meta.url));
const files = fs.existsSync(BENCH) ? fs.readdirSync(BENCH).filter((f) => f.endsWith('.txt')).sort() : [];

function chuTriSentences(text: string): string[] {
  return text.split(/(?<=[.;!?])\s+/u).filter((s) => /chủ trì/iu.test(s.normalize('NFC')));
}

/** "chủ trì" as a modifier of an unnamed body, not a label (":" follows) and not "(cơ quan chủ trì)" or "là cơ quan chủ trì". */
const GENERIC_CHU_TRI =
  /(?:(?<!\bla )\b(?:co quan|don vi)(?:,? (?:don vi|nha nuoc))? chu tri(?!\)|(?: [a-z]+){0,4} ?:)|\bvai tro chu tri|\bduoc (?:phan cong|giao) chu tri)/g;

function isGenericMention(sentence: string): boolean {
  const folded = fold(sentence);
  const all = folded.match(/chu tri/g)?.length ?? 0;
  const generic = folded.match(GENERIC_CHU_TRI)?.length ?? 0;
  return all > 0 && generic === all;
}

/** A heading-only clause whose agency leads some task in its subtree. */
function leadsBelow(clause: Clause, tasks: Task[], byId: Map<string, Clause>, province: string | null): boolean {
  const roles = findRoles(clause.text);
  if (!roles.headingOnly) return false;
  const named = new Set(roles.leads.map((l) => normaliseAgency(l, province)));
  return tasks.some((t) => {
    if (!t.lead.some((l) => named.has(l))) return false;
    for (let c = byId.get(t.clauseId); c; c = c.parentId ? byId.get(c.parentId) : undefined) if (c.id === clause.id) return true;
    return false;
  });
}

interface Count {
  raw: number;
  rawCovered: number;
  total: number;
  covered: number;
}

function countFile(file: string): Count & { tasks: number } {
  const doc = parseDocument(file, fs.readFileSync(path.join(BENCH, file), 'utf8'));
  const tasks = extractTasks(doc);
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));
  const withLead = new Set(tasks.filter((t) => t.lead.length > 0).map((t) => t.clauseId));
  const n: Count = { raw: 0, rawCovered: 0, total: 0, covered: 0 };
  for (const c of doc.clauses) {
    // Appendix titles carry "CHỦ TRÌ" as a column header, not as an assignment.
    if (c.kind === 'front' || c.kind === 'back' || (c.kind === 'appendix' && !c.columns)) continue;
    const sentences = chuTriSentences(c.text);
    if (sentences.length === 0) continue;
    const isCovered = withLead.has(c.id) || leadsBelow(c, tasks, byId, doc.header.province);
    const assignments = sentences.filter((s) => !isGenericMention(s)).length;
    n.raw += sentences.length;
    n.total += assignments;
    if (isCovered) {
      n.rawCovered += sentences.length;
      n.covered += assignments;
    }
  }
  return { ...n, tasks: tasks.length };
}

const pct = (a: number, b: number): string => `${a}/${b} = ${((b === 0 ? 1 : a / b) * 100).toFixed(1)}%`;

describe('generic "chủ trì" mentions', () => {
  it('tells references to an unnamed lead from assignments', () => {
    expect(isGenericMention('Các cơ quan được phân công chủ trì thực hiện nhiệm vụ có trách nhiệm lập dự toán.')).toBe(true);
    expect(isGenericMention('Xác định rõ vai trò chủ trì của lực lượng Công an.')).toBe(true);
    expect(isGenericMention('Theo tiến độ của cơ quan chủ trì soạn thảo.')).toBe(true);
    expect(isGenericMention('Đơn vị chủ trì thực hiện: Sở Tư pháp.')).toBe(false);
    expect(isGenericMention('Sở Tài chính (cơ quan chủ trì)')).toBe(false);
    expect(isGenericMention('Sở Nội vụ là cơ quan chủ trì, phối hợp với các sở.')).toBe(false);
    expect(isGenericMention('Sở Y tế chủ trì, phối hợp với cơ quan chủ trì dự án.')).toBe(false);
  });
});

describe.skipIf(files.length === 0)('task coverage on bench plans', () => {
  it('extracts tasks from every bench plan and covers ≥ 90% of "chủ trì" assignments', () => {
    const sum: Count = { raw: 0, rawCovered: 0, total: 0, covered: 0 };
    const perFile: string[] = [];
    for (const file of files) {
      const n = countFile(file);
      for (const k of Object.keys(sum) as (keyof Count)[]) sum[k] += n[k];
      perFile.push(`${file}: ${n.tasks} tasks, chủ trì ${n.covered}/${n.total} (raw ${n.rawCovered}/${n.raw})`);
    }
    console.log(
      `${perFile.join('\n')}\n"chủ trì" sentences in a task with a lead: assignments ${pct(sum.covered, sum.total)} (target ≥ 90%), raw ${pct(sum.rawCovered, sum.raw)}`,
    );
    expect(sum.total).toBeGreaterThan(0);
    expect(sum.covered / sum.total).toBeGreaterThanOrEqual(0.9);
  });
});
