import fs from 'node:fs/promises';
import { z } from 'zod';
import { EvalError } from './errors.ts';
import { matchTokens } from './matching.ts';
import type { EvalQuestion, QuestionLang } from './types.ts';

const questionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  type: z.enum(['lead_agency', 'coordination', 'deadline', 'target', 'assignment', 'fact', 'unanswerable']).nullable().default(null),
  province: z.string().nullable().default(null),
  year: z.number().int().nullable().default(null),
  doc: z.string().nullable().default(null),
  section: z.string().nullable().default(null),
  evidence: z.string().nullable().default(null),
  answer: z.string().nullable().default(null),
  agencies: z.array(z.string()).default([]),
});

/** Gold says the corpus holds the answer. */
export function expectsAnswer(q: EvalQuestion): boolean {
  return q.type !== 'unanswerable';
}

/**
 * Parses a question set (one JSON object a line, blank lines ignored). An answerable question
 * without `evidence` cannot be scored, so it is an error rather than a silent miss: a feedback
 * export must be reviewed before it is used as a set.
 */
export function parseQuestionSet(text: string, source = 'question set'): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Set<string>();
  text.normalize('NFC').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${source}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (cause) {
      throw new EvalError(`${where}: not valid JSON`, { cause });
    }
    const parsed = questionSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EvalError(`${where}: ${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid question'}`);
    }
    const q = parsed.data;
    if (seen.has(q.id)) throw new EvalError(`${where}: duplicate id ${q.id}`);
    if (expectsAnswer(q) && !q.evidence?.trim()) {
      throw new EvalError(`${where}: question ${q.id} is answerable but has no evidence to match (set type "unanswerable" or add evidence)`);
    }
    seen.add(q.id);
    questions.push(q);
  });
  if (questions.length === 0) throw new EvalError(`${source}: no questions`);
  return questions;
}

export async function loadQuestionSet(file: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (cause) {
    throw new EvalError(`cannot read question set ${file}`, { cause });
  }
  return parseQuestionSet(text, file);
}

/**
 * English function words and question words. Vietnamese place names ("Nam Định") appear in
 * English questions, so diacritics alone cannot tell the languages apart.
 */
const ENGLISH = new Set(
  ('the a an of in on at to for from by with under into about what which who whom whose how when where why ' +
    'does do did is are was were be been must should can will has have had its their this that these those ' +
    'and or not any each plan plans province provincial agency agencies department leads lead asked set date').split(' '),
);

/** Vietnamese function words as typed without diacritics; "nam" is left out (Nam Định, năm). */
const VIETNAMESE_BARE = new Set(
  ('ai cua cac nao theo la gi co duoc nhung cho ve voi tai trong thi phai chu tri phoi hop tinh ke hoach ' +
    'bao nhieu khi den ngay thang nhu the va mot so nay do o lam giao sau truoc huyen xa').split(' '),
);

/** Letters Vietnamese writes with diacritics; a question holding one was typed with diacritics. */
const VIETNAMESE_MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/** Vietnamese with diacritics, Vietnamese without, or English: how the official typed the question. */
export function detectLang(question: string): QuestionLang {
  const tokens = matchTokens(question);
  const bare = tokens.map((t) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'));
  const en = tokens.filter((t) => ENGLISH.has(t)).length;
  const vi = bare.filter((t, i) => VIETNAMESE_BARE.has(t) && !ENGLISH.has(tokens[i] ?? '')).length;
  if (en > vi) return 'en';
  return VIETNAMESE_MARKED.test(question.normalize('NFC')) ? 'vi' : 'vi-nodiacritics';
}
