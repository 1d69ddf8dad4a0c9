import Database from 'better-sqlite3';
import { EvalError } from './errors.ts';

/**
 * `--feedback`: the 👍/👎 votes officials gave in chat become candidate questions in the
 * question-set format, for a person to review: they set `type`, `evidence` and `agencies`
 * (the set loader refuses an answerable line without evidence, so an unreviewed export
 * cannot be scored by accident).
 */
export interface FeedbackRow {
  id: number;
  at: string;
  question: string;
  doc_id: string | null;
  section: string | null;
  answer: string | null;
  vote: number;
  province: string | null;
  year: number | null;
}

export interface FeedbackQuestion {
  id: string;
  question: string;
  type: null;
  province: string | null;
  year: number | null;
  doc: string | null;
  section: string | null;
  evidence: null;
  answer: string | null;
  agencies: string[];
  /** 1 for 👍, -1 for 👎: with 👎 the doc/section/answer are what the bot wrongly gave. */
  vote: number;
  at: string;
}

/** Province and year come from the cited document, when the bot cited one. */
const FEEDBACK_SQL = `
  SELECT f.id, f.at, f.question, f.doc_id, f.section, f.answer, f.vote, d.province, d.year
  FROM feedback f LEFT JOIN documents d ON d.id = f.doc_id
  ORDER BY f.id`;

export function readFeedback(db: Database.Database): FeedbackRow[] {
  return db.prepare(FEEDBACK_SQL).all() as FeedbackRow[];
}

export function feedbackToQuestions(rows: readonly FeedbackRow[]): FeedbackQuestion[] {
  return rows.map((r) => ({
    id: `fb${r.id}`,
    question: r.question.normalize('NFC'),
    type: null,
    province: r.province,
    year: r.year,
    doc: r.doc_id,
    section: r.section,
    evidence: null,
    answer: r.answer,
    agencies: [],
    vote: r.vote,
    at: r.at,
  }));
}

export function toJsonl(items: readonly unknown[]): string {
  return items.map((x) => `${JSON.stringify(x)}\n`).join('');
}

/** Opens the project database read-only: exporting feedback must never create or migrate one. */
export function exportFeedback(dbPath: string): FeedbackQuestion[] {
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new EvalError(`cannot open the database ${dbPath}`, { cause });
  }
  try {
    return feedbackToQuestions(readFeedback(db));
  } finally {
    db.close();
  }
}
