import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../corpus/store/db.ts';
import { EvalError } from './errors.ts';
import { exportFeedback, toJsonl } from './feedback.ts';
import { parseQuestionSet } from './questions.ts';

function seed(file: string): void {
  const db = openDatabase(file);
  db.prepare(`INSERT INTO documents (id, path, sha256, province, year, ingested_at) VALUES ('nd.txt', 'corpus/plans/nd.txt', 'x', 'Nam Định', 2024, '2024-01-01')`).run();
  const add = db.prepare('INSERT INTO feedback (at, user_id, question, doc_id, section, answer, vote) VALUES (?, ?, ?, ?, ?, ?, ?)');
  add.run('2024-05-01T08:00:00Z', 7, 'Ai chủ trì hoàn thuế GTGT?', 'nd.txt', 'IV.2.5.e', 'Cục Thuế tỉnh chủ trì.', 1);
  add.run('2024-05-02T08:00:00Z', 8, 'Sở nào lo PCCC?'.normalize('NFD'), null, null, 'Không có trong tài liệu.', -1);
  db.close();
}

describe('feedback export', () => {
  it('turns votes into review lines in the question-set format, province and year from the cited plan', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eval-fb-')), 'db.sqlite');
    seed(file);
    const out = exportFeedback(file);
    expect(out).toEqual([
      { id: 'fb1', question: 'Ai chủ trì hoàn thuế GTGT?', type: null, province: 'Nam Định', year: 2024, doc: 'nd.txt', section: 'IV.2.5.e', evidence: null, answer: 'Cục Thuế tỉnh chủ trì.', agencies: [], vote: 1, at: '2024-05-01T08:00:00Z' },
      { id: 'fb2', question: 'Sở nào lo PCCC?', type: null, province: null, year: null, doc: null, section: null, evidence: null, answer: 'Không có trong tài liệu.', agencies: [], vote: -1, at: '2024-05-02T08:00:00Z' },
    ]);
    // Unreviewed lines cannot be scored by mistake: they lack evidence.
    expect(() => parseQuestionSet(toJsonl(out))).toThrow(/no evidence/);
    const reviewed = out.map((q) => ({ ...q, type: 'unanswerable' }));
    expect(parseQuestionSet(toJsonl(reviewed)).map((q) => q.id)).toEqual(['fb1', 'fb2']);
  });

  it('never creates a database that is not there', () => {
    const file = path.join(os.tmpdir(), `eval-fb-missing-${process.pid}.sqlite`);
    expect(() => exportFeedback(file)).toThrow(EvalError);
    expect(fs.existsSync(file)).toBe(false);
  });
});
