/**
 * Golden tests on the five sample plans: header fields, top-level structure, a few exact
 * clause texts, and every dev question's evidence inside the clause at its gold section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Clause, ParsedDocument } from '../types.ts';
import { parseDocument } from './index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const plansDir = path.resolve(here, '../plans');
const repoRoot = path.resolve(here, '../..');
const devSet = [path.join(repoRoot, 'eval/sets/dev.jsonl'), path.resolve(repoRoot, '../shared/eval/dev.jsonl')].find((p) => fs.existsSync(p));

const docs = new Map<string, ParsedDocument>();
function doc(id: string): ParsedDocument {
  let d = docs.get(id);
  if (!d) {
    d = parseDocument(id, fs.readFileSync(path.join(plansDir, id), 'utf8'));
    docs.set(id, d);
  }
  return d;
}

function tokens(text: string): string[] {
  return Array.from(text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
}

function containsRun(hay: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((t, j) => hay[i + j] === t)) return true;
  return false;
}

function clause(id: string, section: string): Clause | undefined {
  return doc(id).clauses.find((c) => c.id === `${id}#${section}`);
}

/** Top-level parts with the number of numbered items directly under each. */
function outline(id: string): string[] {
  const cl = doc(id).clauses;
  return cl.filter((c) => c.kind === 'part').map((p) => `${p.section}:${cl.filter((c) => c.kind === 'item' && c.parentId === p.id).length}`);
}

