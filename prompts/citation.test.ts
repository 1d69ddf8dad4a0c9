import { describe, expect, it } from 'vitest';
import { formatAnswerText, formatCitation, sectionName, toCitation } from './citation.ts';
import { HEADER, ROW, VAT } from './handmade.fixture.ts';
import type { AnswerObject, Citation } from './types.ts';

const VAT_CITE: Citation = { ...toCitation(VAT, HEADER), taskId: 'ND24-04SE' };

describe('formatCitation', () => {
  it('names a numbered plan by number, issuer and year', () => {
    expect(formatCitation(VAT_CITE, 'vi')).toBe('Kế hoạch số 417/KH-UBND của UBND tỉnh Nam Định năm 2024 (nay thuộc tỉnh Ninh Bình) — Mục IV.2.5.e');
    expect(formatCitation(VAT_CITE, 'en')).toBe('Kế hoạch số 417/KH-UBND (UBND tỉnh Nam Định, 2024) (now part of Ninh Bình) — Section IV.2.5.e');
  });

  it('falls back on the title, without repeating the province or year it already states', () => {
    const c: Citation = { ...VAT_CITE, number: null, issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn', province: 'Lạng Sơn', provinceNow: null, year: 2021, title: 'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2021 trên địa bàn tỉnh Lạng Sơn' };
    expect(formatCitation(c, 'vi')).toBe('Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2021 trên địa bàn tỉnh Lạng Sơn — Mục IV.2.5.e');
    const bare: Citation = { ...c, title: 'Cải cách hành chính tỉnh Nam Định năm 2022', province: 'Nam Định', provinceNow: 'Ninh Bình', year: 2022, issuer: null };
    expect(formatCitation(bare, 'vi')).toBe('Kế hoạch cải cách hành chính tỉnh Nam Định năm 2022 (nay thuộc tỉnh Ninh Bình) — Mục IV.2.5.e');
    const cut: Citation = { ...c, title: 'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP của Chính phủ về', province: 'Nam Định', provinceNow: 'Ninh Bình', year: 2024, issuer: 'Ủy ban nhân dân tỉnh Nam Định' };
    expect(formatCitation(cut, 'vi')).toBe('Kế hoạch thực hiện Nghị quyết số 02/NQ-CP của Chính phủ của UBND tỉnh Nam Định năm 2024 (nay thuộc tỉnh Ninh Bình) — Mục IV.2.5.e');
  });

  it('names a former province\'s plan with the unit it belongs to today (2025 merger)', () => {
    expect(VAT_CITE.provinceNow).toBe('Ninh Bình');
    const hcm: Citation = { ...VAT_CITE, number: '172/KH-UBND', issuer: 'Ủy ban nhân dân thành phố Hồ Chí Minh', province: 'Hồ Chí Minh', provinceNow: null, year: 2025 };
    expect(formatCitation(hcm, 'vi')).toBe('Kế hoạch số 172/KH-UBND của UBND thành phố Hồ Chí Minh năm 2025 — Mục IV.2.5.e');
    const ttg: Citation = { ...VAT_CITE, number: '2530/QĐ-TTg', issuer: 'Thủ tướng Chính phủ', province: null, provinceNow: null, year: 2025 };
    expect(formatCitation(ttg, 'vi')).toBe('Quyết định số 2530/QĐ-TTg của Thủ tướng Chính phủ năm 2025 — Mục IV.2.5.e');
  });

  it('names appendix rows and articles the way the plans do', () => {
    expect(sectionName('Phụ lục.II.03', 'vi')).toBe('Phụ lục, nhóm II, dòng 03');
    expect(sectionName('Phụ lục.8.5', 'vi')).toBe('Phụ lục, dòng 8.5');
    expect(sectionName('Phụ lục.II.03', 'en')).toBe('Appendix, group II, row 03');
    expect(sectionName('Điều 3', 'vi')).toBe('Điều 3');
    expect(sectionName('Điều 3', 'en')).toBe('Article 3');
    expect(formatCitation(toCitation(ROW, HEADER), 'vi')).toMatch(/— Phụ lục, nhóm II, dòng 03$/u);
  });
});

describe('formatAnswerText', () => {
  const answer: AnswerObject = {
    question: 'Which agency leads VAT refunds in Nam Định?', answerable: true, lang: 'en', taskId: 'ND24-04SE',
    answer: 'Lead: Cục Thuế tỉnh.', citations: [VAT_CITE, VAT_CITE, { ...VAT_CITE, section: 'IV.5', taskId: null }], hits: [], ms: 3,
  };

  it('shows the answer, the source with its verbatim quote, the task code and other sources once each', () => {
    const text = formatAnswerText(answer);
    expect(text).toBe([
      'Lead: Cục Thuế tỉnh.', '',
      'Source: Kế hoạch số 417/KH-UBND (UBND tỉnh Nam Định, 2024) (now part of Ninh Bình) — Section IV.2.5.e',
      `«${VAT.text}»`,
      'Mã nhiệm vụ: ND24-04SE (task code)', '',
      'Other sources:', '- Kế hoạch số 417/KH-UBND (UBND tỉnh Nam Định, 2024) (now part of Ninh Bình) — Section IV.5',
    ].join('\n'));
  });

  it('frames a Vietnamese answer in Vietnamese and a refusal without sources', () => {
    const vi = formatAnswerText({ ...answer, lang: 'vi', citations: [VAT_CITE] });
    expect(vi).toContain('Nguồn: Kế hoạch số 417/KH-UBND của UBND tỉnh Nam Định năm 2024 (nay thuộc tỉnh Ninh Bình) — Mục IV.2.5.e');
    expect(vi).toContain('Mã nhiệm vụ: ND24-04SE');
    const refusal = formatAnswerText({ ...answer, lang: 'vi', answerable: false, answer: 'Không tìm thấy …', citations: [], taskId: null });
    expect(refusal).toBe('Không tìm thấy …');
  });
});
