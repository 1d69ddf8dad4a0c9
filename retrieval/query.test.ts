import { describe, expect, it } from 'vitest';
import { prepareQuery, scopeDocuments } from './query.ts';
import type { IndexedDocument } from './types.ts';

const doc = (id: string, province: string, year: number, kind: string): IndexedDocument => ({
  id,
  header: { issuer: null, number: null, date: null, province, year, title: null, implements: null, kind },
});
const DOCS = [
  doc('nd24', 'Nam Định', 2024, 'nq02'),
  doc('nd22', 'Nam Định', 2022, 'cchc'),
  doc('bg24', 'Bắc Giang', 2024, 'nq02'),
  doc('ls21', 'Lạng Sơn', 2021, 'nq02'),
];
const filters = (q: string) => prepareQuery(q).filters;

describe('provinces', () => {
  it('are found with or without diacritics, in English too', () => {
    expect(filters('Ở Nam Định ai chủ trì?').provinces).toEqual(['Nam Định']);
    expect(filters('lang son co quan nao lam dau moi').provinces).toEqual(['Lạng Sơn']);
    expect(filters("Who leads this under Nam Dinh's plan?").provinces).toEqual(['Nam Định']);
  });

  it('are not read into ordinary words', () => {
    expect(filters('diễn biến thị trường năm 2024').provinces).toEqual([]);
    expect(filters('giữ vững hòa bình, ổn định').provinces).toEqual([]);
    expect(filters('tỉnh Hòa Bình').provinces).toEqual(['Hòa Bình']);
  });

  it('are taken out of the search terms', () => {
    const q = prepareQuery('Cục Thuế tỉnh Nam Định chủ trì việc gì?');
    expect(q.terms.unigrams).not.toContain('nam');
    expect(q.terms.unigrams).toContain('thuế');
  });
});

describe('plan years', () => {
  it('count "năm 2024" and bare years, not horizons, comparisons or document numbers', () => {
    expect(filters('KH năm 2024 của Bắc Giang').years).toEqual([2024]);
    expect(filters('Theo KH NQ 02 năm 2024, đến năm 2025 PCI vào nhóm nào?').years).toEqual([2024]);
    expect(filters('giảm so với năm 2023').years).toEqual([]);
    expect(filters('theo Thông tư 01/2023/TT-VPCP').years).toEqual([]);
    expect(filters('giai đoạn 2021-2025').years).toEqual([]);
    expect(filters('by 2025, what share').years).toEqual([]);
  });
});

describe('kinds and intents', () => {
  it('recognise a named plan kind and what is asked', () => {
    const q = prepareQuery('ai chu tri theo kh cchc nam dinh 2022');
    expect(q.filters.kinds).toEqual(['cchc']);
    expect(q.intents).toContain('lead');
    expect(prepareQuery('phối hợp với cơ quan nào để nâng cấp').intents).toContain('coordinate');
    expect(prepareQuery('phải báo cáo trước ngày nào').intents).toContain('deadline');
    expect(prepareQuery('What minimum share of dossiers').intents).toContain('target');
  });
});

describe('plan names', () => {
  it('read "NQ 02" and a year glued to it by a slash as the plan, not search terms', () => {
    const q = prepareQuery('Theo KH thực hiện NQ 02, ai tổ chức đối thoại?');
    expect(q.filters.kinds).toEqual(['nq02']);
    expect(q.terms.content).not.toContain('2');
    const glued = prepareQuery('Báo tỉnh có nhiệm vụ gì trong KH thực hiện NQ02/2024?');
    expect(glued.filters.years).toEqual([2024]);
    expect(glued.terms.content).not.toContain('2024');
  });

  it('find intent cues a province splits', () => {
    expect(prepareQuery('Which Bac Giang department reviews the list?').intents).toContain('lead');
  });
});

describe('scopeDocuments', () => {
  it('keeps to the province and year named', () => {
    expect(scopeDocuments(filters('Nam Định năm 2024'), DOCS).docIds).toEqual(['nd24']);
    expect(scopeDocuments(filters('Nam Định'), DOCS).docIds).toEqual(['nd24', 'nd22']);
    expect(scopeDocuments(filters('năm 2022'), DOCS).docIds).toEqual(['nd22']);
  });

  it('keeps a document without a year for a question naming one (a law)', () => {
    const law: IndexedDocument = { id: 'law', header: { ...DOCS[0]!.header, province: null, year: null, kind: null } };
    expect(scopeDocuments(filters('Theo Luật Giáo dục năm 2019'), [...DOCS, law]).docIds).toEqual(['law']);
  });

  it('refuses a province or year no document covers', () => {
    expect(scopeDocuments(filters('Kế hoạch năm 2022 của Bắc Giang'), DOCS).refusal).toBe('unknown_scope');
    expect(scopeDocuments(filters('Đà Nẵng chủ trì việc gì'), DOCS).refusal).toBe('unknown_scope');
    expect(scopeDocuments(filters('năm 2019'), DOCS).refusal).toBe('unknown_scope');
    expect(scopeDocuments(filters('ai chủ trì số hóa hồ sơ'), DOCS).refusal).toBeUndefined();
  });
});