describe('sample plans: headers', () => {
  it.each([
    ['nam-dinh-2024-nq02.txt', { issuer: 'Ủy ban nhân dân tỉnh Nam Định', number: null, date: '2024-01-19', province: 'Nam Định', year: 2024, implements: 'Nghị quyết số 02/NQ-CP ngày 05/01/2024', kind: 'nq02' }],
    ['bac-giang-2024-nq02.txt', { issuer: 'Ủy ban nhân dân tỉnh Bắc Giang', number: null, date: null, province: 'Bắc Giang', year: 2024, implements: 'Nghị quyết số 02/NQ-CP ngày 05/01/2024', kind: 'nq02' }],
    ['nam-dinh-2022-cchc.txt', { issuer: 'Ủy ban nhân dân tỉnh Nam Định', number: null, date: null, province: 'Nam Định', year: 2022, implements: 'Nghị quyết số 76/NQ-CP ngày 15/7/2021', kind: 'cchc', title: 'Cải cách hành chính tỉnh Nam Định năm 2022' }],
    ['lang-son-2021-nq02.txt', { issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn', number: null, date: null, province: 'Lạng Sơn', year: 2021, implements: 'Nghị quyết số 02/NQ-CP ngày 01/01/2021', kind: 'nq02' }],
    ['ninh-thuan-2024-cctthc.txt', { issuer: 'Ủy ban nhân dân tỉnh Ninh Thuận', number: null, date: null, province: 'Ninh Thuận', year: 2024, implements: null, kind: 'cctthc', title: 'Quyết định ban hành Kế hoạch triển khai nhiệm vụ cải cách thủ tục hành chính trọng tâm tỉnh Ninh Thuận năm 2024' }],
  ])('%s', (id, expected) => {
    expect(doc(id).header).toMatchObject(expected);
  });

  it('titles start with the document type', () => {
    expect(doc('bac-giang-2024-nq02.txt').header.title).toBe(
      'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP ngày 05/01/2024 của Chính phủ về những nhiệm vụ, giải pháp chủ yếu cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2024',
    );
  });
});

describe('sample plans: structure', () => {
  it.each([
    ['nam-dinh-2024-nq02.txt', ['I:2', 'III:3', 'IV:2', 'V:3']],
    ['bac-giang-2024-nq02.txt', ['I:2', 'II:7', 'III:5']],
    ['nam-dinh-2022-cchc.txt', ['I:2', 'II:7', 'III:3']],
    ['lang-son-2021-nq02.txt', ['I:2', 'II:6', 'III:6']],
    ['ninh-thuan-2024-cctthc.txt', ['I:6', 'II:2', 'III:0', 'IV:9']],
  ])('%s parts and their items', (id, parts) => {
    expect(outline(id)).toEqual(parts);
  });

  it('keeps the decision articles and the plan in one Ninh Thuận document', () => {
    const d = doc('ninh-thuan-2024-cctthc.txt');
    expect(d.clauses.filter((c) => c.kind === 'article').map((c) => c.section)).toEqual(['Điều 1', 'Điều 2', 'Điều 3']);
    expect(clause('ninh-thuan-2024-cctthc.txt', 'IV.4.c')?.text).toBe(
      'Chủ trì, phối hợp với các sở, ban, ngành, địa phương tham mưu UBND tỉnh ban hành danh mục thành phần hồ sơ phải số hóa theo quy định tại Thông tư số 01/2023/TT-VPCP của Văn phòng Chính phủ trong quý I năm 2024.',
    );
  });

  it('has exact clause texts, page artefacts gone', () => {
    expect(clause('nam-dinh-2024-nq02.txt', 'IV.2.5.e')?.text).toBe(
      'Cục Thuế tỉnh chủ trì, phối hợp với các cở, ban, ngành, UBND các huyện, thành phố Nam Định khẩn trương tháo gỡ các vướng mắc về hoàn thuế giá trị gia tăng; giải quyết hoàn thuế giá trị gia tăng kịp thời cho doanh nghiệp, người nộp thuế đảm bảo đúng đối tượng, chính sách, quy định. Tiếp tục thực hiện Chỉ thị số 12/CT-UBND ngày 01/6/2023 của UBND tỉnh về việc triển khai thực hiện Chiến lược cải cách hệ thống thuế đến năm 2030 trên địa bàn tỉnh Nam Định.',
    );
    expect(clause('nam-dinh-2024-nq02.txt', 'IV.2.2.f')?.text.startsWith('Các sở, ban, ngành, đoàn thể của tỉnh')).toBe(true);
    expect(clause('lang-son-2021-nq02.txt', 'I.2~2')?.text).toContain('liên quan đến người dân, doanh nghiệp; đơn giản hóa');
    expect(clause('nam-dinh-2022-cchc.txt', 'II.2.2~1')?.text).toBe(
      'Hoàn thành việc số hóa kết quả giải quyết TTHC còn hiệu lực tương ứng 50%, 40%, 35% đối với kết quả thuộc thẩm quyền của cấp tỉnh, cấp huyện, cấp xã để đảm bảo việc kết nối chia sẻ dữ liệu trong giải quyết TTHC trên môi trường điện tử theo Kế hoạch số 86/KH-UBND ngày 28/7/2021 của UBND tỉnh Kế hoạch số 86/KH-UBND ngày 28/7/2021 của UBND tỉnh v/v triển khai thực hiện đề án đổi mới thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC của tỉnh Nam Định.',
    );
  });

  it('moves a footnote next to the clause citing it (Bắc Giang “5 rõ”4)', () => {
    const text = doc('bac-giang-2024-nq02.txt').clauses.find((c) => c.text.includes('phương châm “3 dám, 3 hơn, 5 rõ”,'))?.text ?? '';
    expect(text).toContain('05 rõ (rõ người, rõ việc, rõ tiến độ, rõ trách nhiệm và rõ kết quả)');
  });

  it('gives unique ids, parents that exist, and a back-matter block', () => {
    for (const id of fs.readdirSync(plansDir).filter((f) => f.endsWith('.txt'))) {
      const cl = doc(id).clauses;
      const ids = new Set(cl.map((c) => c.id));
      expect(ids.size).toBe(cl.length);
      for (const c of cl) if (c.parentId) expect(ids.has(c.parentId)).toBe(true);
      expect(cl.some((c) => c.kind === 'back' && c.text.startsWith('Nơi nhận'))).toBe(true);
    }
  });
});

interface DevQuestion {
  id: string;
  doc: string | null;
  section: string | null;
  evidence: string | null;
}

describe.skipIf(!devSet)('dev questions: evidence lies in the clause at the gold section', () => {
  const questions: DevQuestion[] = devSet
    ? fs.readFileSync(devSet, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as DevQuestion)
    : [];
  const answerable = questions.filter((q) => q.doc && q.section && q.evidence && !q.section.startsWith('Phụ lục'));

  it.each(answerable.map((q) => [q.id, q] as const))('%s', (_id, q) => {
    const atSection = doc(q.doc ?? '').clauses.filter((c) => c.section === q.section);
    expect(atSection.length, `no clause at ${q.section}`).toBeGreaterThan(0);
    expect(atSection.some((c) => containsRun(tokens(c.text), tokens(q.evidence ?? '')))).toBe(true);
  });
});
