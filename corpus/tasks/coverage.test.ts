import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/index.ts';
import { extractTasks } from './index.ts';

/**
 * Generalisation check on plans nobody tuned for (../shared/bench/plans-2025 beside the repository, skipped when
 * absent): every file parses and yields tasks without crashing, and we report the share of
 * sentences containing "chủ trì" that end up in a task with a lead agency.
 */

const BENCH = process.env.TASKS_BENCH_DIR ?? fileURLToPath(new URL('../../../shared/bench/plans-2025', import.meta.url));
const files = fs.existsSync(BENCH) ? fs.readdirSync(BENCH).filter((f) => f.endsWith('.txt')).sort() : [];

/** Sentences of a clause that say "chủ trì" (general talk such as "cơ quan chủ trì" counts too, so 100% is not expected). */
function chuTriSentences(text: string): number {
  return text.split(/(?<=[.;!?])\s+/u).filter((s) => /chủ trì/iu.test(s.normalize('NFC'))).length;
}

describe.skipIf(files.length === 0)('task coverage on bench plans', () => {
  it('extracts tasks from every bench plan and reports "chủ trì" coverage', () => {
    let total = 0;
    let covered = 0;
    const perFile: string[] = [];
    for (const file of files) {
      const doc = parseDocument(file, fs.readFileSync(path.join(BENCH, file), 'utf8'));
      const tasks = extractTasks(doc);
      const withLead = new Set(tasks.filter((t) => t.lead.length > 0).map((t) => t.clauseId));
      let fileTotal = 0;
      let fileCovered = 0;
      for (const c of doc.clauses) {
        // Appendix titles carry "CHỦ TRÌ" as a column header, not as an assignment.
        if (c.kind === 'front' || c.kind === 'back' || (c.kind === 'appendix' && !c.columns)) continue;
        const n = chuTriSentences(c.text);
        fileTotal += n;
        if (withLead.has(c.id)) fileCovered += n;
      }
      total += fileTotal;
      covered += fileCovered;
      perFile.push(`${file}: ${tasks.length} tasks, chủ trì ${fileCovered}/${fileTotal}`);
    }
    const share = total === 0 ? 1 : covered / total;
    console.log(`${perFile.join('\n')}\n"chủ trì" sentences in a task with a lead: ${covered}/${total} = ${(share * 100).toFixed(1)}% (target ≥ 90%)`);
    expect(total).toBeGreaterThan(0);
  });
});
