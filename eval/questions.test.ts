import { describe, expect, it } from 'vitest';
import { EvalError } from './errors.ts';
import { detectLang, loadQuestionSet, parseQuestionSet } from './questions.ts';

const LINE = { id: 'q1', question: 'Ai chủ trì?', type: 'lead_agency', province: null, year: 2024, doc: 'a.txt', section: 'I.1', evidence: 'Sở Tư pháp chủ trì', answer: 'Sở Tư pháp', agencies: ['Sở Tư pháp'] };
const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

describe('parseQuestionSet', () => {
  it('reads the dev format, NFC-normalised, skipping blank lines', () => {
    const qs = parseQuestionSet(`${jsonl({ ...LINE, question: LINE.question.normalize('NFD') })}\n\n`);
    expect(qs).toHaveLength(1);
    expect(qs[0]!.question).toBe('Ai chủ trì?');
  });

  it('names the line of a broken, duplicate or unscorable question', () => {
    expect(() => parseQuestionSet(`${jsonl(LINE)}\n{oops`, 'set.jsonl')).toThrow(/set\.jsonl:2: not valid JSON/);
    expect(() => parseQuestionSet(jsonl(LINE, LINE))).toThrow(/duplicate id q1/);
    expect(() => parseQuestionSet(jsonl({ ...LINE, type: 'trivia' }))).toThrow(EvalError);
    expect(() => parseQuestionSet(jsonl({ ...LINE, evidence: null }))).toThrow(/no evidence/);
    expect(() => parseQuestionSet('')).toThrow(/no questions/);
  });

  it('accepts an unanswerable question without evidence', () => {
    expect(parseQuestionSet(jsonl({ ...LINE, type: 'unanswerable', evidence: null, doc: null }))[0]!.type).toBe('unanswerable');
  });

  it('loads the project copy of the dev set', async () => {
    const qs = await loadQuestionSet(new URL('./sets/dev.jsonl', import.meta.url).pathname);
    expect(qs.length).toBeGreaterThanOrEqual(50);
    expect(new Set(qs.map((q) => detectLang(q.question)))).toEqual(new Set(['vi', 'vi-nodiacritics', 'en']));
  });
});

describe('detectLang', () => {
  it('tells Vietnamese with diacritics, without, and English apart', () => {
    expect(detectLang('Ở Lạng Sơn, cơ quan nào làm đầu mối theo dõi chỉ số Nộp thuế?')).toBe('vi');
    expect(detectLang('lang son co quan nao lam dau moi theo doi chi so tiep can dien nang')).toBe('vi-nodiacritics');
    expect(detectLang('What is the State Bank branch in Bac Giang asked to do?')).toBe('en');
  });

  it('keeps an English question English when it names a place with diacritics', () => {
    expect(detectLang('Which agency leads VAT refunds in Nam Định?')).toBe('en');
    expect(detectLang('Which provincial HĐND resolution must Bac Giang implement?')).toBe('en');
  });
});
